package io.goalpost.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.platform.kpis.KpiService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/dashboard}: every goal with its state and the networks × KPIs table. Data from
 * 2026-01-01 to 2026-02-13: fb1 followers 1,000 + 10·i, engagements 50 and views 1,000 a day; x1
 * followers 300 + i, engagements 20 and views 500 a day; fb2 and the manual Website store nothing.
 */
class DashboardApiTest {

    static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 2, 13);
    static AnalyticsHarness h;

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 2, 14));
        long fb1 = h.account("facebook", "Acme FB");
        h.account("facebook", "Acme FB Jobs");
        long x1 = h.account("x", "Acme X");
        h.account("manual", "Website");
        h.daily(fb1, "followers", JAN1, LAST, i -> 1000 + 10 * i);
        h.daily(fb1, "engagements", JAN1, LAST, i -> 50);
        h.daily(fb1, "views", JAN1, LAST, i -> 1000);
        h.daily(x1, "followers", JAN1, LAST, i -> 300 + i);
        h.daily(x1, "engagements", JAN1, LAST, i -> 20);
        h.daily(x1, "views", JAN1, LAST, i -> 500);
        assertThat(h.post("/goals", new JsonObject().put("title", "FB audience").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray().add("facebook")))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                .put("start", "2026-01-15").put("deadline", "2026-03-31")).status()).isEqualTo(201);
        assertThat(h.post("/goals", new JsonObject().put("title", "Engagement").put("objective", "community_engagement")
                .put("kpi", "engagement_rate_views")
                .put("target", new JsonObject().put("type", "absolute").put("value", 10))
                .put("start", "2026-01-15").put("deadline", "2026-06-30")).status()).isEqualTo(201);
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static JsonObject cell(JsonObject table, String network, String kpi) {
        return table.getJsonArray("rows").stream().map(o -> (JsonObject) o).filter(r -> r.getString("network").equals(network))
                .findFirst().orElseThrow().getJsonArray("cells").stream().map(o -> (JsonObject) o)
                .filter(c -> c.getString("kpi").equals(kpi)).findFirst().orElseThrow();
    }

    @Test
    void goalsAndTheCrossNetworkTableInOneCall() throws Exception {
        AnalyticsHarness.Reply r = h.get("/dashboard?from=2026-02-01&to=2026-02-07");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject d = r.json();
        assertThat(d.getJsonObject("previous").getString("from")).isEqualTo("2026-01-25");
        assertThat(d.getJsonObject("previous").getString("to")).isEqualTo("2026-01-31");
        JsonArray goals = d.getJsonArray("goals");
        assertThat(goals.size()).isEqualTo(2);
        assertThat(goals.getJsonObject(0).getString("title")).isEqualTo("FB audience");
        assertThat(goals.getJsonObject(0).getString("status")).isNotBlank();
        assertThat(d.getJsonObject("summary").getInteger("goals")).isEqualTo(2);

        JsonObject t = d.getJsonObject("kpi_table");
        assertThat(t.getJsonArray("kpis").stream().map(o -> ((JsonObject) o).getString("id")))
                .containsExactly("followers", "engagement_rate_views");
        assertThat(t.getJsonArray("networks").stream().map(o -> ((JsonObject) o).getString("id")))
                .containsExactly("facebook", "x", "manual", "all");
        // Facebook followers: fb1 on Feb 7 (day 37) vs Jan 31 (day 30); fb2 reports nothing.
        JsonObject fbFollowers = cell(t, "facebook", "followers");
        assertThat(fbFollowers.getDouble("value")).isEqualTo(1370.0);
        assertThat(fbFollowers.getDouble("previous")).isEqualTo(1300.0);
        assertThat(fbFollowers.getDouble("change")).isEqualTo(70.0);
        assertThat(fbFollowers.getDouble("change_pct")).isCloseTo(70.0 / 1300 * 100, within(1e-9));
        assertThat(fbFollowers.getJsonObject("coverage").getString("label")).isEqualTo("1 of 2 accounts");
        // All networks: ratio of sums (350 + 140) / (7,000 + 3,500).
        JsonObject all = cell(t, "all", "engagement_rate_views");
        assertThat(all.getDouble("value")).isCloseTo(490.0 / 10500 * 100, within(1e-9));
        assertThat(all.getJsonObject("coverage").getString("label")).isEqualTo("2 of 4 accounts");
        assertThat(cell(t, "all", "followers").getDouble("value")).isEqualTo(1370.0 + 337);
        // The manual source has no followers: not available, never 0.
        JsonObject manual = cell(t, "manual", "followers");
        assertThat(manual.getValue("value")).isNull();
        assertThat(manual.getString("reason")).contains("no account in scope reported followers");
        assertThat(manual.getValue("change")).isNull();
    }

    @Test
    void theGoalsComputedBesideTheTableAreWhatTheGoalListAnswers() throws Exception {
        // The dashboard evaluates its goals while its KPI table's roll-ups run, from the accounts and
        // extents read once for both: the goals must be exactly those of GET /api/goals (evaluated alone),
        // and the table keeps its figures (as in the test above).
        JsonObject d = h.get("/dashboard?from=2026-02-01&to=2026-02-07").json();
        assertThat(d.getJsonArray("goals")).isEqualTo(h.get("/goals").json().getJsonArray("goals"));
        assertThat(cell(d.getJsonObject("kpi_table"), "facebook", "followers").getDouble("value")).isEqualTo(1370.0);
    }

    @Test
    void dashboardsOfDifferentRangesAndTheGoalListShareOneEvaluationOfTheGoals() throws Exception {
        // A person's edit makes every cached answer stale; people then open the dashboard over different
        // ranges. The goals do not depend on the range: they are evaluated once for all of them.
        h.db().pool().query("UPDATE goal SET owner = owner").execute().toCompletionStage().toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        long before = KpiService.rollupQueries();
        JsonObject first = h.get("/dashboard?from=2026-02-01&to=2026-02-07").json();
        long evaluation = KpiService.rollupQueries() - before;
        JsonObject second = h.get("/dashboard?from=2026-01-10&to=2026-02-13").json();
        JsonArray listed = h.get("/goals").json().getJsonArray("goals");

        assertThat(evaluation).as("the first range evaluates the goals").isPositive();
        assertThat(KpiService.rollupQueries() - before).as("the second range and the goal list evaluate nothing again")
                .isEqualTo(evaluation);
        assertThat(second.getJsonArray("goals")).isEqualTo(first.getJsonArray("goals")).isEqualTo(listed);
        assertThat(second.getString("from")).isEqualTo("2026-01-10");
        assertThat(cell(second.getJsonObject("kpi_table"), "facebook", "followers").getDouble("value"))
                .as("the table is the second range's own: followers on its last day, Feb 13 (day 43)").isEqualTo(1430.0);
    }

    @Test
    void defaultsToTheLast28DaysAndRejectsBadRanges() throws Exception {
        JsonObject d = h.get("/dashboard").json();
        assertThat(d.getString("to")).isEqualTo("2026-02-14");
        assertThat(d.getString("from")).isEqualTo("2026-01-18");
        assertThat(h.get("/dashboard?from=2026-02-10&to=2026-02-01").status()).isEqualTo(400);
        assertThat(h.get("/dashboard?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theFullDashboardCarriesEveryChartsSeriesAsTheKpiEndpointAnswersIt() throws Exception {
        AnalyticsHarness.Reply r = h.get("/dashboard/full?from=2025-12-01&to=2026-02-13");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject d = r.json();
        assertThat(d.getString("from")).isEqualTo("2025-12-01");
        assertThat(d.getJsonObject("kpi_table")).isEqualTo(h.get("/dashboard?from=2025-12-01&to=2026-02-13").json().getJsonObject("kpi_table"));
        assertThat(d.getInteger("max_range_days")).isEqualTo(1100);
        JsonObject charts = d.getJsonObject("charts");
        assertThat(charts.fieldNames()).containsExactlyInAnyOrder("followers", "engagement_rate_views");
        // 75 days: weekly buckets; one series per network of the table, never the all-networks row
        JsonObject followers = charts.getJsonObject("followers");
        assertThat(followers.getString("granularity")).isEqualTo("week");
        assertThat(followers.getJsonObject("networks").fieldNames()).containsExactlyInAnyOrder("facebook", "x", "manual");
        JsonObject fb = followers.getJsonObject("networks").getJsonObject("facebook");
        assertThat(fb).isEqualTo(h.get("/kpis/followers?from=2025-12-01&to=2026-02-13&granularity=week&networks=facebook").json());
        assertThat(h.get("/dashboard/full?from=2026-02-01&to=2026-02-07").json().getJsonObject("charts")
                .getJsonObject("followers").getString("granularity")).isEqualTo("day");
        assertThat(h.get("/dashboard/full?from=2022-01-01&to=2026-02-07").status()).isEqualTo(400);
    }
}
