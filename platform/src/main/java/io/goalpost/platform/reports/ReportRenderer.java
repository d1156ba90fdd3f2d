package io.goalpost.platform.reports;

import io.goalpost.platform.annotations.Annotation;
import io.goalpost.platform.annotations.AnnotationStore;
import io.goalpost.platform.dashboard.DashboardService;
import io.goalpost.platform.goals.GoalService;
import io.goalpost.platform.kpis.Granularity;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiRoutes;
import io.goalpost.platform.posts.PostQuery;
import io.goalpost.platform.posts.PostRanking;
import io.goalpost.platform.posts.TopPosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-rendered PDF reports: the summary of a period ({@link #summaryPdf}) and one goal's report
 * ({@link #goalPdf}). The data is gathered with the same services as the API answers (so the PDF says
 * what the dashboard says), then the charts are drawn and the PDF rendered on a small worker pool of
 * its own: never on the event loop, and never more than {@link #WORKERS} reports at once, so a burst
 * of scheduled reports cannot starve the other blocking work. Shapes and rules: platform/API-reports.md.
 */
public final class ReportRenderer {

    /** Reports rendered at once. */
    public static final int WORKERS = 2;
    /** Top posts listed in a report. */
    public static final int TOP_POSTS = 10;

    private final WorkerExecutor workers;
    private final DashboardService dashboard;
    private final GoalService goals;
    private final KpiRoutes kpis;
    private final TopPosts posts;
    private final AnnotationStore annotations;
    private final ReportSettingsStore settings;
    private final Pool pool;
    private final Clock clock;
    private final io.goalpost.platform.accounts.SandboxAccounts sandboxAccounts;

    /** {@code sandboxAccounts}: the demo's simulated accounts a report counts, for the cover's demo-data notice. */
    public ReportRenderer(Vertx vertx, DashboardService dashboard, GoalService goals, KpiRoutes kpis, TopPosts posts,
            AnnotationStore annotations, ReportSettingsStore settings, Pool pool, Clock clock,
            io.goalpost.platform.accounts.SandboxAccounts sandboxAccounts) {
        this.workers = vertx.createSharedWorkerExecutor("goalpost-reports", WORKERS);
        this.dashboard = dashboard;
        this.goals = goals;
        this.kpis = kpis;
        this.posts = posts;
        this.annotations = annotations;
        this.settings = settings;
        this.pool = pool;
        this.clock = clock;
        this.sandboxAccounts = sandboxAccounts;
    }

    /** Today in the server's clock (what "to" defaults to). */
    public LocalDate today() {
        return dashboard.today();
    }

    /** The settings store (the commentary; the team time zone read from team_settings). */
    public ReportSettingsStore settings() {
        return settings;
    }

    /**
     * The summary report of [from, to] as PDF bytes: cover (period, team time zone, goal counts,
     * commentary), each goal with its status and chart, the KPI table with like-for-like changes, a
     * chart per KPI, the top posts and the annotations of the period.
     */
    public Future<byte[]> summaryPdf(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return Future.failedFuture(new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")"));
        }
        LocalDate today = dashboard.today();
        return dashboard.dashboard(from, to).map(JsonObject::new).compose(d -> {
            JsonArray gs = d.getJsonArray("goals", new JsonArray());
            Map<Long, Future<String>> series = new LinkedHashMap<>();
            Map<Long, String> titles = new LinkedHashMap<>();
            for (Object o : gs) {
                JsonObject g = (JsonObject) o;
                series.put(g.getLong("id"), goals.series(g.getLong("id")));
                titles.put(g.getLong("id"), g.getString("title"));
            }
            Map<String, Map<String, Future<JsonObject>>> kpiSeries = kpiSeries(d, from, to, today);
            Future<JsonObject> top = posts.top(new PostQuery(from, to, List.of(), List.of(), PostRanking.of(null), TOP_POSTS));
            Future<List<Annotation>> notes = annotations.list(from, to, null, true);
            Future<ReportSettings> s = settings.get();
            Future<Map<String, Integer>> zones = accountZones();
            Future<ReportHtml.DemoData> demo = demoData(List.of(), List.of());
            List<Future<?>> all = new ArrayList<>(series.values());
            kpiSeries.values().forEach(m -> all.addAll(m.values()));
            all.addAll(List.of(top, notes, s, zones, demo));
            return Future.all(all).compose(done -> {
                Map<Long, JsonObject> seriesJson = new LinkedHashMap<>();
                series.forEach((id, f) -> seriesJson.put(id, new JsonObject(f.result())));
                Map<String, Map<String, JsonObject>> kpiJson = new LinkedHashMap<>();
                kpiSeries.forEach((k, m) -> {
                    Map<String, JsonObject> per = new LinkedHashMap<>();
                    m.forEach((net, f) -> per.put(net, f.result()));
                    kpiJson.put(k, per);
                });
                ReportHtml.Summary content = new ReportHtml.Summary(from, to, d, seriesJson, kpiJson, top.result(), notes.result(),
                        titles, s.result(), zones.result(), clock.instant(), demo.result());
                return render(() -> ReportHtml.summary(content));
            });
        });
    }

    /**
     * One goal's report as PDF bytes: its status, numbers and chart, the per-network breakdown, its
     * tactics, the posts published in its period ranked by its KPI, and its annotations. Fails with
     * the API's 404 when there is no such goal.
     */
    public Future<byte[]> goalPdf(long goalId) {
        return Future.all(goals.get(goalId), goals.series(goalId)).compose(done -> {
            JsonObject g = new JsonObject((String) done.resultAt(0));
            JsonObject series = new JsonObject((String) done.resultAt(1));
            LocalDate start = LocalDate.parse(g.getString("start"));
            LocalDate deadline = LocalDate.parse(g.getString("deadline"));
            LocalDate today = goals.today();
            LocalDate end = deadline.isAfter(today) ? today : deadline;
            JsonObject scope = g.getJsonObject("scope", new JsonObject());
            List<String> networks = scope.getJsonArray("networks", new JsonArray()).stream().map(String::valueOf).toList();
            List<Long> accounts = scope.getJsonArray("accounts", new JsonArray()).stream().map(o -> ((Number) o).longValue()).toList();
            PostRanking ranking = KpiCatalog.byId(g.getJsonObject("kpi").getString("id")).map(PostRanking::forKpi)
                    .orElse(PostRanking.of(null));
            Future<JsonObject> top = end.isBefore(start) ? Future.succeededFuture(null)
                    : posts.top(new PostQuery(start, end, networks, accounts, ranking, TOP_POSTS));
            Future<List<Annotation>> notes = annotations.list(null, null, goalId, true);
            Future<ReportSettings> s = settings.get();
            Future<Map<String, Integer>> zones = accountZones();
            Future<ReportHtml.DemoData> demo = demoData(networks, accounts);
            return Future.all(List.of(top, notes, s, zones, demo)).compose(v -> {
                ReportHtml.Goal content = new ReportHtml.Goal(g, series, top.result(), notes.result(), s.result(), zones.result(),
                        clock.instant(), demo.result());
                return render(() -> ReportHtml.goal(content));
            });
        });
    }

    private Future<byte[]> render(java.util.function.Supplier<String> html) {
        return workers.executeBlocking(() -> PdfWriter.write(html.get()), false);
    }

    /** Per KPI of the table and per network with accounts: the KPI's series over the period (days, or weeks past 62 days). */
    private Map<String, Map<String, Future<JsonObject>>> kpiSeries(JsonObject d, LocalDate from, LocalDate to, LocalDate today) {
        JsonObject table = d.getJsonObject("kpi_table", new JsonObject());
        Map<String, Map<String, Future<JsonObject>>> out = new LinkedHashMap<>();
        Granularity g = ChronoUnit.DAYS.between(from, to) > 62 ? Granularity.WEEK : Granularity.DAY;
        for (Object ko : table.getJsonArray("kpis", new JsonArray())) {
            String id = ((JsonObject) ko).getString("id");
            KpiDefinition k = KpiCatalog.byId(id).orElse(null);
            if (k == null) {
                continue;
            }
            Map<String, Future<JsonObject>> per = new LinkedHashMap<>();
            for (Object no : table.getJsonArray("networks", new JsonArray())) {
                JsonObject n = (JsonObject) no;
                if ("all".equals(n.getString("id"))) {
                    continue;
                }
                Granularity gk = k.granularities().contains(g) ? g : Granularity.DAY;
                per.put(n.getString("name"), kpis.compute(k, from, to, gk, List.of(n.getString("id")), List.of(), today)
                        .recover(e -> Future.succeededFuture(new JsonObject().put("series", new JsonArray()))));
            }
            out.put(id, per);
        }
        return out;
    }

    private Future<ReportHtml.DemoData> demoData(List<String> networks, List<Long> accounts) {
        return sandboxAccounts.within(networks, accounts).map(c -> c.accounts() == 0 ? ReportHtml.DemoData.NONE
                : new ReportHtml.DemoData(c.accounts(), c.networks()));
    }

    /** How many accounts report their days in each time zone (the cover says whose days the report counts). */
    private Future<Map<String, Integer>> accountZones() {
        return pool.query("SELECT reporting_zone, count(*)::int AS n FROM account GROUP BY reporting_zone ORDER BY n DESC, reporting_zone")
                .execute().map(rows -> {
                    Map<String, Integer> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getString("reporting_zone"), r.getInteger("n")));
                    return out;
                });
    }
}
