package io.goalpost.platform.kpis;

import io.goalpost.platform.annotations.AnnotationRoutes;
import io.goalpost.platform.annotations.AnnotationStore;
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
import io.goalpost.platform.posts.PostRoutes;
import io.goalpost.platform.posts.TopPosts;
import io.goalpost.platform.reports.ReportRenderer;
import io.goalpost.platform.reports.ReportRoutes;
import io.goalpost.platform.reports.ReportSettingsStore;
import io.goalpost.platform.shares.ShareLinks;
import io.goalpost.platform.shares.ShareRoutes;
import io.goalpost.platform.storage.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/**
 * The analytics part of the API, ready to mount: KPIs ({@code /api/kpis}), objectives and goals
 * ({@code /api/objectives}, {@code /api/goals}), tactics ({@code /api/goals/{id}/tactics}), manual and
 * CSV imports ({@code /api/accounts/{id}/metrics}), the dashboard ({@code /api/dashboard}) and its
 * read-only share links ({@code /api/shares}, {@code /api/shared/{token}}); with a {@link Vertx}, also top posts
 * ({@code /api/posts}), annotations ({@code /api/annotations}) and PDF reports ({@code /api/reports}).
 * Shapes: platform/API-analytics.md, platform/API-posts.md, platform/API-reports.md.
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

    /**
     * Every analytics route module plus top posts, annotations and PDF reports, the report renderer
     * (for reports sent by e-mail) and the goal service (for goal alerts: the statuses the API shows,
     * from the same cache).
     */
    public record WithReports(List<RouteModule> routes, ReportRenderer reports, GoalService goals) {
        public WithReports {
            routes = List.copyOf(routes);
            java.util.Objects.requireNonNull(reports, "reports");
            java.util.Objects.requireNonNull(goals, "goals");
        }
    }

    /** {@link WithReports} over the database's pools. */
    public static WithReports withReports(Vertx vertx, Database db, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        return withReports(vertx, db.pool(), db.quickPool(), catalog, clock, audit);
    }

    /** {@link WithReports}: the analytics queries run on {@code pool}, the cache's freshness checks on {@code quickPool}. */
    public static WithReports withReports(Vertx vertx, Pool pool, Pool quickPool, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        Services s = new Services(pool, quickPool, catalog, clock);
        TopPosts posts = new TopPosts(pool, s.caps);
        AnnotationStore annotations = new AnnotationStore(pool);
        ReportRenderer reports = new ReportRenderer(vertx, s.dashboard, s.goals, s.kpiRoutes, posts, annotations,
                new ReportSettingsStore(pool), pool, clock, sandboxAccounts(pool, catalog));
        List<RouteModule> routes = new java.util.ArrayList<>(s.routes(pool, catalog, clock, audit));
        routes.add(new PostRoutes(posts, clock));
        routes.add(new AnnotationRoutes(annotations, s.store, audit));
        routes.add(new ReportRoutes(reports, audit));
        return new WithReports(routes, reports, s.goals);
    }

    /** The same over one pool (tests). */
    public static List<RouteModule> create(Pool pool, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        return create(pool, pool, catalog, clock, audit);
    }

    /** The analytics queries run on {@code pool}, the cache's freshness checks on {@code quickPool}. */
    public static List<RouteModule> create(Pool pool, Pool quickPool, NetworkCatalog catalog, Clock clock, AuditLog audit) {
        return new Services(pool, quickPool, catalog, clock).routes(pool, catalog, clock, audit);
    }

    /** The services the analytics routes share: one cache, one goal service. */
    private static final class Services {
        final Capabilities caps;
        final GoalStore store;
        final GoalService goals;
        final DashboardService dashboard;
        final KpiRoutes kpiRoutes;
        /** One-row reads that must not queue behind the analytics queries. */
        final Pool quickPool;

        Services(Pool pool, Pool quickPool, NetworkCatalog catalog, Clock clock) {
            this.quickPool = quickPool;
            caps = new Capabilities(catalog);
            AnalyticsCache cache = new AnalyticsCache(quickPool, CACHE_ENTRIES);
            KpiService kpis = new KpiService(pool, caps);
            ScopeResolver scopes = new ScopeResolver(pool, caps);
            store = new GoalStore(pool);
            GoalEvaluator evaluator = new GoalEvaluator(kpis, caps);
            goals = new GoalService(pool, store, scopes, caps, evaluator, cache, clock);
            dashboard = new DashboardService(goals, kpis, caps, cache);
            kpiRoutes = new KpiRoutes(kpis, scopes, cache, clock);
        }

        List<RouteModule> routes(Pool pool, NetworkCatalog catalog, Clock clock, AuditLog audit) {
            return List.of(
                    kpiRoutes,
                    new GoalRoutes(goals, audit),
                    new TacticRoutes(store, audit),
                    new ImportRoutes(new MetricImporter(pool), clock, audit),
                    new DashboardRoutes(dashboard, quickPool, catalog, clock, kpiRoutes, sandboxAccounts(pool, catalog)),
                    new ShareRoutes(new ShareLinks(pool), goals, dashboard, kpiRoutes, new AnnotationStore(pool), audit, clock,
                            sandboxAccounts(pool, catalog)));
        }
    }

    /** The demo's simulated accounts a view counts, named as their plugins name their networks. */
    static io.goalpost.platform.accounts.SandboxAccounts sandboxAccounts(Pool pool, NetworkCatalog catalog) {
        return new io.goalpost.platform.accounts.SandboxAccounts(pool,
                network -> catalog.network(network).map(io.goalpost.plugin.api.AdapterDescriptor::displayName).orElse(network));
    }
}
