package io.goalpost.platform.dashboard;

import io.goalpost.platform.goals.GoalMath;
import io.goalpost.platform.goals.GoalService;
import io.goalpost.platform.kpis.AnalyticsCache;
import io.goalpost.platform.kpis.Bucket;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.AccountRow;
import io.goalpost.platform.kpis.LikeForLike;
import io.goalpost.platform.kpis.ReportingExtents;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiService;
import io.goalpost.platform.kpis.KpiValue;
import io.goalpost.platform.kpis.Periods;
import io.goalpost.platform.kpis.ResolvedScope;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything the goals dashboard shows, in one answer. */
public final class DashboardService {

    /** The id of the all-networks column of the KPI table. */
    public static final String ALL = "all";

    private final GoalService goals;
    private final KpiService kpis;
    private final Capabilities caps;
    private final AnalyticsCache cache;

    public DashboardService(GoalService goals, KpiService kpis, Capabilities caps, AnalyticsCache cache) {
        this.goals = goals;
        this.kpis = kpis;
        this.caps = caps;
        this.cache = cache;
    }

    /** Today in the server's clock. */
    public LocalDate today() {
        return goals.today();
    }

    /**
     * The dashboard for [from, to] as encoded JSON (UTF-8), cached per data generation and day. The
     * bytes are what is kept, so a cached answer is neither encoded to JSON nor to UTF-8 again per request.
     */
    public Future<Buffer> dashboard(LocalDate from, LocalDate to) {
        LocalDate today = goals.today();
        return cache.get("dashboard|" + from + "|" + to + "|" + today, () -> compute(from, to, today).map(JsonObject::toBuffer));
    }

    private Future<JsonObject> compute(LocalDate from, LocalDate to, LocalDate today) {
        Bucket previousRange = Periods.previous(1, from, to);
        LocalDate end = to.isAfter(today) ? today : to;
        return goals.sharedBasis(today).compose(basis -> {
            // Every account, as the goals are evaluated over (the same as resolving an empty scope).
            ResolvedScope scope = new ResolvedScope(List.of(), List.of(), basis.accounts());
            Set<String> kpiIds = new LinkedHashSet<>();
            basis.goals().forEach(g -> kpiIds.add(g.spec().kpi()));
            List<KpiDefinition> used = kpiIds.stream().map(id -> KpiCatalog.byId(id).orElseThrow()).toList();
            // The goals and the KPI table are computed at the same time: neither reads what the other
            // computes, and one after the other their roll-up queries waited for each other's. The goals
            // do not depend on the range: every range and the goal list share their evaluation.
            Future<List<JsonObject>> evaluated = goals.sharedEvaluation(basis);
            // The goals' extents count days up to today; a range ending earlier needs its own.
            Future<ReportingExtents> loaded = end.equals(today) ? Future.succeededFuture(basis.extents())
                    : ReportingExtents.load(kpis.pool(), List.of(scope.ids()), used, end);
            Future<List<Map<String, JsonObject>>> table = loaded.compose(extents -> table(used, from, to, today, scope, extents));
            return Future.all(evaluated, table).map(done -> {
                List<JsonObject> gs = evaluated.result();
                List<Map<String, JsonObject>> cellsByKpi = table.result();
                Map<String, JsonArray> cellsByNet = new LinkedHashMap<>();
                scope.countByNetwork().keySet().forEach(n -> cellsByNet.put(n, new JsonArray()));
                cellsByNet.put(ALL, new JsonArray());
                JsonArray kpiJson = new JsonArray();
                for (int i = 0; i < used.size(); i++) {
                    KpiDefinition k = used.get(i);
                    kpiJson.add(new JsonObject().put("id", k.id()).put("name", k.name())
                            .put("unit", k.unit().name().toLowerCase(java.util.Locale.ROOT))
                            .put("direction", k.direction().name().toLowerCase(java.util.Locale.ROOT)));
                    Map<String, JsonObject> cells = cellsByKpi.get(i);
                    cellsByNet.forEach((net, arr) -> arr.add(cells.get(net)));
                }
                JsonArray networks = new JsonArray();
                scope.countByNetwork().forEach((n, c) -> networks.add(new JsonObject().put("id", n)
                        .put("name", caps.displayName(n)).put("accounts", c)));
                networks.add(new JsonObject().put("id", ALL).put("name", "All networks").put("accounts", scope.accounts().size()));
                JsonArray tableRows = new JsonArray();
                cellsByNet.forEach((n, cells) -> tableRows.add(new JsonObject().put("network", n).put("cells", cells)));
                JsonObject summary = new JsonObject().put("goals", gs.size());
                for (GoalMath.Status s : GoalMath.Status.values()) {
                    summary.put(s.id(), 0);
                }
                gs.forEach(g -> summary.put(g.getString("status"), summary.getInteger(g.getString("status"), 0) + 1));
                return new JsonObject()
                        .put("from", from.toString()).put("to", to.toString())
                        .put("previous", new JsonObject().put("from", previousRange.from().toString())
                                .put("to", previousRange.to().toString()))
                        .put("today", today.toString())
                        .put("max_range_days", io.goalpost.platform.kpis.KpiRoutes.MAX_RANGE_DAYS)
                        .put("summary", summary)
                        .put("goals", new JsonArray(new ArrayList<>(gs)))
                        .put("kpi_table", new JsonObject().put("kpis", kpiJson).put("networks", networks).put("rows", tableRows));
            });
        });
    }

    /**
     * The KPI table: per KPI, one cell per network and one for all networks, each compared like for like
     * through its own data-through day. The cells that compare the same days share one roll-up query,
     * whichever KPI they show, so an input metric several KPIs take (views, link clicks) is read once.
     */
    private Future<List<Map<String, JsonObject>>> table(List<KpiDefinition> used, LocalDate from, LocalDate to,
            LocalDate today, ResolvedScope scope, ReportingExtents extents) {
        Map<String, ResolvedScope> cellScopes = new LinkedHashMap<>();
        scope.countByNetwork().keySet().forEach(n -> cellScopes.put(n, scope.onlyNetwork(n)));
        cellScopes.put(ALL, scope);
        List<Map<String, LikeForLike.Plan>> plans = new ArrayList<>();
        Map<String, Window> windows = new LinkedHashMap<>();
        for (KpiDefinition k : used) {
            Map<String, LikeForLike.Plan> byCell = new LinkedHashMap<>();
            cellScopes.forEach((net, s) -> {
                LikeForLike.Plan plan = LikeForLike.plan(k, from, to, today, s, extents, caps);
                byCell.put(net, plan);
                Window w = windows.computeIfAbsent(windowKey(plan), key -> new Window(plan.buckets()));
                w.kpis().add(k);
                w.accounts().addAll(List.of(s.ids()));
            });
            plans.add(byCell);
        }
        Map<String, Future<Map<String, List<AccountRow>>>> rows = new LinkedHashMap<>();
        windows.forEach((key, w) -> rows.put(key, kpis.accountRows(null, new ArrayList<>(w.kpis()),
                scope.only(w.accounts()), w.buckets())));
        return Future.all(new ArrayList<>(rows.values())).map(done -> {
            List<Map<String, JsonObject>> out = new ArrayList<>();
            for (int i = 0; i < used.size(); i++) {
                KpiDefinition k = used.get(i);
                Map<String, JsonObject> cells = new LinkedHashMap<>();
                // Each network's cell gets its own accounts' rows, not the whole window's: it would skip
                // the others' anyway, after reading every one of them three times.
                Map<String, Map<String, List<AccountRow>>> byNetwork = new HashMap<>();
                plans.get(i).forEach((net, plan) -> {
                    List<AccountRow> all = rows.get(windowKey(plan)).result().get(k.id());
                    List<AccountRow> own = net.equals(ALL) ? all
                            : byNetwork.computeIfAbsent(windowKey(plan), w -> byNetwork(all, scope)).getOrDefault(net, List.of());
                    cells.put(net, cell(k, LikeForLike.compare(k, plan, cellScopes.get(net), caps, own)));
                });
                out.add(cells);
            }
            return out;
        });
    }

    private static Map<String, List<AccountRow>> byNetwork(List<AccountRow> rows, ResolvedScope scope) {
        Map<String, List<AccountRow>> out = new HashMap<>();
        for (AccountRow r : rows) {
            String net = scope.networkOf(r.accountId());
            if (net != null) {
                out.computeIfAbsent(net, n -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** The days some cells compare, and the KPIs and accounts of those cells. */
    private record Window(List<Bucket> buckets, Set<KpiDefinition> kpis, Set<Long> accounts) {
        Window(List<Bucket> buckets) {
            this(buckets, new LinkedHashSet<>(), new LinkedHashSet<>());
        }
    }

    private static String windowKey(LikeForLike.Plan plan) {
        return plan.buckets().toString();
    }

    private static JsonObject cell(KpiDefinition k, LikeForLike.Result r) {
        KpiValue now = r.value();
        KpiValue before = r.previous();
        return new JsonObject().put("kpi", k.id()).put("value", now.value()).put("previous", before.value())
                .put("change", r.change().getValue("absolute")).put("change_pct", r.change().getValue("percent"))
                .put("reason", now.reason()).put("label", now.label())
                .put("previous_reason", before.reason())
                .put("coverage", now.coverage().toJson())
                .put("comparison", r.comparison().toJson().put("value", r.compared()));
    }
}
