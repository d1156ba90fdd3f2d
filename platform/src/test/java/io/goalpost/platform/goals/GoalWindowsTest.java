package io.goalpost.platform.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Goals measured over complete windows and the same accounts, on real PostgreSQL. Today is Sunday
 * 2026-12-06; Facebook flows are final two days late, LinkedIn's three.
 *
 * <p>Acme FB stores views 1,000 + n (n = days since 2026-06-01) every day up to today, except for a
 * 10-day gap from 2026-11-10 to 2026-11-19. Acme LI stores views 500 + n up to 2026-12-03.
 */
class GoalWindowsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    static final LocalDate JUN1 = LocalDate.of(2026, 6, 1);
    static AnalyticsHarness h;
    static long fb;
    static long li;

    static double fbViews(LocalDate d) {
        return 1000 + ChronoUnit.DAYS.between(JUN1, d);
    }

    static double liViews(LocalDate d) {
        return 500 + ChronoUnit.DAYS.between(JUN1, d);
    }

    /** A 7-day total ending on a day, added up day by day. */
    static double week(java.util.function.Function<LocalDate, Double> f, String end) {
        double s = 0;
        LocalDate e = LocalDate.parse(end);
        for (LocalDate d = e.minusDays(6); !d.isAfter(e); d = d.plusDays(1)) {
            s += f.apply(d);
        }
        return s;
    }

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(TODAY);
        fb = h.account("facebook", "Acme FB");
        li = h.account("linkedin", "Acme LI");
        h.daily(fb, "views", JUN1, LocalDate.of(2026, 11, 9), i -> 1000 + i);
        LocalDate resume = LocalDate.of(2026, 11, 20);
        long offset = ChronoUnit.DAYS.between(JUN1, resume);
        h.daily(fb, "views", resume, TODAY, i -> 1000 + offset + i);
        h.daily(li, "views", JUN1, LocalDate.of(2026, 12, 3), i -> 500 + i);
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static JsonObject create(JsonObject body) throws Exception {
        AnalyticsHarness.Reply r = h.post("/goals", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static JsonObject views(String title, JsonObject scope, String start, String deadline, double pct) {
        return new JsonObject().put("title", title).put("objective", "brand_awareness").put("kpi", "views").put("scope", scope)
                .put("target", new JsonObject().put("type", "increase_pct").put("value", pct))
                .put("start", start).put("deadline", deadline);
    }

    @Test
    void aGapInTheDataIsSkippedNotCountedAsZero() throws Exception {
        JsonObject g = create(views("FB views with a gap", new JsonObject().put("accounts", new JsonArray().add(fb)),
                "2026-10-01", "2027-01-31", 10));
        // Current: the latest complete 7 days, through Dec 4 (Facebook's last final day).
        assertThat(g.getJsonObject("current").getString("as_of")).isEqualTo("2026-12-04");
        double current = week(GoalWindowsTest::fbViews, "2026-12-04");
        assertThat(g.getJsonObject("current").getDouble("value")).isEqualTo(current);
        double baseline = week(GoalWindowsTest::fbViews, "2026-09-30");
        assertThat(g.getJsonObject("baseline").getDouble("value")).isEqualTo(baseline);
        // Weeks ending Oct 11 … Nov 29; the two that touch the gap are incomplete and left out.
        JsonObject f = g.getJsonObject("forecast");
        assertThat(f.getInteger("weeks_used")).isEqualTo(6);
        JsonArray weekly = f.getJsonArray("weekly");
        assertThat(weekly.getJsonObject(5).getString("day")).isEqualTo("2026-11-15");
        assertThat(weekly.getJsonObject(5).getValue("value")).isNull();
        assertThat(weekly.getJsonObject(6).getValue("value")).isNull();
        // Each week is 49 views more than the one before: that is the trend, gap or not.
        assertThat(f.getDouble("trend_per_week")).isCloseTo(49.0, within(1e-9));
        double forecast = current + 49.0 * 58 / 7;
        assertThat(f.getDouble("value")).isCloseTo(forecast, within(1e-6));
        double target = baseline * 1.1;
        assertThat(forecast).isGreaterThan(target);
        assertThat(g.getString("status")).isEqualTo("on_track");
        assertThat(g.getString("status_reason")).isEqualTo("Views per 7 days would reach about 8,687 by 31 Jan 2027 at the "
                + "recent pace; the target is 8,609.");
        assertThat(g.getDouble("progress")).isCloseTo((current - baseline) / (target - baseline) * 100, within(1e-9));
    }

    @Test
    void aYoungGoalIsCollectingAndItsSeriesAndBreakdownAgreeWithTheHeadline() throws Exception {
        JsonObject g = create(views("Views, all networks", new JsonObject().put("networks",
                new JsonArray().add("facebook").add("linkedin")), "2026-12-03", "2027-03-31", 5));
        // LinkedIn has finished reporting through Dec 3: both accounts are measured through then.
        assertThat(g.getJsonObject("current").getString("as_of")).isEqualTo("2026-12-03");
        double current = week(GoalWindowsTest::fbViews, "2026-12-03") + week(GoalWindowsTest::liViews, "2026-12-03");
        assertThat(g.getJsonObject("current").getDouble("value")).isEqualTo(current);
        assertThat(g.getJsonObject("baseline").getString("as_of")).isEqualTo("2026-12-02");
        // Three days old: the first full 7 days end on Dec 9, and LinkedIn reports them by Dec 12.
        assertThat(g.getString("status")).isEqualTo("collecting");
        assertThat(g.getString("ready_on")).isEqualTo("2026-12-12");
        assertThat(g.getString("status_reason")).contains("9 Dec").contains("12 Dec");
        JsonObject cmp = g.getJsonObject("comparison");
        assertThat(cmp.getInteger("days")).isEqualTo(7).isEqualTo(cmp.getInteger("previous_days"));
        assertThat(cmp.getInteger("accounts")).isEqualTo(2);

        // The breakdown uses the same measure and days, and adds up to the headline.
        JsonArray parts = g.getJsonArray("breakdown");
        assertThat(parts.size()).isEqualTo(2);
        double sumCurrent = 0;
        double sumBaseline = 0;
        for (Object o : parts) {
            sumCurrent += ((JsonObject) o).getDouble("current");
            sumBaseline += ((JsonObject) o).getDouble("baseline");
        }
        assertThat(sumCurrent).isEqualTo(current);
        assertThat(sumBaseline).isEqualTo(g.getJsonObject("baseline").getDouble("value"));
        assertThat(parts.getJsonObject(0).getDouble("current")).isEqualTo(week(GoalWindowsTest::fbViews, "2026-12-03"));

        // The goal's own series: its measure per day; the last point is the headline's current value.
        AnalyticsHarness.Reply r = h.get("/goals/" + g.getLong("id") + "/series");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject s = r.json();
        JsonArray actual = s.getJsonArray("actual");
        JsonObject last = actual.getJsonObject(actual.size() - 1);
        assertThat(last.getString("day")).isEqualTo("2026-12-03");
        assertThat(last.getDouble("value")).isEqualTo(current);
        assertThat(actual.getJsonObject(0).getString("day")).isEqualTo("2026-11-05");
        // Days whose 7-day window touches Acme FB's gap have no value, never a low one.
        for (Object o : actual) {
            JsonObject p = (JsonObject) o;
            LocalDate day = LocalDate.parse(p.getString("day"));
            boolean touchesGap = !day.isBefore(LocalDate.of(2026, 11, 10)) && !day.minusDays(6).isAfter(LocalDate.of(2026, 11, 19));
            if (touchesGap) {
                assertThat(p.getValue("value")).as(p.encode()).isNull();
            } else {
                assertThat(p.getDouble("value")).as(p.encode()).isEqualTo(week(GoalWindowsTest::fbViews, p.getString("day"))
                        + week(GoalWindowsTest::liViews, p.getString("day")));
            }
        }
        assertThat(s.getJsonArray("target").getJsonObject(0).getDouble("value"))
                .isCloseTo(g.getJsonObject("target").getDouble("resolved"), within(1e-9));
        assertThat(s.getJsonArray("expected").getJsonObject(0).getDouble("value"))
                .isEqualTo(g.getJsonObject("baseline").getDouble("value"));
    }

    @Test
    void theBaselineFollowsTheAccountsInScopeAndRecordsEveryChange() throws Exception {
        LocalDate oct1 = LocalDate.of(2026, 10, 1);
        long x1 = h.account("x", "Acme X");
        h.daily(x1, "followers", oct1, TODAY, i -> 1000 + i);
        JsonObject g = create(new JsonObject().put("title", "X audience").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray().add("x")))
                .put("target", new JsonObject().put("type", "increase_by").put("value", 100))
                .put("start", "2026-11-01").put("deadline", "2027-02-28"));
        long id = g.getLong("id");
        assertThat(g.getJsonObject("baseline").getDouble("value")).isEqualTo(1030.0);
        assertThat(g.getJsonArray("baseline_changes")).isEmpty();

        // A second X account with two years of history joins the scope: the baseline moves, and says so.
        long x2 = h.account("x", "Acme X Support");
        h.daily(x2, "followers", LocalDate.of(2026, 9, 1), TODAY, i -> 500);
        // A third, connected recently, has no history at the baseline: it is named, not summed.
        long x3 = h.account("x", "Acme X Jobs");
        h.daily(x3, "followers", LocalDate.of(2026, 11, 26), TODAY, i -> 70);
        JsonObject after = h.get("/goals/" + id).json();
        assertThat(after.getJsonObject("baseline").getDouble("value")).isEqualTo(1530.0);
        assertThat(after.getJsonObject("target").getDouble("resolved")).isEqualTo(1630.0);
        JsonArray changes = after.getJsonArray("baseline_changes");
        assertThat(changes.size()).isEqualTo(1);
        JsonObject added = changes.getJsonObject(0);
        assertThat(added.getString("change")).isEqualTo("added");
        assertThat(added.getJsonObject("account").getLong("id")).isEqualTo(x2);
        assertThat(added.getDouble("old_baseline")).isEqualTo(1030.0);
        assertThat(added.getDouble("new_baseline")).isEqualTo(1530.0);
        JsonArray excluded = after.getJsonObject("comparison").getJsonArray("excluded");
        assertThat(excluded.size()).isEqualTo(1);
        assertThat(excluded.getJsonObject(0).getLong("id")).isEqualTo(x3);
        assertThat(excluded.getJsonObject(0).getString("why")).contains("starts on 2026-11-26");
        // The current value is measured over the same two accounts as the baseline.
        assertThat(after.getJsonObject("current").getDouble("value")).isEqualTo(1000.0 + 66 + 500);
        // The list shows the same change, recorded once.
        JsonObject listed = h.get("/goals").json().getJsonArray("goals").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getLong("id") == id).findFirst().orElseThrow();
        assertThat(listed.getJsonArray("baseline_changes").size()).isEqualTo(1);

        // The account is deleted: the baseline goes back, and the removal is recorded with its name.
        h.sql("DELETE FROM account WHERE id = " + x2);
        JsonObject removed = h.get("/goals/" + id).json();
        assertThat(removed.getJsonObject("baseline").getDouble("value")).isEqualTo(1030.0);
        JsonArray all = removed.getJsonArray("baseline_changes");
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.getJsonObject(1).getString("change")).isEqualTo("removed");
        assertThat(all.getJsonObject(1).getJsonObject("account").getString("name")).isEqualTo("Acme X Support");
        assertThat(all.getJsonObject(1).getString("why")).contains("no longer in the goal's scope");
        assertThat(all.getJsonObject(1).getDouble("new_baseline")).isEqualTo(1030.0);
        h.sql("DELETE FROM account WHERE id IN (" + x1 + ", " + x3 + ")");
    }

    @Test
    void withNoHistoryBeforeTheStartTheBaselineIsTheFirstLevelAfterIt() throws Exception {
        long ig = h.account("x", "Acme new account");
        h.daily(ig, "followers", LocalDate.of(2026, 11, 26), TODAY, i -> 200 + 5 * i);
        JsonObject g = create(new JsonObject().put("title", "New account audience").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("accounts", new JsonArray().add(ig)))
                .put("target", new JsonObject().put("type", "increase_by").put("value", 100))
                .put("start", "2026-11-20").put("deadline", "2027-02-28"));
        assertThat(g.getJsonObject("baseline").getString("as_of")).isEqualTo("2026-11-26");
        assertThat(g.getJsonObject("baseline").getDouble("value")).isEqualTo(200.0);
        assertThat(g.getJsonObject("current").getDouble("value")).isEqualTo(250.0);
        assertThat(g.getJsonObject("comparison").getString("note")).contains("no account has data before the start");
        h.sql("DELETE FROM account WHERE id = " + ig);
    }
}
