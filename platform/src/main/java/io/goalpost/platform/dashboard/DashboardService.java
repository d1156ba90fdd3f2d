package io.goalpost.platform.dashboard;

import io.goalpost.platform.goals.GoalMath;
import io.goalpost.platform.goals.GoalService;
import io.goalpost.platform.kpis.AnalyticsCache;
import io.goalpost.platform.kpis.Bucket;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.GroupRow;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiMath;
import io.goalpost.platform.kpis.KpiRoutes;
import io.goalpost.platform.kpis.KpiService;
import io.goalpost.platform.kpis.KpiValue;
import io.goalpost.platform.kpis.Periods;
import io.goalpost.platform.kpis.ResolvedScope;
import io.goalpost.platform.kpis.ScopeResolver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
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
    private final ScopeResolver scopes;
    private final Capabilities caps;
    private final AnalyticsCache cache;

    public DashboardService(GoalService goals, KpiService kpis, ScopeResolver scopes, Capabilities caps, AnalyticsCache cache) {
        this.goals = goals;
        this.kpis = kpis;
        this.scopes = scopes;
        this.caps = caps;
        this.cache = cache;
    }

    /** Today in the server's clock. */
    public LocalDate today() {
        return goals.today();
    }

    /** The dashboard for [from, to] as JSON text, cached per data generation and day. */
    public Future<String> dashboard(LocalDate from, LocalDate to) {
        LocalDate today = goals.today();
        return cache.get("dashboard|" + from + "|" + to + "|" + today, () -> compute(from, to, today).map(JsonObject::encode));
    }

    private Future<JsonObject> compute(LocalDate from, LocalDate to, LocalDate today) {
        Bucket current = new Bucket(0, from, to);
        Bucket previous = Periods.previous(1, from, to);
        Future<List<JsonObject>> goalList = goals.list(today);
        Future<ResolvedScope> everyone = scopes.resolve(null, List.of(), List.of(), "scope", true);
        return Future.all(goalList, everyone).compose(done -> {
            List<JsonObject> gs = goalList.result();
            ResolvedScope scope = everyone.result();
            Set<String> kpiIds = new LinkedHashSet<>();
            gs.forEach(g -> kpiIds.add(g.getJsonObject("kpi").getString("id")));
            List<KpiDefinition> used = kpiIds.stream().map(id -> KpiCatalog.byId(id).orElseThrow()).toList();
            List<Future<List<GroupRow>>> rows = new ArrayList<>();
            for (KpiDefinition k : used) {
                rows.add(kpis.groupRows(null, k, scope, List.of(current, previous)));
            }
            return Future.all(rows).map(all -> {
                Map<String, JsonArray> cellsByNet = new LinkedHashMap<>();
                scope.countByNetwork().keySet().forEach(n -> cellsByNet.put(n, new JsonArray()));
                cellsByNet.put(ALL, new JsonArray());
                JsonArray kpiJson = new JsonArray();
                for (int i = 0; i < used.size(); i++) {
                    KpiDefinition k = used.get(i);
                    kpiJson.add(new JsonObject().put("id", k.id()).put("name", k.name())
                            .put("unit", k.unit().name().toLowerCase(java.util.Locale.ROOT))
                            .put("direction", k.direction().name().toLowerCase(java.util.Locale.ROOT)));
                    List<GroupRow> r = all.resultAt(i);
                    Map<String, KpiValue> now = KpiMath.combineByNetwork(k, current, scope, caps, r);
                    Map<String, KpiValue> before = KpiMath.combineByNetwork(k, previous, scope, caps, r);
                    for (String net : now.keySet()) {
                        cellsByNet.get(net).add(cell(k, now.get(net), before.get(net)));
                    }
                    cellsByNet.get(ALL).add(cell(k, KpiMath.combine(k, current, scope, caps, r),
                            KpiMath.combine(k, previous, scope, caps, r)));
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
                        .put("previous", new JsonObject().put("from", previous.from().toString()).put("to", previous.to().toString()))
                        .put("today", today.toString())
                        .put("summary", summary)
                        .put("goals", new JsonArray(new ArrayList<>(gs)))
                        .put("kpi_table", new JsonObject().put("kpis", kpiJson).put("networks", networks).put("rows", tableRows));
            });
        });
    }

    private static JsonObject cell(KpiDefinition k, KpiValue now, KpiValue before) {
        JsonObject change = KpiRoutes.change(now.value(), before.value());
        return new JsonObject().put("kpi", k.id()).put("value", now.value()).put("previous", before.value())
                .put("change", change.getValue("absolute")).put("change_pct", change.getValue("percent"))
                .put("reason", now.reason()).put("label", now.label())
                .put("previous_reason", before.reason())
                .put("coverage", now.coverage().toJson());
    }
}
