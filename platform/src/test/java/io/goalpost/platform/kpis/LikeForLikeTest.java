package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Comparisons a person can trust, on real PostgreSQL: late-reporting networks, an account whose
 * history starts in the middle, and ranges that end in the future. Today is Sunday 2026-12-06.
 *
 * <p>Acme FB (Facebook: flows final two days late) stores views 1,000 + n and followers 10,000 + 10·n
 * every day from 2026-09-01 (n = days since then) up to today. Acme LI (LinkedIn: views final three
 * days late) stores views 500 + n up to 2026-12-03 only. Acme X (X) stores followers 300 + m only
 * from 2026-11-26 (m = days since then): its history starts on the day it was connected.
 */
class LikeForLikeTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    static final LocalDate SEP1 = LocalDate.of(2026, 9, 1);
    static final LocalDate X_FROM = LocalDate.of(2026, 11, 26);
    static AnalyticsHarness h;
    static long fb;
    static long li;
    static long x;

    static double fbViews(LocalDate d) {
        return 1000 + ChronoUnit.DAYS.between(SEP1, d);
    }

    static double liViews(LocalDate d) {
        return 500 + ChronoUnit.DAYS.between(SEP1, d);
    }

    static double fbFollowers(LocalDate d) {
        return 10_000 + 10 * ChronoUnit.DAYS.between(SEP1, d);
    }

    static double xFollowers(LocalDate d) {
        return 300 + ChronoUnit.DAYS.between(X_FROM, d);
    }

    /** The sum of a daily series over [from, to], added up day by day. */
    static double sum(java.util.function.Function<LocalDate, Double> f, String from, String to) {
        double s = 0;
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            s += f.apply(d);
        }
        return s;
    }

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(TODAY);
        fb = h.account("facebook", "Acme FB");
        li = h.account("linkedin", "Acme LI");
        x = h.account("x", "Acme X");
        h.daily(fb, "views", SEP1, TODAY, i -> 1000 + i);
        h.daily(fb, "followers", SEP1, TODAY, i -> 10_000 + 10 * i);
        h.daily(li, "views", SEP1, LocalDate.of(2026, 12, 3), i -> 500 + i);
        h.daily(x, "followers", X_FROM, TODAY, i -> 300 + i);
        // The dashboard's table shows the KPIs the goals use.
        for (String kpi : new String[] {"views", "followers"}) {
            AnalyticsHarness.Reply r = h.post("/goals", new JsonObject().put("title", "All " + kpi).put("objective", "brand_awareness")
                    .put("kpi", kpi).put("scope", new JsonObject()).put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                    .put("start", "2026-11-01").put("deadline", "2027-03-31"));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static JsonObject cell(JsonObject dashboard, String network, String kpi) {
        for (Object row : dashboard.getJsonObject("kpi_table").getJsonArray("rows")) {
            JsonObject r = (JsonObject) row;
            if (r.getString("network").equals(network)) {
                for (Object c : r.getJsonArray("cells")) {
                    if (((JsonObject) c).getString("kpi").equals(kpi)) {
                        return (JsonObject) c;
                    }
                }
            }
        }
        throw new AssertionError("no cell " + network + "/" + kpi);
    }

    static JsonObject dashboard(String query) throws Exception {
        AnalyticsHarness.Reply r = h.get("/dashboard" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void lateNetworksAreComparedOverTheSameDaysThroughTheirDataThroughDay() throws Exception {
        JsonObject d = dashboard("");
        assertThat(d.getString("from")).isEqualTo("2026-11-09");
        // Facebook views are final through Dec 4: 26 days against the first 26 days of the previous 28.
        JsonObject fbViews = cell(d, "facebook", "views");
        JsonObject c = fbViews.getJsonObject("comparison");
        assertThat(c.getString("through")).isEqualTo("2026-12-04");
        assertThat(c.getInteger("days")).isEqualTo(26);
        assertThat(c.getInteger("previous_days")).isEqualTo(26);
        assertThat(fbViews.getDouble("value")).isEqualTo(sum(LikeForLikeTest::fbViews, "2026-11-09", "2026-12-04"));
        assertThat(fbViews.getDouble("previous")).isEqualTo(sum(LikeForLikeTest::fbViews, "2026-10-12", "2026-11-06"));
        // Views grow by 1 a day: 28 days later, each of 26 days is 28 higher.
        assertThat(fbViews.getDouble("change")).isEqualTo(26.0 * 28);
        assertThat(c.getString("note")).contains("Through 2026-12-04").contains("Acme FB has finished reporting Views only through 2026-12-04");

        // LinkedIn is a day later still: its own cell runs through Dec 3.
        JsonObject liViews = cell(d, "linkedin", "views");
        assertThat(liViews.getJsonObject("comparison").getString("through")).isEqualTo("2026-12-03");
        assertThat(liViews.getJsonObject("comparison").getInteger("days")).isEqualTo(25);
        assertThat(liViews.getDouble("value")).isEqualTo(sum(LikeForLikeTest::liViews, "2026-11-09", "2026-12-03"));
        assertThat(liViews.getDouble("previous")).isEqualTo(sum(LikeForLikeTest::liViews, "2026-10-12", "2026-11-05"));

        // All networks: through the day both have finished reporting, the same 25 days on both sides.
        JsonObject all = cell(d, "all", "views");
        assertThat(all.getJsonObject("comparison").getString("through")).isEqualTo("2026-12-03");
        assertThat(all.getJsonObject("comparison").getInteger("accounts")).isEqualTo(2);
        assertThat(all.getDouble("value")).isEqualTo(sum(LikeForLikeTest::fbViews, "2026-11-09", "2026-12-03")
                + sum(LikeForLikeTest::liViews, "2026-11-09", "2026-12-03"));
        assertThat(all.getDouble("previous")).isEqualTo(sum(LikeForLikeTest::fbViews, "2026-10-12", "2026-11-05")
                + sum(LikeForLikeTest::liViews, "2026-10-12", "2026-11-05"));
        assertThat(all.getDouble("change")).isEqualTo(2 * 25.0 * 28);
        assertThat(all.getDouble("change")).isPositive();

        // Every cell with a change compares equal days.
        for (Object row : d.getJsonObject("kpi_table").getJsonArray("rows")) {
            for (Object o : ((JsonObject) row).getJsonArray("cells")) {
                JsonObject cell = (JsonObject) o;
                if (cell.getValue("change") != null) {
                    JsonObject cmp = cell.getJsonObject("comparison");
                    assertThat(cmp.getInteger("days")).as(cell.encode()).isEqualTo(cmp.getInteger("previous_days"));
                }
            }
        }
    }

    @Test
    void anAccountWithoutHistoryInThePreviousPeriodIsLeftOutOfTheChangeAndNamed() throws Exception {
        JsonObject d = dashboard("");
        JsonObject all = cell(d, "all", "followers");
        // Followers are levels, known through today. The value is everyone's audience today...
        assertThat(all.getDouble("value")).isEqualTo(fbFollowers(TODAY) + xFollowers(TODAY));
        // ...but the change compares Acme FB alone, the only account with followers in both periods.
        assertThat(all.getDouble("previous")).isEqualTo(fbFollowers(LocalDate.of(2026, 11, 8)));
        assertThat(all.getDouble("change")).isEqualTo(fbFollowers(TODAY) - fbFollowers(LocalDate.of(2026, 11, 8)));
        assertThat(all.getDouble("change")).isEqualTo(280.0);
        JsonObject c = all.getJsonObject("comparison");
        assertThat(c.getInteger("days")).isEqualTo(28).isEqualTo(c.getInteger("previous_days"));
        assertThat(c.getInteger("accounts")).isEqualTo(1);
        assertThat(c.getDouble("value")).isEqualTo(fbFollowers(TODAY));
        JsonArray excluded = c.getJsonArray("excluded");
        assertThat(excluded.size()).isEqualTo(1);
        assertThat(excluded.getJsonObject(0).getLong("id")).isEqualTo(x);
        assertThat(excluded.getJsonObject(0).getString("name")).isEqualTo("Acme X");
        assertThat(excluded.getJsonObject(0).getString("why"))
                .isEqualTo("no followers stored between 2026-10-12 and 2026-11-08 (its data starts on 2026-11-26)");
        assertThat(c.getString("note")).contains("left out of the change: Acme X");
        // X alone has nothing to compare: no change, and it says why.
        JsonObject xCell = cell(d, "x", "followers");
        assertThat(xCell.getDouble("value")).isEqualTo(xFollowers(TODAY));
        assertThat(xCell.getValue("change")).isNull();
        assertThat(xCell.getValue("previous")).isNull();
        assertThat(xCell.getString("previous_reason")).isEqualTo("no account in scope has followers stored in both periods");
    }

    @Test
    void aRangeEndingInTheFutureIsClampedToTheDataThroughDayWithANote() throws Exception {
        AnalyticsHarness.Reply r = h.get("/kpis/views?from=2026-11-20&to=2026-12-31&networks=facebook&granularity=day");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject k = r.json();
        JsonObject total = k.getJsonObject("total");
        assertThat(total.getString("to")).isEqualTo("2026-12-04");
        assertThat(total.getDouble("value")).isEqualTo(sum(LikeForLikeTest::fbViews, "2026-11-20", "2026-12-04"));
        // The previous period is the 42 days before; its first 15 days are compared.
        assertThat(k.getJsonObject("previous").getString("from")).isEqualTo("2026-10-09");
        assertThat(k.getJsonObject("previous").getString("to")).isEqualTo("2026-10-23");
        assertThat(k.getJsonObject("previous").getDouble("value")).isEqualTo(sum(LikeForLikeTest::fbViews, "2026-10-09", "2026-10-23"));
        assertThat(k.getJsonObject("change").getDouble("absolute")).isEqualTo(15.0 * 42);
        JsonObject c = k.getJsonObject("comparison");
        assertThat(c.getInteger("days")).isEqualTo(15).isEqualTo(c.getInteger("previous_days"));
        assertThat(c.getString("note")).startsWith("Through 2026-12-04");
        // The series stops at today; the days not final yet are marked incomplete, none is a 0.
        JsonArray series = k.getJsonArray("series");
        JsonObject last = series.getJsonObject(series.size() - 1);
        assertThat(last.getString("start")).isEqualTo("2026-12-06");
        assertThat(last.getBoolean("complete")).isFalse();
        assertThat(series.getJsonObject(series.size() - 3).getBoolean("complete")).isTrue();
        assertThat(series.stream().map(o -> ((JsonObject) o).getValue("value"))).doesNotContain(0.0);

        // The dashboard over a range ending in the future compares equal days in every cell.
        JsonObject d = dashboard("?from=2026-11-09&to=2026-12-20");
        JsonObject fbViews = cell(d, "facebook", "views").getJsonObject("comparison");
        assertThat(fbViews.getString("through")).isEqualTo("2026-12-04");
        assertThat(fbViews.getInteger("days")).isEqualTo(26).isEqualTo(fbViews.getInteger("previous_days"));

        // A range entirely in the future has nothing to compare and says so.
        JsonObject future = h.get("/kpis/views?from=2027-01-01&to=2027-01-31").json();
        assertThat(future.getJsonObject("total").getValue("value")).isNull();
        assertThat(future.getJsonObject("total").getString("reason")).contains("in the future");
        assertThat(future.getJsonObject("change").getValue("absolute")).isNull();
    }
}
