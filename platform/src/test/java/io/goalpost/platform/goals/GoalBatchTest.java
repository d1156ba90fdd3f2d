package io.goalpost.platform.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.platform.kpis.KpiService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Goals that share a KPI but not their scope are evaluated by one roll-up query per KPI (and pass)
 * when listed together, and each gets exactly the numbers it gets when evaluated alone.
 */
class GoalBatchTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static AnalyticsHarness h;
    static long fb;
    static long fb2;
    static long x;

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(TODAY);
        fb = h.account("facebook", "FB");
        fb2 = h.account("facebook", "FB 2");
        x = h.account("x", "X");
        LocalDate from = LocalDate.of(2025, 9, 1);
        LocalDate to = TODAY.minusDays(1);
        h.daily(fb, "followers", from, to, i -> 1000 + 3 * i);
        h.daily(fb2, "followers", from, to, i -> 400 + (i % 7));
        h.daily(x, "followers", from, to, i -> 2000 + i);
        for (long a : new long[] {fb, fb2, x}) {
            h.daily(a, "views", from, to, i -> 100 + (i * a) % 37);
            h.daily(a, "engagements", from, to, i -> 5 + (i * a) % 5);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static JsonObject goal(String kpi, JsonObject scope, String start, String type, double value) {
        return new JsonObject().put("title", kpi + " " + scope.encode()).put("objective", "brand_awareness").put("kpi", kpi)
                .put("scope", scope).put("target", new JsonObject().put("type", type).put("value", value))
                .put("start", start).put("deadline", "2026-09-30").put("owner", "Dana").put("why", "Reach.");
    }

    @Test
    void listedGoalsShareOneQueryPerKpiAndMatchTheirOwnEvaluation() throws Exception {
        List<JsonObject> specs = List.of(
                goal("followers", new JsonObject().put("networks", new JsonArray().add("facebook")), "2026-01-01", "increase_pct", 20),
                goal("followers", new JsonObject().put("networks", new JsonArray().add("x")), "2026-01-15", "increase_pct", 10),
                goal("followers", new JsonObject().put("accounts", new JsonArray().add(fb2)), "2026-02-01", "increase_pct", 5),
                goal("followers", new JsonObject(), "2026-01-01", "increase_pct", 15),
                goal("engagement_rate_views", new JsonObject().put("networks", new JsonArray().add("facebook")), "2026-01-01",
                        "absolute", 20),
                goal("engagement_rate_views", new JsonObject().put("networks", new JsonArray().add("x")), "2026-02-01",
                        "absolute", 20));
        for (JsonObject s : specs) {
            AnalyticsHarness.Reply r = h.post("/goals", s);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        // Evaluated alone, one by one.
        JsonArray alone = new JsonArray();
        for (int id = 1; id <= specs.size(); id++) {
            alone.add(h.get("/goals/" + id).json());
        }
        // Listed together after a data change, so the list is computed afresh.
        h.sql("UPDATE goal SET owner = 'Dana' WHERE id = 1");
        long before = KpiService.rollupQueries();
        JsonArray listed = h.get("/goals").json().getJsonArray("goals");
        long queries = KpiService.rollupQueries() - before;
        System.out.println("roll-up queries for " + specs.size() + " goals over 2 KPIs and 5 scopes: " + queries);
        assertThat(queries).as("roll-up queries for the list").isLessThanOrEqualTo(4);
        assertThat(listed).hasSize(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            JsonObject l = listed.getJsonObject(i);
            JsonObject a = alone.getJsonObject(i);
            for (String field : List.of("progress", "status", "expected_progress")) {
                assertThat(l.getValue(field)).as("goal %d %s", i + 1, field).isEqualTo(a.getValue(field));
            }
            for (String part : List.of("baseline", "current", "forecast")) {
                assertThat(l.getValue(part)).as("goal %d %s", i + 1, part).isEqualTo(a.getValue(part));
            }
        }
    }
}
