package io.goalpost.platform.kpis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers computed from the roll-ups, kept until the data they depend on changes. Every write
 * statement to metric_point, account, post, post_metric, goal and tactic increments
 * {@code rollup_generation} in its own transaction (see V10); an answer is reused only while the
 * generation read before computing it is still the current one. The generation is read before the
 * computation, so a write that commits during it makes the next request recompute: an answer is
 * never newer-tagged than its data. Concurrent requests for the same key share one computation.
 * Works across several instances, since the generation lives in PostgreSQL.
 */
public final class AnalyticsCache {

    private static final String GENERATION_SQL = "SELECT sum(gen)::bigint AS g FROM rollup_generation";
    private static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("goalpost.analytics.cache"));

    private final Pool pool;
    private final int maxEntries;
    private final Map<String, Entry> entries;

    private record Entry(long generation, Future<Object> value) {
    }

    public AnalyticsCache(Pool pool, int maxEntries) {
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

    /** The current data generation. */
    public Future<Long> generation() {
        return pool.query(GENERATION_SQL).execute().map(rows -> {
            Long g = rows.iterator().next().getLong("g");
            return g == null ? 0L : g;
        });
    }

    /** The cached answer for a key if still current, else computes (once for concurrent callers). */
    @SuppressWarnings("unchecked")
    public <T> Future<T> get(String key, Supplier<Future<T>> compute) {
        if (!enabled) {
            return compute.get();
        }
        return generation().compose(gen -> {
            Promise<Object> promise;
            synchronized (entries) {
                Entry e = entries.get(key);
                if (e != null && e.generation() == gen && !e.value().failed()) {
                    return (Future<T>) (Future<?>) e.value();
                }
                promise = Promise.promise();
                entries.put(key, new Entry(gen, promise.future()));
            }
            Future<T> f;
            try {
                f = compute.get();
            } catch (RuntimeException ex) {
                f = Future.failedFuture(ex);
            }
            f.onComplete(ar -> {
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

    /** Forgets every answer (tests). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
