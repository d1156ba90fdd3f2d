package io.goalpost.platform.kpis;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /api/kpis} and {@code GET /api/kpis/{id}}. */
public final class KpiRoutes implements RouteModule {

    /** The longest range a roll-up may cover, in days. */
    public static final int MAX_RANGE_DAYS = 1100;

    private final KpiService kpis;
    private final ScopeResolver scopes;
    private final AnalyticsCache cache;
    private final JsonObject catalogJson;

    public KpiRoutes(KpiService kpis, ScopeResolver scopes, AnalyticsCache cache) {
        this.kpis = kpis;
        this.scopes = scopes;
        this.cache = cache;
        JsonArray arr = new JsonArray();
        KpiCatalog.all().forEach(k -> arr.add(k.toJson()));
        this.catalogJson = new JsonObject().put("kpis", arr);
    }

    @Override
    public void mount(Router api) {
        api.get("/kpis").handler(Handlers.reply(200, ctx -> Future.succeededFuture(catalogJson)));
        api.get("/kpis/:id").handler(Handlers.reply(200, this::rollup));
    }

    private Future<String> rollup(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        KpiDefinition kpi = KpiCatalog.byId(id).orElseThrow(() -> ApiError.notFound("KPI '" + id + "'"));
        LocalDate from = Requests.dateParam(ctx, "from");
        LocalDate to = Requests.dateParam(ctx, "to");
        if (to.isBefore(from)) {
            throw ApiError.badRequest("'to' (" + to + ") is before 'from' (" + from + ")", Map.of("to", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw ApiError.badRequest("the range is longer than " + MAX_RANGE_DAYS + " days",
                    Map.of("to", "the range may cover at most " + MAX_RANGE_DAYS + " days"));
        }
        Granularity g = Granularity.parse(ctx.queryParams().get("granularity"));
        List<String> networks = Requests.listParam(ctx, "networks");
        List<Long> accounts = new ArrayList<>();
        for (String raw : Requests.listParam(ctx, "accounts")) {
            try {
                accounts.add(Long.parseLong(raw));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("accounts: '" + raw + "' is not an account id", Map.of("accounts", "'" + raw + "' is not an account id"));
            }
        }
        String key = "kpi|" + kpi.id() + "|" + from + "|" + to + "|" + g + "|" + networks + "|" + accounts;
        return cache.get(key, () -> compute(kpi, from, to, g, networks, accounts).map(JsonObject::encode));
    }

    /** Computes the answer of {@code GET /api/kpis/{id}}. */
    public Future<JsonObject> compute(KpiDefinition kpi, LocalDate from, LocalDate to, Granularity g, List<String> networks,
            List<Long> accounts) {
        return scopes.resolve(null, networks, accounts, "networks", "accounts", false).compose(scope -> {
            List<Bucket> buckets = new ArrayList<>(Periods.split(from, to, g));
            int totalIdx = buckets.size();
            Bucket total = new Bucket(totalIdx, from, to);
            Bucket prev = Periods.previous(totalIdx + 1, from, to);
            buckets.add(total);
            buckets.add(prev);
            Future<List<KpiValue>> values = kpis.values(null, kpi, scope, buckets);
            Future<List<AccountRow>> detail = kpis.accountRows(null, kpi, scope, List.of(new Bucket(0, from, to)));
            return Future.all(values, detail).map(done -> {
                List<KpiValue> v = values.result();
                JsonArray series = new JsonArray();
                for (int i = 0; i < totalIdx; i++) {
                    Bucket b = buckets.get(i);
                    KpiValue kv = v.get(i);
                    series.add(new JsonObject().put("start", b.from().toString()).put("end", b.to().toString())
                            .put("value", kv.value()).put("reason", kv.reason()).put("label", kv.label())
                            .put("coverage", kv.coverage().toJson()));
                }
                KpiValue tot = v.get(totalIdx);
                Coverage totCov = tot.coverage().withAccounts(KpiMath.accountDetail(kpi, new Bucket(0, from, to), scope,
                        kpis.capabilities(), detail.result()));
                KpiValue pv = v.get(totalIdx + 1);
                return new JsonObject()
                        .put("kpi", kpi.toJson())
                        .put("from", from.toString()).put("to", to.toString()).put("granularity", g.id())
                        .put("scope", scope.toJson())
                        .put("series", series)
                        .put("total", new KpiValue(tot.value(), tot.reason(), tot.label(), totCov).toJson())
                        .put("previous", pv.toJson().put("from", prev.from().toString()).put("to", prev.to().toString()))
                        .put("change", change(tot.value(), pv.value()));
            });
        });
    }

    /** {"absolute", "percent"} between two values, nulls when either is missing. */
    public static JsonObject change(Double now, Double before) {
        Double abs = now == null || before == null ? null : now - before;
        Double pct = abs == null || before == 0 ? null : abs / Math.abs(before) * 100;
        return new JsonObject().put("absolute", abs).put("percent", pct);
    }
}
