package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a reader sees after each kind of write: a background sync's points may first be answered
 * with the previous result while one recomputation runs; a person's own change (an import, a goal,
 * a new account) is always in the next answer.
 */
class AnalyticsCacheTest {

    static final LocalDate D = LocalDate.of(2026, 1, 1);
    static final String VIEWS = "/kpis/views?from=2026-01-01&to=2026-01-31";
    AnalyticsHarness h;
    long acc;

    @BeforeEach
    void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 3, 1));
        acc = h.account("facebook", "FB");
        h.daily(acc, "views", D, D.plusDays(9), i -> 100);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    double views() throws Exception {
        return h.get(VIEWS).json().getJsonObject("total").getDouble("value");
    }

    @Test
    void aSyncWriteIsServedFromThePreviousAnswerWhileTheNewOneIsComputed() throws Exception {
        assertThat(views()).isEqualTo(1000.0);
        // What a sync does: upsert points outside any API request.
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) VALUES (" + acc + ", 'views', '2026-01-20', 50)");
        assertThat(views()).as("previous answer while recomputing").isEqualTo(1000.0);
        assertThat(RollupMaintenanceTest.eventually(1050.0, this::views)).isEqualTo(1050.0);
        assertThat(views()).isEqualTo(1050.0);
    }

    /**
     * The previous answer is served while a sync's write is recomputed when a request found it current
     * within {@link AnalyticsCache#MAX_STALE}, however long ago it was computed; after longer quiet
     * the request waits for the new answer.
     */
    @Test
    void staleAnswersAreJudgedByWhenTheyWereLastKnownCurrent() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        AnalyticsCache cache = new AnalyticsCache(h.db().pool(), 8, clock::get);
        java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<io.vertx.core.Future<Integer>> compute =
                () -> io.vertx.core.Future.succeededFuture(computed.incrementAndGet());
        long minute = java.time.Duration.ofMinutes(1).toNanos();
        assertThat(get(cache, compute)).isEqualTo(1);
        // Read for ten minutes without any write: the same answer, confirmed current each time.
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(minute);
            assertThat(get(cache, compute)).isEqualTo(1);
        }
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) VALUES (" + acc + ", 'views', '2026-01-20', 50)");
        assertThat(get(cache, compute)).as("computed ten minutes ago, current a moment ago: served while refreshing")
                .isEqualTo(1);
        assertThat(RollupMaintenanceTest.eventually(2.0, () -> get(cache, compute))).isEqualTo(2.0);
        // Three quiet minutes, then a write: the answer was last known current too long ago.
        clock.addAndGet(3 * minute);
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) VALUES (" + acc + ", 'views', '2026-01-21', 50)");
        assertThat(get(cache, compute)).as("last confirmed three minutes ago: computed afresh").isEqualTo(3);
    }

    static int get(AnalyticsCache cache, java.util.function.Supplier<io.vertx.core.Future<Integer>> compute) throws Exception {
        return cache.get("k", compute).toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aPersonsImportIsInTheNextAnswer() throws Exception {
        assertThat(views()).isEqualTo(1000.0);
        AnalyticsHarness.Reply r = h.post("/accounts/" + acc + "/metrics", new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("day", "2026-01-20").put("metric", "views").put("value", 50))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(views()).isEqualTo(1050.0);
    }

    @Test
    void aNewAccountIsInTheNextAnswersCoverage() throws Exception {
        JsonObject before = h.get(VIEWS).json().getJsonObject("total").getJsonObject("coverage");
        assertThat(before.getInteger("in_scope")).isEqualTo(1);
        h.account("facebook", "FB 2");
        JsonObject after = h.get(VIEWS).json().getJsonObject("total").getJsonObject("coverage");
        assertThat(after.getInteger("in_scope")).isEqualTo(2);
    }
}
