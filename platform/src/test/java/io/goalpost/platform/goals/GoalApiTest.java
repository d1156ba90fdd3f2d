package io.goalpost.platform.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.goalpost.platform.kpis.AnalyticsCache;
import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.KpiService;
import io.goalpost.platform.kpis.ScopeResolver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Goals through the API on real PostgreSQL. History: two Facebook accounts whose followers grow by
 * 1 and 2 a day from 400 and 800 on 2025-10-01 (together 1,200 + 3·i on day i), stored up to
 * 2026-02-13; today is 2026-02-14. An X account stores nothing.
 */
class GoalApiTest {

    static final LocalDate OCT1 = LocalDate.of(2025, 10, 1);
    static final LocalDate LAST = LocalDate.of(2026, 2, 13);
    static AnalyticsHarness h;
    static long fb1;
    static long fb2;
    static long x1;

    /** Followers of both accounts on a day. */
    static double level(LocalDate d) {
        return 1200 + 3 * java.time.temporal.ChronoUnit.DAYS.between(OCT1, d);
    }

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 2, 14));
        fb1 = h.account("facebook", "Acme FB");
        fb2 = h.account("facebook", "Acme FB Careers");
        x1 = h.account("x", "Acme X");
        h.daily(fb1, "followers", OCT1, LAST, i -> 400 + i);
        h.daily(fb2, "followers", OCT1, LAST, i -> 800 + 2 * i);
    }

    @BeforeEach
    void clean() throws Exception {
        h.sql("DELETE FROM goal");
        h.clock().set(LocalDate.of(2026, 2, 14));
    }

    @org.junit.jupiter.api.AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static JsonObject facebookFollowers20Pct() {
        return new JsonObject().put("title", "Grow our Facebook audience").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray().add("facebook")))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 20))
                .put("start", "2026-01-01").put("deadline", "2026-03-31").put("owner", "Dana")
                .put("why", "A bigger audience makes every launch reach further.");
    }

    @Test
    void aGoalComesBackWithNumbersConsistentWithTheStoredHistory() throws Exception {
        AnalyticsHarness.Reply r = h.post("/goals", facebookFollowers20Pct());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject g = r.json();
        double baseline = level(LocalDate.of(2025, 12, 31));
        double current = level(LAST);
        double target = baseline * 1.2;
        assertThat(baseline).isEqualTo(1473.0);
        assertThat(g.getJsonObject("baseline").getDouble("value")).isEqualTo(baseline);
        assertThat(g.getJsonObject("baseline").getString("as_of")).isEqualTo("2025-12-31");
        assertThat(g.getJsonObject("current").getDouble("value")).isEqualTo(current);
        assertThat(g.getJsonObject("current").getString("as_of")).isEqualTo("2026-02-13");
        assertThat(g.getJsonObject("target").getDouble("resolved")).isCloseTo(target, within(1e-9));
        assertThat(g.getDouble("progress")).isCloseTo((current - baseline) / (target - baseline) * 100, within(1e-9));
        assertThat(g.getDouble("expected_progress")).isCloseTo(44 * 100.0 / 89, within(1e-9));
        // Weekly levels grow 21 a week; 46 days from Feb 13 to Mar 31.
        JsonObject f = g.getJsonObject("forecast");
        assertThat(f.getDouble("trend_per_week")).isCloseTo(21.0, within(1e-9));
        assertThat(f.getDouble("value")).isCloseTo(current + 21.0 * 46 / 7, within(1e-9));
        assertThat(f.getInteger("weeks_used")).isEqualTo(8);
        // The forecast covers (1,743 − 1,473) / 294.6 = 92 % of the needed change: at risk.
        assertThat(g.getString("status")).isEqualTo("at_risk");
        JsonObject a = g.getJsonObject("attainability");
        assertThat(a.getDouble("required_weekly_change")).isCloseTo((target - baseline) / (89 / 7.0), within(1e-9));
        assertThat(a.getDouble("historical_weekly_change")).isCloseTo(21.0, within(1e-9));
        assertThat(a.getString("label")).isEqualTo("realistic");
        assertThat(g.getString("sentence"))
                .isEqualTo("Increase Facebook followers by 20 % from 1,473 to 1,767.6 between 2026-01-01 and 2026-03-31");
        assertThat(g.getJsonObject("coverage").getString("label")).isEqualTo("2 of 2 accounts");
        assertThat(g.getString("measure")).isEqualTo("level");

        long id = g.getLong("id");
        JsonObject got = h.get("/goals/" + id).json();
        assertThat(got.getDouble("progress")).isEqualTo(g.getDouble("progress"));
        assertThat(got.getJsonArray("tactics")).isEmpty();
        assertThat(h.get("/goals").json().getJsonArray("goals").size()).isEqualTo(1);
    }

    @Test
    void aPreviewIsTheGoalThatWouldBeSavedAndSavesNothing() throws Exception {
        AnalyticsHarness.Reply p = h.post("/goals/preview", facebookFollowers20Pct());
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(count("goal")).isZero();
        JsonObject preview = p.json();
        assertThat(preview.getValue("id")).isNull();
        JsonObject saved = h.post("/goals", facebookFollowers20Pct()).json();
        for (String part : new String[] {"baseline", "current", "target", "attainability", "forecast"}) {
            JsonObject saw = preview.getJsonObject(part).copy();
            JsonObject got = saved.getJsonObject(part).copy();
            assertThat(saw).as(part).isEqualTo(got);
        }
        assertThat(preview.getString("status")).isEqualTo(saved.getString("status"));
        AnalyticsHarness.Reply bad = h.post("/goals/preview", facebookFollowers20Pct().put("deadline", "2025-01-01"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getJsonObject("details").getString("deadline")).isNotBlank();
    }

    @Test
    void lifecycleUpdateTacticsAndDelete() throws Exception {
        long id = h.post("/goals", facebookFollowers20Pct()).json().getLong("id");
        JsonObject put = facebookFollowers20Pct().put("target", new JsonObject().put("type", "increase_by").put("value", 100));
        AnalyticsHarness.Reply r = h.put("/goals/" + id, put);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        // Current 1,605 ≥ 1,473 + 100: achieved, and the next read says so (no stale cached answer).
        assertThat(r.json().getString("status")).isEqualTo("achieved");
        assertThat(h.get("/goals/" + id).json().getString("status")).isEqualTo("achieved");
        assertThat(h.get("/goals").json().getJsonArray("goals").getJsonObject(0).getString("status")).isEqualTo("achieved");

        JsonObject tactic = new JsonObject().put("title", "Weekly behind-the-scenes reel").put("owner", "Sam")
                .put("due", "2026-02-28").put("value", 2).put("complexity", 4);
        r = h.post("/goals/" + id + "/tactics", tactic);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().getString("quadrant")).isEqualTo("money_pit");
        long t1 = r.json().getLong("id");
        r = h.post("/goals/" + id + "/tactics", new JsonObject().put("title", "Pin the careers post").put("value", 4)
                .put("complexity", 1));
        assertThat(r.json().getString("quadrant")).isEqualTo("quick_win");
        assertThat(r.json().getInteger("priority")).isEqualTo(1);
        JsonArray ts = h.get("/goals/" + id + "/tactics").json().getJsonArray("tactics");
        assertThat(ts.getJsonObject(0).getString("title")).isEqualTo("Pin the careers post");
        assertThat(ts.getJsonObject(1).getInteger("priority")).isEqualTo(2);
        r = h.put("/goals/" + id + "/tactics/" + t1, tactic.copy().put("value", 5).put("status", "doing"));
        assertThat(r.json().getString("quadrant")).isEqualTo("big_bet");
        assertThat(r.json().getString("status")).isEqualTo("doing");
        assertThat(h.put("/goals/" + id + "/tactics/" + t1, tactic.copy().put("complexity", 9)).json()
                .getJsonObject("details").getString("complexity")).contains("1 to 5");
        assertThat(h.get("/goals/" + id).json().getJsonArray("tactics").size()).isEqualTo(2);
        assertThat(h.delete("/goals/" + id + "/tactics/" + t1).status()).isEqualTo(204);
        assertThat(h.get("/goals/" + id + "/tactics").json().getJsonArray("tactics").size()).isEqualTo(1);

        assertThat(h.delete("/goals/" + id).status()).isEqualTo(204);
        assertThat(h.get("/goals/" + id).status()).isEqualTo(404);
        assertThat(h.delete("/goals/" + id).status()).isEqualTo(404);
        assertThat(h.get("/goals/" + id + "/tactics").status()).isEqualTo(404);
        assertThat(count("tactic")).isZero();
    }

    @Test
    void aGoalCanBeCreatedFromAnObjective() throws Exception {
        JsonArray objectives = h.get("/objectives").json().getJsonArray("objectives");
        assertThat(objectives.size()).isEqualTo(11);
        assertThat(objectives.getJsonObject(0).getJsonArray("suggested_kpis").getString(0)).isEqualTo("followers");
        AnalyticsHarness.Reply r = h.post("/objectives/brand_awareness/goals", new JsonObject()
                .put("scope", new JsonObject().put("accounts", new JsonArray().add(fb1)))
                .put("target", new JsonObject().put("type", "increase_by").put("value", 50))
                .put("start", "2026-02-01").put("deadline", "2026-04-30"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject g = r.json();
        assertThat(g.getString("title")).isEqualTo("Brand awareness: Followers");
        assertThat(g.getJsonObject("objective").getString("id")).isEqualTo("brand_awareness");
        assertThat(g.getJsonObject("kpi").getString("id")).isEqualTo("followers");
        assertThat(g.getString("sentence")).isEqualTo("Increase Acme FB followers by 50 from 522 to 572 between 2026-02-01 and 2026-04-30");
        assertThat(h.post("/objectives/world_peace/goals", new JsonObject()).status()).isEqualTo(404);
    }

    @Test
    void statusEdgeCasesThroughTheApi() throws Exception {
        // Target already met at creation: started in the past below 1,500, now 1,605.
        JsonObject met = facebookFollowers20Pct().put("target", new JsonObject().put("type", "absolute").put("value", 1500));
        JsonObject g = h.post("/goals", met).json();
        assertThat(g.getString("status")).isEqualTo("achieved");
        assertThat(g.getDouble("progress")).isGreaterThan(100);
        // Deadline passed, not met: measured at the deadline.
        JsonObject past = facebookFollowers20Pct().put("start", "2025-10-15").put("deadline", "2025-12-31")
                .put("target", new JsonObject().put("type", "absolute").put("value", 2000));
        g = h.post("/goals", past).json();
        assertThat(g.getString("status")).isEqualTo("missed");
        assertThat(g.getJsonObject("current").getDouble("value")).isEqualTo(level(LocalDate.of(2025, 12, 31)));
        // No history: link clicks were never stored. The goal is saved; nothing is invented.
        JsonObject none = facebookFollowers20Pct().put("kpi", "link_clicks").put("objective", "website_traffic")
                .put("target", new JsonObject().put("type", "absolute").put("value", 500));
        AnalyticsHarness.Reply r = h.post("/goals", none);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        g = r.json();
        assertThat(g.getString("status")).isEqualTo("no_data");
        assertThat(g.getJsonObject("baseline").getValue("value")).isNull();
        assertThat(g.getJsonObject("baseline").getString("reason")).contains("link_clicks");
        assertThat(g.getJsonObject("current").getValue("value")).isNull();
        assertThat(g.getJsonObject("forecast").getValue("value")).isNull();
        assertThat(g.getJsonObject("attainability").getString("label")).isEqualTo("no_history");
        assertThat(g.getString("measure")).isEqualTo("per_7_days");
        assertThat(g.getString("sentence")).isEqualTo("Reach 500 in Facebook link clicks per 7 days between 2026-01-01 and 2026-03-31");
        // Not started yet: baseline from the latest data, attainability from the history before it.
        JsonObject future = facebookFollowers20Pct().put("start", "2026-04-01").put("deadline", "2026-06-30");
        g = h.post("/goals", future).json();
        assertThat(g.getString("status")).isEqualTo("not_started");
        assertThat(g.getJsonObject("baseline").getDouble("value")).isEqualTo(level(LAST));
        // A goal ending tomorrow far from its target is off track; once the deadline passes it is missed
        // (time moves on the server's clock; cached answers are per day).
        JsonObject soon = facebookFollowers20Pct().put("deadline", "2026-02-15")
                .put("target", new JsonObject().put("type", "absolute").put("value", 5000));
        g = h.post("/goals", soon).json();
        assertThat(g.getString("status")).isEqualTo("off_track");
        h.clock().set(LocalDate.of(2026, 2, 20));
        JsonObject later = h.get("/goals/" + g.getLong("id")).json();
        assertThat(later.getString("status")).isEqualTo("missed");
        assertThat(later.getJsonObject("current").getString("as_of")).isEqualTo("2026-02-13");
    }

    @Test
    void invalidGoalsGet400sNamingTheProblem() throws Exception {
        assertDetail(facebookFollowers20Pct().put("kpi", "happiness"), "kpi", "unknown KPI");
        assertDetail(facebookFollowers20Pct().put("objective", "fame"), "objective", "unknown objective");
        assertDetail(facebookFollowers20Pct().put("deadline", "2025-12-01"), "deadline", "after start");
        assertDetail(facebookFollowers20Pct().put("deadline", "2026-01-01"), "deadline", "after start");
        assertDetail(facebookFollowers20Pct().put("start", "Jan 1st"), "start", "YYYY-MM-DD");
        assertDetail(facebookFollowers20Pct().put("title", " "), "title", "must not be empty");
        assertDetail(facebookFollowers20Pct().put("target", new JsonObject().put("type", "increase_pct").put("value", -5)),
                "target.value", "must be positive");
        assertDetail(facebookFollowers20Pct().put("target", new JsonObject().put("type", "double").put("value", 2)),
                "target.type", "absolute, increase_by or increase_pct");
        assertDetail(facebookFollowers20Pct().put("target", new JsonObject().put("type", "absolute")), "target.value",
                "is required");
        // An absolute target below the stored baseline (1,473) is not an increase.
        assertDetail(facebookFollowers20Pct().put("target", new JsonObject().put("type", "absolute").put("value", 1400)),
                "target.value", "above the baseline 1,473");
        // Lower bounce rate is better: an increase is refused.
        assertDetail(facebookFollowers20Pct().put("kpi", "bounce_rate").put("objective", "website_traffic")
                .put("target", new JsonObject().put("type", "increase_by").put("value", 5)), "target.value", "must be negative");
        assertDetail(facebookFollowers20Pct().put("scope", new JsonObject().put("networks", new JsonArray().add("x"))
                .put("accounts", new JsonArray())).put("kpi", "reach"), "scope", "X cannot report reach");
        assertDetail(facebookFollowers20Pct().put("scope", new JsonObject().put("networks", new JsonArray().add("myspace"))),
                "scope", "unknown network 'myspace'");
        assertDetail(facebookFollowers20Pct().put("scope", new JsonObject().put("networks", new JsonArray().add("linkedin"))),
                "scope", "no account in this scope");
        assertDetail(facebookFollowers20Pct().put("scope", new JsonObject().put("accounts", new JsonArray().add(424242))),
                "scope", "424242");
        // Input limits (API-analytics.md): numbers within 10^15, dates within 2000..2100, no control characters.
        assertDetail(facebookFollowers20Pct().put("target", new JsonObject().put("type", "absolute").put("value", 1e308)),
                "target.value", "at most 10^15");
        assertDetail(facebookFollowers20Pct().put("target", new JsonObject().put("type", "increase_pct").put("value", 2e6)),
                "target.value", "at most 1,000,000");
        assertDetail(facebookFollowers20Pct().put("start", "1999-12-31"), "start", "between 2000-01-01 and 2100-12-31");
        assertDetail(facebookFollowers20Pct().put("title", "Grow\u0000"), "title", "control characters");
        assertDetail(facebookFollowers20Pct().put("why", "Because\u0000"), "why", "control characters");
        // Several problems at once are all named.
        AnalyticsHarness.Reply r = h.post("/goals", facebookFollowers20Pct().put("kpi", "nope").put("deadline", "2025-01-01"));
        assertThat(r.json().getJsonObject("details").fieldNames()).contains("kpi", "deadline");
        assertThat(h.post("/goals", new JsonObject()).json().getJsonObject("details").fieldNames())
                .contains("title", "objective", "kpi", "start", "deadline", "target");
        assertThat(h.postText("/goals", "application/json", "{not json").status()).isEqualTo(400);
        assertThat(h.put("/goals/999999", facebookFollowers20Pct()).status()).isEqualTo(404);
        assertThat(count("goal")).isZero();
    }

    static void assertDetail(JsonObject body, String field, String text) throws Exception {
        AnalyticsHarness.Reply r = h.post("/goals", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().getJsonObject("details").getString(field)).as(r.body()).contains(text);
        assertThat(r.json().getString("error")).contains(field);
    }

    @Test
    void nothingIsHalfSaved() throws Exception {
        // A bad tactic in the body: nothing is stored.
        JsonObject body = facebookFollowers20Pct().put("tactics", new JsonArray()
                .add(new JsonObject().put("title", "Good one").put("value", 4).put("complexity", 2))
                .add(new JsonObject().put("title", "Bad one").put("value", 7).put("complexity", 2)));
        AnalyticsHarness.Reply r = h.post("/goals", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getJsonObject("details").getString("tactics[1].value")).contains("1 to 5");
        assertThat(count("goal")).isZero();
        assertThat(count("tactic")).isZero();
        // With good tactics, the goal and its tactics come together.
        body.getJsonArray("tactics").getJsonObject(1).put("value", 3);
        r = h.post("/goals", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().getInteger("tactic_count")).isEqualTo(2);
        assertThat(count("tactic")).isEqualTo(2);
        h.sql("DELETE FROM goal");

        // A failure after the goal row is written, before its tactics: the transaction leaves nothing.
        var pool = h.db().pool();
        Capabilities caps = new Capabilities(AnalyticsHarness.catalog());
        KpiService kpis = new KpiService(pool, caps);
        ScopeResolver scopes = new ScopeResolver(pool, caps);
        GoalStore store = new GoalStore(pool);
        GoalService service = new GoalService(pool, store, scopes, caps, new GoalEvaluator(kpis, caps),
                new AnalyticsCache(pool, 16), h.clock());
        service.afterGoalWritten = () -> {
            throw new IllegalStateException("simulated crash after the goal row");
        };
        try {
            service.create(body).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            assertThat(expected.getCause()).hasMessageContaining("simulated crash");
        }
        assertThat(count("goal")).isZero();
        assertThat(count("tactic")).isZero();
        // Same for an update: the old goal stays as it was.
        service.afterGoalWritten = () -> { };
        long id = service.create(facebookFollowers20Pct()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .getLong("id");
        service.afterGoalWritten = () -> {
            throw new IllegalStateException("simulated crash");
        };
        try {
            service.update(id, facebookFollowers20Pct().put("title", "Changed")).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            assertThat(expected.getCause()).hasMessageContaining("simulated crash");
        }
        assertThat(h.get("/goals/" + id).json().getString("title")).isEqualTo("Grow our Facebook audience");
    }

    static int count(String table) throws Exception {
        try (Connection c = h.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
