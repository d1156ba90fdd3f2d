package io.goalpost.platform.kpis;

import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.dashboard.DashboardRoutes;
import io.goalpost.platform.dashboard.DashboardService;
import io.goalpost.platform.goals.GoalEvaluator;
import io.goalpost.platform.goals.GoalRoutes;
import io.goalpost.platform.goals.GoalService;
import io.goalpost.platform.goals.GoalStore;
import io.goalpost.platform.goals.TacticRoutes;
import io.goalpost.platform.imports.ImportRoutes;
import io.goalpost.platform.imports.MetricImporter;
import io.goalpost.platform.plugins.NetworkCatalog;
import io.goalpost.platform.shares.ShareLinks;
import io.goalpost.platform.shares.ShareRoutes;
import io.goalpost.platform.storage.Database;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/**
 * The analytics part of the API, ready to mount: KPIs ({@code /api/kpis}), objectives and goals
 * ({@code /api/objectives}, {@code /api/goals}), tactics ({@code /api/goals/{id}/tactics}), manual and
 * CSV imports ({@code /api/accounts/{id}/metrics}), the dashboard ({@code /api/dashboard}) and its
 * read-only share links ({@code /api/shares}, {@code /api/shared/{token}}).
 * Shapes: platform/API-analytics.md.
 */
public final class AnalyticsModules {

    /** Answers kept per instance (each is one dashboard, goal list or KPI query). */
    public static final int CACHE_ENTRIES = 512;

    private AnalyticsModules() {
    }

    /** Every analytics route module, sharing one cache and one set of services. */
    public static List<RouteModule> create(Database db, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        return create(db.pool(), db.quickPool(), catalog, clock, audit);
    }

    /** The same over one pool (tests). */
    public static List<RouteModule> create(Pool pool, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        return create(pool, pool, catalog, clock, audit);
    }

    /** The analytics queries run on {@code pool}, the cache's freshness checks on {@code quickPool}. */
    public static List<RouteModule> create(Pool pool, Pool quickPool, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        Capabilities caps = new Capabilities(catalog);
        AnalyticsCache cache = new AnalyticsCache(quickPool, CACHE_ENTRIES);
        KpiService kpis = new KpiService(pool, caps);
        ScopeResolver scopes = new ScopeResolver(pool, caps);
        GoalStore store = new GoalStore(pool);
        GoalEvaluator evaluator = new GoalEvaluator(kpis, caps);
        GoalService goals = new GoalService(pool, store, scopes, caps, evaluator, cache, clock);
        DashboardService dashboard = new DashboardService(goals, kpis, scopes, caps, cache);
        KpiRoutes kpiRoutes = new KpiRoutes(kpis, scopes, cache, clock);
        return List.of(
                kpiRoutes,
                new GoalRoutes(goals, audit),
                new TacticRoutes(store, audit),
                new ImportRoutes(new MetricImporter(pool), clock, audit),
                new DashboardRoutes(dashboard, pool, catalog, clock, kpiRoutes),
                new ShareRoutes(new ShareLinks(pool), goals, dashboard, kpiRoutes, audit, clock));
    }
}
