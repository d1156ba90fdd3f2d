package io.goalpost.platform.kpis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers computed from the roll-ups, kept until the data they depend on changes.
 *
 * <p>Two counters in PostgreSQL say what changed (V10, V13): {@code rollup_generation} moves with
 * every write to metric_point, post, post_metric, account, goal and tactic; {@code edit_generation}
 * only with the changes people make through the API (goals, tactics, accounts, imported points).
 * Both are read before computing, so an answer is never tagged newer than its data.
 * <ul>
 *   <li>Same counters: the stored answer is reused. Concurrent requests share one computation.</li>
 *   <li>An edit since: computed afresh before answering, so people see their own changes at once.</li>
 *   <li>Only other writes since (a background sync stored points): the previous answer is served
 *       while one recomputation runs (started at most every {@link #MIN_REFRESH_INTERVAL}), if it
 *       was known current within {@link #MAX_STALE}. A sync every few seconds
 *       across a thousand accounts would otherwise make every reader wait for a full
 *       recomputation.</li>
 * </ul>
 * Works across several instances, since the counters live in PostgreSQL: a change made through one
 * instance is in the next answer of every other. (LISTEN/NOTIFY was weighed instead and not used: a
 * notification can arrive after the next request, or be missed while the connection is down;
 * platform/API-analytics.md, "Freshness".)
 */
public final class AnalyticsCache {

    /**
     * How recently an answer must have been known current for it to be served while its replacement is
     * computed. Counted from the last request that found the counters unchanged, not from when the
     * answer was computed: an answer read all morning and first superseded by a sync's write at noon
     * was current a moment ago. (Counting from the computation made the first sync write after two
     * quiet minutes stop every reader until a recomputation finished: a p99 of 5 s on the benchmark's
     * 1,000 accounts while a sync wrote.) After longer quiet, readers wait for a fresh answer.
     */
    public static final Duration MAX_STALE = Duration.ofMinutes(2);
    /**
     * The least time between two background recomputations of one answer. A sync writing five times a
     * second made every answer recompute back to back (about 1 s each on the benchmark), which kept
     * the CPU busy and pushed the cached answers' p99 past 50 ms; a sync's points now show within this
     * interval plus one recomputation.
     */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(3);

    private static final String GENERATION_SQL = "SELECT (SELECT sum(gen) FROM rollup_generation)::bigint AS data, "
            + "(SELECT sum(gen) FROM edit_generation)::bigint AS edits";
    private static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("goalpost.analytics.cache"));

    private final Pool pool;
    private final int maxEntries;
    private final Map<String, Entry> entries;

    /** What the data looked like: both counters. */
    public record Generation(long data, long edits) {
    }

    /**
     * An answer (possibly still being computed) for a generation.
     *
     * @param computedAtNanos when its computation started (or, for a background refresh, ended)
     * @param confirmedAtNanos when a request last found the counters still at {@code generation}
     */
    private record Entry(Generation generation, Future<Object> value, long computedAtNanos, AtomicLong confirmedAtNanos) {
        Entry(Generation generation, Future<Object> value, long nowNanos) {
            this(generation, value, nowNanos, new AtomicLong(nowNanos));
        }
    }

    /** Keys whose replacement answer is being computed in the background. */
    private final Set<String> refreshing = new HashSet<>();

    private final LongSupplier nanoTime;

    public AnalyticsCache(Pool pool, int maxEntries) {
        this(pool, maxEntries, System::nanoTime);
    }

    /** With a clock of its own (tests move it). */
    AnalyticsCache(Pool pool, int maxEntries, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.pool = pool;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > AnalyticsCache.this.maxEntries;
            }
        };
    }

    /** Turns caching on or off for the whole process (the benchmark measures both). */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** True when answers are reused. */
    public static boolean isEnabled() {
        return enabled;
    }

    /** The current generation. */
    public Future<Generation> generation() {
        return pool.query(GENERATION_SQL).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new Generation(orZero(r.getLong("data")), orZero(r.getLong("edits")));
        });
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }

    /** The answer for a key: reused, served while it is refreshed, or computed (see the class comment). */
    @SuppressWarnings("unchecked")
    public <T> Future<T> get(String key, Supplier<Future<T>> compute) {
        if (!enabled) {
            return compute.get();
        }
        return generation().compose(gen -> {
            Promise<Object> promise;
            synchronized (entries) {
                Entry e = entries.get(key);
                if (e != null && !e.value().failed()) {
                    long now = nanoTime.getAsLong();
                    if (e.generation().equals(gen)) {
                        e.confirmedAtNanos().set(now);
                        return (Future<T>) (Future<?>) e.value();
                    }
                    if (servableWhileRefreshing(e, gen, now)) {
                        if (now - e.computedAtNanos() >= MIN_REFRESH_INTERVAL.toNanos() && refreshing.add(key)) {
                            refresh(key, gen, compute);
                        }
                        return (Future<T>) (Future<?>) e.value();
                    }
                }
                promise = Promise.promise();
                entries.put(key, new Entry(gen, promise.future(), nanoTime.getAsLong()));
            }
            run(compute).onComplete(ar -> {
                if (ar.failed()) {
                    synchronized (entries) {
                        Entry cur = entries.get(key);
                        if (cur != null && cur.value() == promise.future()) {
                            entries.remove(key);
                        }
                    }
                    promise.fail(ar.cause());
                } else {
                    promise.complete(ar.result());
                }
            });
            return (Future<T>) (Future<?>) promise.future();
        });
    }

    /** A finished answer that differs only by writes no person made, and was known current recently enough. */
    private static boolean servableWhileRefreshing(Entry e, Generation now, long nowNanos) {
        return e.value().succeeded() && e.generation().edits() == now.edits() && e.generation().data() < now.data()
                && nowNanos - e.confirmedAtNanos().get() < MAX_STALE.toNanos();
    }

    /** Computes the answer for {@code gen} in the background and stores it unless a newer one arrived first. */
    private <T> void refresh(String key, Generation gen, Supplier<Future<T>> compute) {
        run(compute).onComplete(ar -> {
            synchronized (entries) {
                refreshing.remove(key);
                Entry cur = entries.get(key);
                if (ar.succeeded() && (cur == null || isOlder(cur.generation(), gen))) {
                    entries.put(key, new Entry(gen, Future.succeededFuture(ar.result()), nanoTime.getAsLong()));
                }
            }
        });
    }

    private static boolean isOlder(Generation a, Generation b) {
        return a.data() <= b.data() && a.edits() <= b.edits() && !a.equals(b);
    }

    private static <T> Future<T> run(Supplier<Future<T>> compute) {
        try {
            return compute.get();
        } catch (RuntimeException ex) {
            return Future.failedFuture(ex);
        }
    }

    /** Forgets every answer (tests). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
            refreshing.clear();
        }
    }
}
