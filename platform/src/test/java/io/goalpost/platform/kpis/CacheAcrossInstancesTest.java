package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, each with its own answer cache: a change made through one is in the
 * other's very next answer, and a sync's write reaches both (the cache checks PostgreSQL's counters,
 * so no message between instances can be late or lost).
 */
class CacheAcrossInstancesTest {

    static final LocalDate D = LocalDate.of(2026, 1, 1);
    static final String VIEWS = "/kpis/views?from=2026-01-01&to=2026-01-31";
    AnalyticsHarness a;
    AnalyticsHarness b;
    long acc;

    @BeforeEach
    void setUp() throws Exception {
        a = AnalyticsHarness.start(LocalDate.of(2026, 3, 1));
        b = a.secondInstance();
        acc = a.account("facebook", "FB");
        a.daily(acc, "views", D, D.plusDays(9), i -> 100);
    }

    @AfterEach
    void tearDown() throws Exception {
        b.close();
        a.close();
    }

    static double views(AnalyticsHarness h) throws Exception {
        return h.get(VIEWS).json().getJsonObject("total").getDouble("value");
    }

    @Test
    void anImportThroughOneInstanceIsInTheOthersNextAnswer() throws Exception {
        assertThat(views(a)).isEqualTo(1000.0);
        assertThat(views(b)).as("cached on b").isEqualTo(1000.0);
        AnalyticsHarness.Reply r = a.post("/accounts/" + acc + "/metrics", new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("day", "2026-01-20").put("metric", "views").put("value", 50))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(views(b)).as("b's next answer after a's import").isEqualTo(1050.0);
        assertThat(views(a)).isEqualTo(1050.0);
    }

    @Test
    void aGoalCreatedThroughOneInstanceIsListedByTheOther() throws Exception {
        a.daily(acc, "followers", LocalDate.of(2025, 11, 1), LocalDate.of(2026, 2, 27), i -> 1000 + i);
        assertThat(b.get("/goals").json().getJsonArray("goals")).isEmpty();
        assertThat(b.get("/dashboard").json().getJsonArray("goals")).isEmpty();
        AnalyticsHarness.Reply r = a.post("/goals", new JsonObject().put("title", "Grow").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject()).put("target", new JsonObject()
                        .put("type", "increase_pct").put("value", 10))
                .put("start", "2026-02-01").put("deadline", "2026-06-30"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(b.get("/goals").json().getJsonArray("goals")).hasSize(1);
        JsonObject dash = b.get("/dashboard").json();
        assertThat(dash.getJsonArray("goals")).hasSize(1);
        assertThat(dash.getJsonObject("summary").getInteger("goals")).isEqualTo(1);
    }

    @Test
    void aSyncWriteReachesBothInstances() throws Exception {
        assertThat(views(a)).isEqualTo(1000.0);
        assertThat(views(b)).isEqualTo(1000.0);
        // What a sync on either instance does: upsert points outside any API request.
        a.sql("INSERT INTO metric_point (account_id, metric, day, value) VALUES (" + acc + ", 'views', '2026-01-20', 50)");
        assertThat(RollupMaintenanceTest.eventually(1050.0, () -> views(b))).isEqualTo(1050.0);
        assertThat(RollupMaintenanceTest.eventually(1050.0, () -> views(a))).isEqualTo(1050.0);
    }
}
