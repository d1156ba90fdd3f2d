package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KPI roll-ups through {@code GET /api/kpis/{id}} against hand-computed examples on real PostgreSQL.
 *
 * <p>Data (January 2026): fb1 reports engagements 10/day and views 1,000/day on the 1st–10th,
 * followers 1,000 + 10·(day−1) on the 1st–10th, reach 500 on the 5th; fb2 reports engagements 30/day
 * on the 1st–10th but views only on the 1st–5th (1,000/day), followers 2,000 on the 3rd only, reach
 * 300 on the 5th; x1 (X cannot report reach) reports engagements 20/day on the 1st–5th and no views;
 * li1 (LinkedIn cannot report shares) and the manual "Website" account report nothing.
 */
class KpiRollupTest {

    static AnalyticsHarness h;
    static long fb1;
    static long fb2;
    static long x1;
    static long li1;
    static long web;
    static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 3, 15));
        fb1 = h.account("facebook", "Acme FB");
        fb2 = h.account("facebook", "Acme FB Jobs");
        x1 = h.account("x", "Acme X");
        li1 = h.account("linkedin", "Acme LI");
        web = h.account("manual", "Website");
        h.daily(fb1, "engagements", JAN1, JAN1.plusDays(9), i -> 10);
        h.daily(fb1, "views", JAN1, JAN1.plusDays(9), i -> 1000);
        h.daily(fb1, "followers", JAN1, JAN1.plusDays(9), i -> 1000 + 10 * i);
        h.series(fb1, "reach", JAN1.plusDays(4), 500.0);
        h.daily(fb2, "engagements", JAN1, JAN1.plusDays(9), i -> 30);
        h.daily(fb2, "views", JAN1, JAN1.plusDays(4), i -> 1000);
        h.series(fb2, "followers", JAN1.plusDays(2), 2000.0);
        h.series(fb2, "reach", JAN1.plusDays(4), 300.0);
        h.daily(x1, "engagements", JAN1, JAN1.plusDays(4), i -> 20);
        // February: fb1 views 100 a day, a whole month (read through metric_month).
        h.daily(fb1, "views", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), i -> 100);
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static JsonObject kpi(String query) throws Exception {
        AnalyticsHarness.Reply r = h.get("/kpis/" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void catalogListsEveryDerivedKpiAndTheRawMetrics() throws Exception {
        JsonArray kpis = h.get("/kpis").json().getJsonArray("kpis");
        assertThat(kpis.stream().map(o -> ((JsonObject) o).getString("id")))
                .contains("followers", "views", "engagements", "link_clicks", "mentions", "reach", "web_sessions",
                        "engagement_rate_reach", "engagement_rate_views", "engagement_rate_followers",
                        "daily_engagement_rate", "audience_growth_rate", "amplification_rate", "applause_rate",
                        "virality_rate", "click_through_rate", "conversion_rate", "bounce_rate", "cost_per_click", "cpm",
                        "share_of_voice", "csat");
        JsonObject bounce = kpis.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals("bounce_rate"))
                .findFirst().orElseThrow();
        assertThat(bounce.getString("direction")).isEqualTo("down");
        assertThat(bounce.getString("formula")).isEqualTo("bounces / web_sessions × 100");
        assertThat(bounce.getString("definition")).isNotBlank();
    }

    @Test
    void ratioIsTheRatioOfSumsOverAccountsThatReportedEveryInput() throws Exception {
        JsonObject r = kpi("engagement_rate_views?from=2026-01-01&to=2026-01-10");
        // fb2 stored views only through Jan 5, so the total runs through Jan 5 (like for like):
        // (50 + 150) / (5,000 + 5,000) × 100 = 2 %; not the mean of 1 % and 3 %.
        assertThat(r.getJsonObject("total").getDouble("value")).isCloseTo(200.0 / 10000 * 100, within(1e-9));
        assertThat(r.getJsonObject("total").getString("to")).isEqualTo("2026-01-05");
        JsonObject cmp = r.getJsonObject("comparison");
        assertThat(cmp.getString("through")).isEqualTo("2026-01-05");
        assertThat(cmp.getInteger("days")).isEqualTo(5).isEqualTo(cmp.getInteger("previous_days"));
        assertThat(cmp.getString("note")).contains("Acme FB Jobs has finished reporting Engagement rate (views) only through 2026-01-05");
        // The whole range over every account that reported both inputs: (100 + 300) / (10,000 + 5,000).
        assertThat(kpi("engagement_rate_views?from=2026-01-01&to=2026-01-10&accounts=" + fb1).getJsonObject("total")
                .getDouble("value")).isCloseTo(1.0, within(1e-9));
        JsonObject cov = r.getJsonObject("total").getJsonObject("coverage");
        assertThat(cov.getString("label")).isEqualTo("2 of 5 accounts");
        assertThat(cov.getInteger("no_data")).isEqualTo(3);
        JsonObject x = cov.getJsonArray("accounts").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getLong("id") == x1).findFirst().orElseThrow();
        assertThat(x.getString("status")).isEqualTo("no_data");
        assertThat(x.getString("reason")).contains("no views stored");
    }

    @Test
    void dailySeriesSkipsDaysAnAccountDidNotReport() throws Exception {
        JsonArray s = kpi("engagement_rate_views?from=2026-01-05&to=2026-01-06&granularity=day").getJsonArray("series");
        // Jan 5: fb1 10/1000, fb2 30/1000 → 40/2000; Jan 6: fb2 has no views, so only fb1 → 10/1000.
        assertThat(s.getJsonObject(0).getDouble("value")).isCloseTo(2.0, within(1e-9));
        assertThat(s.getJsonObject(0).getJsonObject("coverage").getInteger("reporting")).isEqualTo(2);
        assertThat(s.getJsonObject(1).getDouble("value")).isCloseTo(1.0, within(1e-9));
        assertThat(s.getJsonObject(1).getJsonObject("coverage").getString("label")).isEqualTo("1 of 5 accounts");
    }

    @Test
    void levelsTakeTheLastValueInThePeriodAndSumAcrossAccounts() throws Exception {
        JsonObject r = kpi("followers?from=2026-01-01&to=2026-01-10&granularity=week");
        assertThat(r.getJsonObject("total").getDouble("value")).isEqualTo(1090.0 + 2000.0);
        JsonArray s = r.getJsonArray("series");
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.getJsonObject(0).getString("start")).isEqualTo("2026-01-01");
        assertThat(s.getJsonObject(0).getString("end")).isEqualTo("2026-01-04");
        assertThat(s.getJsonObject(0).getDouble("value")).isEqualTo(1030.0 + 2000.0);
        assertThat(s.getJsonObject(1).getDouble("value")).isEqualTo(1090.0);
        assertThat(s.getJsonObject(1).getJsonObject("coverage").getString("label")).isEqualTo("1 of 5 accounts");
    }

    @Test
    void flowsSumOverDaysAndAWholeMonthComesFromTheMonthRollup() throws Exception {
        JsonObject r = kpi("views?from=2026-01-08&to=2026-02-28&granularity=month&networks=facebook");
        // fb1 Jan 8–10: 3,000; fb2 Jan 8–10: nothing; February: fb1 28 × 100.
        assertThat(r.getJsonObject("total").getDouble("value")).isEqualTo(3000.0 + 2800.0);
        JsonArray s = r.getJsonArray("series");
        assertThat(s.getJsonObject(0).getDouble("value")).isEqualTo(3000.0);
        assertThat(s.getJsonObject(1).getDouble("value")).isEqualTo(2800.0);
        assertThat(r.getJsonObject("total").getJsonObject("coverage").getString("label")).isEqualTo("1 of 2 accounts");
    }

    @Test
    void reachIsNeverSummedOverDays() throws Exception {
        JsonObject r = kpi("reach?from=2026-01-04&to=2026-01-06&granularity=day");
        JsonArray s = r.getJsonArray("series");
        assertThat(s.getJsonObject(0).getValue("value")).isNull();
        assertThat(s.getJsonObject(1).getDouble("value")).isEqualTo(800.0);
        assertThat(s.getJsonObject(1).getString("label")).isEqualTo("sum of reach");
        JsonObject total = r.getJsonObject("total");
        assertThat(total.getValue("value")).isNull();
        assertThat(total.getString("reason")).contains("reach is reported per day");
        // X declares reach unavailable: it counts as "cannot report", not as missing data.
        assertThat(s.getJsonObject(1).getJsonObject("coverage").getInteger("cannot_report")).isEqualTo(1);
        JsonObject weekly = kpi("reach?from=2026-01-05&to=2026-01-11&granularity=week");
        assertThat(weekly.getJsonArray("series").getJsonObject(0).getValue("value")).isNull();
        JsonObject one = kpi("reach?from=2026-01-05&to=2026-01-05&networks=facebook&accounts=" + fb1);
        assertThat(one.getJsonObject("total").getDouble("value")).isEqualTo(800.0);
    }

    @Test
    void aNetworkThatCannotReportAnInputMakesTheKpiNotAvailableNeverZero() throws Exception {
        JsonObject r = kpi("amplification_rate?from=2026-01-01&to=2026-01-10&networks=linkedin");
        JsonObject total = r.getJsonObject("total");
        assertThat(total.getValue("value")).isNull();
        assertThat(total.getString("reason")).contains("LinkedIn cannot report shares");
        assertThat(total.getJsonObject("coverage").getInteger("cannot_report")).isEqualTo(1);
        assertThat(total.getJsonObject("coverage").getJsonArray("accounts").getJsonObject(0).getString("status"))
                .isEqualTo("cannot_report");
    }

    @Test
    void missingInputsGiveNotAvailableWithAReason() throws Exception {
        JsonObject r = kpi("click_through_rate?from=2026-01-01&to=2026-01-10&networks=facebook");
        assertThat(r.getJsonObject("total").getValue("value")).isNull();
        assertThat(r.getJsonObject("total").getString("reason"))
                .isEqualTo("no account in scope reported link_clicks and views between 2026-01-01 and 2026-01-10");
        assertThat(r.getJsonObject("total").getJsonObject("coverage").getString("label")).isEqualTo("0 of 2 accounts");
    }

    @Test
    void audienceGrowthStartsFromTheLevelBeforeTheRange() throws Exception {
        // fb1: 1,040 on Jan 5 → 1,090 on Jan 10; fb2 has no followers in the range and is left out.
        JsonObject r = kpi("audience_growth_rate?from=2026-01-06&to=2026-01-10");
        assertThat(r.getJsonObject("total").getDouble("value")).isCloseTo(50.0 / 1040 * 100, within(1e-9));
        assertThat(r.getJsonObject("total").getJsonObject("coverage").getInteger("reporting")).isEqualTo(1);
        // Nothing stored before Jan 1: the first level in the range is the start; fb2 grew 0 from 2,000.
        JsonObject first = kpi("audience_growth_rate?from=2026-01-01&to=2026-01-10");
        assertThat(first.getJsonObject("total").getDouble("value")).isCloseTo(90.0 / 3000 * 100, within(1e-9));
    }

    @Test
    void dailyEngagementRateDividesByDaysReportedTimesFollowers() throws Exception {
        JsonObject r = kpi("daily_engagement_rate?from=2026-01-01&to=2026-01-10&accounts=" + fb1);
        assertThat(r.getJsonObject("total").getDouble("value")).isCloseTo(100.0 / (10 * 1090) * 100, within(1e-9));
    }

    @Test
    void previousRangeAndChangeAreGiven() throws Exception {
        JsonObject r = kpi("engagements?from=2026-01-06&to=2026-01-10");
        // Jan 6–10: fb1 50 + fb2 150. Jan 1–5: fb1 50 + fb2 150, and x1 100, but x1 stored nothing
        // after Jan 5: it is left out of the change (named), not summed against nothing.
        assertThat(r.getJsonObject("total").getDouble("value")).isEqualTo(200.0);
        JsonObject prev = r.getJsonObject("previous");
        assertThat(prev.getString("from")).isEqualTo("2026-01-01");
        assertThat(prev.getString("to")).isEqualTo("2026-01-05");
        assertThat(prev.getDouble("value")).isEqualTo(200.0);
        assertThat(r.getJsonObject("change").getDouble("absolute")).isEqualTo(0.0);
        assertThat(r.getJsonObject("change").getDouble("percent")).isEqualTo(0.0);
        JsonObject cmp = r.getJsonObject("comparison");
        assertThat(cmp.getInteger("accounts")).isEqualTo(2);
        assertThat(cmp.getJsonArray("excluded").size()).isEqualTo(1);
        JsonObject x = cmp.getJsonArray("excluded").getJsonObject(0);
        assertThat(x.getLong("id")).isEqualTo(x1);
        assertThat(x.getString("why")).isEqualTo("no engagements stored between 2026-01-06 and 2026-01-10 (its data ends on 2026-01-05)");
        // Nothing after Jan 10: no day to compare; the previous period is shown whole, for reference.
        JsonObject empty = kpi("engagement_rate_views?from=2026-01-11&to=2026-01-20");
        assertThat(empty.getJsonObject("total").getValue("value")).isNull();
        assertThat(empty.getJsonObject("total").getString("reason")).contains("the latest final day is 2026-01-10");
        assertThat(empty.getJsonObject("previous").getDouble("value")).isCloseTo(400.0 / 15000 * 100, within(1e-9));
        assertThat(empty.getJsonObject("change").getValue("absolute")).isNull();
        assertThat(empty.getJsonObject("comparison").getInteger("days")).isZero();
    }

    @Test
    void engagementRateOnReachIsARatioOfSumsOverPosts() throws Exception {
        // fb1: post A (Jan 2) 8 → 10 engagements as it aged, reach 100; post B (Jan 3) 30 and 200.
        // x1: post C has engagements but no reach (X cannot report it): left out.
        h.sql("INSERT INTO post (account_id, post_id, published_at, published_day, type) VALUES "
                + "(" + fb1 + ", 'A', '2026-01-02T10:00:00Z', '2026-01-02', 'image'), "
                + "(" + fb1 + ", 'B', '2026-01-03T10:00:00Z', '2026-01-03', 'video'), "
                + "(" + x1 + ", 'C', '2026-01-03T10:00:00Z', '2026-01-03', 'text')",
                "INSERT INTO post_metric (account_id, post_id, metric, seen_on, value) VALUES "
                + "(" + fb1 + ", 'A', 'engagements', '2026-01-03', 8), (" + fb1 + ", 'A', 'engagements', '2026-01-05', 10), "
                + "(" + fb1 + ", 'A', 'reach', '2026-01-05', 100), (" + fb1 + ", 'B', 'engagements', '2026-01-05', 30), "
                + "(" + fb1 + ", 'B', 'reach', '2026-01-05', 200), (" + x1 + ", 'C', 'engagements', '2026-01-05', 50)");
        JsonObject r = kpi("engagement_rate_reach?from=2026-01-01&to=2026-01-07");
        assertThat(r.getJsonObject("total").getDouble("value")).isCloseTo(40.0 / 300 * 100, within(1e-9));
        assertThat(r.getJsonObject("total").getJsonObject("coverage").getString("label")).isEqualTo("1 of 5 accounts");
        JsonObject x = r.getJsonObject("total").getJsonObject("coverage").getJsonArray("accounts").stream()
                .map(o -> (JsonObject) o).filter(o -> o.getLong("id") == x1).findFirst().orElseThrow();
        assertThat(x.getString("status")).isEqualTo("cannot_report");
        JsonArray days = kpi("engagement_rate_reach?from=2026-01-02&to=2026-01-03&granularity=day").getJsonArray("series");
        assertThat(days.getJsonObject(0).getDouble("value")).isCloseTo(10.0, within(1e-9));
        assertThat(days.getJsonObject(1).getDouble("value")).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        assertThat(h.get("/kpis/nope?from=2026-01-01&to=2026-01-02").status()).isEqualTo(404);
        AnalyticsHarness.Reply g = h.get("/kpis/views?from=2026-01-01&to=2026-01-02&granularity=year");
        assertThat(g.status()).isEqualTo(400);
        assertThat(g.json().getJsonObject("details").getString("granularity")).isNotBlank();
        AnalyticsHarness.Reply n = h.get("/kpis/views?from=2026-01-01&to=2026-01-02&networks=myspace");
        assertThat(n.status()).isEqualTo(400);
        assertThat(n.json().getJsonObject("details").getString("networks")).contains("myspace");
        AnalyticsHarness.Reply a = h.get("/kpis/views?from=2026-01-01&to=2026-01-02&accounts=999999");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().getJsonObject("details").getString("accounts")).contains("999999");
        assertThat(h.get("/kpis/views?from=2026-01-05&to=2026-01-02").status()).isEqualTo(400);
        assertThat(h.get("/kpis/views?from=2026-01-05").status()).isEqualTo(400);
    }
}
