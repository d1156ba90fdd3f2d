package io.goalpost.platform.dashboard;

import io.goalpost.platform.accounts.SandboxAccounts;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.kpis.Granularity;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiRoutes;
import io.goalpost.platform.kpis.ViewRange;
import io.goalpost.platform.accounts.AccountHealth;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.plugins.NetworkCatalog;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/dashboard?from=&to=}: the cached dashboard, plus the accounts whose first sync is
 * still fetching their history ({@code accounts_backfilling}), read fresh on every request.
 */
public final class DashboardRoutes implements RouteModule {

    private final DashboardService dashboard;
    /**
     * The quick pool ({@code Database#quickPool}): the backfilling accounts are read on every request,
     * and on the analytics pool that read queued behind a recomputation's roll-up queries.
     */
    private final Pool pool;
    private final NetworkCatalog catalog;
    private final Clock clock;
    private final KpiRoutes kpis;
    private final SandboxAccounts sandboxAccounts;

    public DashboardRoutes(DashboardService dashboard, Pool pool, NetworkCatalog catalog, Clock clock, KpiRoutes kpis,
            SandboxAccounts sandboxAccounts) {
        this.sandboxAccounts = sandboxAccounts;
        this.dashboard = dashboard;
        this.pool = pool;
        this.catalog = catalog;
        this.clock = clock;
        this.kpis = kpis;
    }

    /**
     * The bucket a dashboard chart uses for a range of {@code days}: days up to 45, weeks up to 120,
     * months beyond; reach is never summed over days (people are counted once a day), so it stays daily.
     */
    static Granularity chartGranularity(String kpi, long days) {
        if ("reach".equals(kpi)) {
            return Granularity.DAY;
        }
        return days > 120 ? Granularity.MONTH : days > 45 ? Granularity.WEEK : Granularity.DAY;
    }

    /**
     * {@code charts}: per KPI of the table, its granularity and the answer of {@code GET /api/kpis/{id}}
     * per network ({@code {kpi: {granularity, networks: {network: answer | {error}}}}}). One network's
     * failure is that chart's error in words, not the whole dashboard's.
     */
    private Future<JsonObject> charts(JsonObject dash, LocalDate from, LocalDate to) {
        JsonObject table = dash.getJsonObject("kpi_table", new JsonObject());
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        Map<String, Granularity> grans = new LinkedHashMap<>();
        Map<String, Map<String, Future<JsonObject>>> answers = new LinkedHashMap<>();
        for (Object k : table.getJsonArray("kpis", new JsonArray())) {
            String id = ((JsonObject) k).getString("id");
            KpiDefinition def = KpiCatalog.byId(id).orElse(null);
            if (def == null) {
                continue;
            }
            Granularity g = chartGranularity(id, days);
            grans.put(id, g);
            Map<String, Future<JsonObject>> nets = new LinkedHashMap<>();
            answers.put(id, nets);
            for (Object n : table.getJsonArray("networks", new JsonArray())) {
                String net = ((JsonObject) n).getString("id");
                if (!DashboardService.ALL.equals(net)) {
                    nets.put(net, kpis.series(def, from, to, g, List.of(net), List.of()).map(JsonObject::new)
                            .recover(e -> Future.succeededFuture(new JsonObject()
                                    .put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
                }
            }
        }
        List<Future<JsonObject>> all = answers.values().stream().flatMap(m -> m.values().stream()).toList();
        return Future.join(all).transform(ignored -> {
            JsonObject out = new JsonObject();
            answers.forEach((id, nets) -> {
                JsonObject byNet = new JsonObject();
                nets.forEach((net, f) -> byNet.put(net, f.result()));
                out.put(id, new JsonObject().put("granularity", grans.get(id).id()).put("networks", byNet));
            });
            return Future.succeededFuture(out);
        });
    }

    /**
     * The accounts still backfilling, oldest first: {@code [{id, name, network, progress: {daysFetched,
     * daysToFetch, postsFetched, startedAt, estimatedDoneAt}}]}. An account waiting for a person (a new
     * sign-in, a permission, its plugin) is not backfilling: the accounts page says what it needs.
     */
    Future<JsonArray> backfilling() {
        return pool.query("SELECT a.id, a.name, a.network, s.backfill_started_at, s.backfill_days_total, s.backfill_days_done, "
                + "s.backfill_posts FROM account a JOIN sync_state s ON s.account_id = a.id WHERE a.network <> 'manual' "
                + "AND s.backfill_done_at IS NULL AND s.status NOT IN ('needs_reauth', 'permission_missing', 'config_invalid', "
                + "'plugin_missing', 'plugin_disabled') ORDER BY a.id").execute().map(rows -> {
                    JsonArray out = new JsonArray();
                    Instant now = clock.instant();
                    for (Row r : rows) {
                        var started = r.getOffsetDateTime("backfill_started_at");
                        AccountStore.Backfill b = new AccountStore.Backfill(started == null ? null : started.toInstant(), null,
                                r.getInteger("backfill_days_total"), r.getInteger("backfill_days_done"), r.getInteger("backfill_posts"));
                        int lookback = catalog.network(r.getString("network")).map(d -> d.history().maxLookbackDays()).orElse(0);
                        out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                                .put("network", r.getString("network")).put("progress", AccountHealth.backfill(b, lookback, now)));
                    }
                    return out;
                });
    }

    /**
     * The dashboard's JSON with {@code accounts_backfilling} added: the cached bytes are copied up to
     * their closing brace, not parsed or decoded again.
     */
    static Buffer withBackfilling(Buffer dashboardJson, JsonArray backfilling) {
        int end = dashboardJson.length() - 1;
        while (end >= 0 && dashboardJson.getByte(end) != '}') {
            end--;
        }
        if (end < 0) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Buffer tail = Buffer.buffer(",\"accounts_backfilling\":" + backfilling.encode() + "}");
        return Buffer.buffer(end + tail.length()).appendBuffer(dashboardJson, 0, end).appendBuffer(tail);
    }

    /** The (cached) dashboard and the accounts backfilling, read at the same time: neither waits for the other's round trip. */
    private Future<Buffer> withBackfilling(ViewRange range) {
        Future<Buffer> dash = dashboard.dashboard(range.from(), range.to());
        Future<JsonArray> filling = backfilling();
        return Future.all(dash, filling).map(both -> withBackfilling(dash.result(), filling.result()));
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/dashboard", Access.VIEWER, Handlers.reply(200, ctx -> {
            ViewRange range = ViewRange.of(ctx, dashboard.today());
            return withBackfilling(range);
        }));
        routes.get("/dashboard/full", Access.VIEWER, Handlers.reply(200, ctx -> {
            ViewRange range = ViewRange.of(ctx, dashboard.today());
            return withBackfilling(range).compose(json -> {
                JsonObject dash = new JsonObject(json);
                // The page's "Demo data" banner comes with it: no second request for the accounts' origins.
                return charts(dash, range.from(), range.to()).compose(c -> sandboxAccounts.within(List.of(), List.of())
                        .map(demo -> dash.put("charts", c).put("demo_data", demo.toJson()).toBuffer()));
            });
        }));
    }
}
