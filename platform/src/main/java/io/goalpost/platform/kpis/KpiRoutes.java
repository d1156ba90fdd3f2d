package io.goalpost.platform.kpis;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
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
    private final Clock clock;

    public KpiRoutes(KpiService kpis, ScopeResolver scopes, AnalyticsCache cache, Clock clock) {
        this.kpis = kpis;
        this.scopes = scopes;
        this.cache = cache;
        this.clock = clock;
        JsonArray arr = new JsonArray();
        KpiCatalog.all().forEach(k -> arr.add(k.toJson()));
        this.catalogJson = new JsonObject().put("kpis", arr);
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/kpis", Access.VIEWER, Handlers.reply(200, ctx -> Future.succeededFuture(catalogJson)));
        routes.get("/kpis/:id", Access.VIEWER, Handlers.reply(200, this::rollup));
    }

    /** {@code GET /api/kpis}: the catalog. */
    public JsonObject catalog() {
        return catalogJson;
    }

    private Future<String> rollup(RoutingContext ctx) {
        return rollup(ctx, Requests.dateParam(ctx, "from"), Requests.dateParam(ctx, "to"));
    }

    /**
     * {@code GET /api/kpis/{id}} over a given range (a share link's, whatever the query says); the KPI,
     * granularity, networks and accounts come from the request.
     */
    public Future<String> rollup(RoutingContext ctx, LocalDate from, LocalDate to) {
        String id = ctx.pathParam("id");
        KpiDefinition kpi = KpiCatalog.byId(id).orElseThrow(() -> ApiError.notFound("KPI '" + id + "'"));
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
        return series(kpi, from, to, g, networks, accounts);
    }

    /**
     * The answer of {@code GET /api/kpis/{id}} as JSON text, cached like it: also what the dashboard's
     * one-call answer ({@code GET /api/dashboard/full}) embeds per KPI and network.
     */
    public Future<String> series(KpiDefinition kpi, LocalDate from, LocalDate to, Granularity g, List<String> networks, List<Long> accounts) {
        LocalDate today = LocalDate.now(clock);
        String key = "kpi|" + kpi.id() + "|" + from + "|" + to + "|" + g + "|" + networks + "|" + accounts + "|" + today;
        return cache.get(key, () -> compute(kpi, from, to, g, networks, accounts, today).map(JsonObject::encode));
    }

    /**
     * Computes the answer of {@code GET /api/kpis/{id}}: the series up to today (each bucket marked
     * complete when it ends by the scope's data-through day), the total through that day and the
     * like-for-like comparison with the previous period.
     */
    public Future<JsonObject> compute(KpiDefinition kpi, LocalDate from, LocalDate to, Granularity g, List<String> networks,
            List<Long> accounts, LocalDate today) {
        LocalDate end = to.isAfter(today) ? today : to;
        return scopes.resolve(null, networks, accounts, "networks", "accounts", false).compose(scope ->
                ReportingExtents.load(kpis.pool(), List.of(scope.ids()), List.of(kpi), end).compose(extents -> {
            LikeForLike.Plan plan = LikeForLike.plan(kpi, from, to, today, scope, extents, kpis.capabilities());
            List<Bucket> buckets = end.isBefore(from) ? List.of() : Periods.split(from, end, g);
            Future<List<KpiValue>> values = kpis.values(null, kpi, scope, buckets);
            Future<List<AccountRow>> compared = kpis.accountRows(null, kpi, scope, plan.buckets());
            return Future.all(values, compared).map(done -> {
                List<KpiValue> v = values.result();
                JsonArray series = new JsonArray();
                for (int i = 0; i < buckets.size(); i++) {
                    Bucket b = buckets.get(i);
                    series.add(v.get(i).toJson().put("start", b.from().toString()).put("end", b.to().toString())
                            .put("complete", plan.complete(b)));
                }
                LikeForLike.Result r = LikeForLike.compare(kpi, plan, scope, kpis.capabilities(), compared.result());
                Bucket current = plan.current() == null ? new Bucket(0, from, from) : plan.current();
                Coverage totCov = r.value().coverage().withAccounts(KpiMath.accountDetail(kpi, current, scope,
                        kpis.capabilities(), compared.result()));
                KpiValue tot = r.value();
                JsonObject total = new KpiValue(tot.value(), tot.reason(), tot.label(), totCov).toJson()
                        .put("from", from.toString()).put("to", plan.through() == null ? null : plan.through().toString());
                JsonObject previous = r.previous().toJson()
                        .put("from", plan.previous() == null ? null : plan.previous().from().toString())
                        .put("to", plan.previous() == null ? null : plan.previous().to().toString());
                return new JsonObject()
                        .put("kpi", kpi.toJson())
                        .put("from", from.toString()).put("to", to.toString()).put("granularity", g.id())
                        .put("scope", scope.toJson())
                        .put("series", series)
                        .put("total", total)
                        .put("previous", previous)
                        .put("change", r.change())
                        .put("comparison", r.comparison().toJson().put("value", r.compared()));
            });
        }));
    }
}
