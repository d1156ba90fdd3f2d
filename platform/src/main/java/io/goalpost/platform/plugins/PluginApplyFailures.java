package io.goalpost.platform.plugins;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired plugin changes each instance failed to apply ({@code plugin_apply_failure}), shared so
 * that any instance lists every instance's. Writes block: call them from worker threads.
 */
final class PluginApplyFailures {

    private final Pool pool;

    PluginApplyFailures(Pool pool) {
        this.pool = pool;
    }

    /** Replaces this instance's rows with {@code pending} (refreshing them: an instance that stops refreshing is not listed). */
    void publish(String instance, List<PluginOperations.Pending> pending) {
        Blocking.await(pool.withTransaction(c -> {
            var insert = c.preparedQuery("INSERT INTO plugin_apply_failure (instance, plugin_id, version, enabled, revision, attempts,"
                    + " error, failed_at, next_attempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            Future<Void> chain = c.preparedQuery("DELETE FROM plugin_apply_failure WHERE instance = $1 OR seen_at < now() - interval '1 day'")
                    .execute(Tuple.of(instance)).mapEmpty();
            for (PluginOperations.Pending p : pending) {
                chain = chain.compose(v -> insert.execute(Tuple.from(new Object[] {instance, p.pluginId(), p.version(), p.enabled(),
                        p.revision(), p.attempts(), p.error(), p.failedAt().atOffset(ZoneOffset.UTC),
                        p.nextAttempt().atOffset(ZoneOffset.UTC)})).mapEmpty());
            }
            return chain;
        }));
    }

    /** Every live instance's failed changes, by plugin and instance. */
    Future<List<PluginOperations.Pending>> all() {
        return pool.query("SELECT instance, plugin_id, version, enabled, revision, attempts, error, failed_at, next_attempt "
                + "FROM plugin_apply_failure WHERE seen_at > now() - interval '1 minute' ORDER BY plugin_id, instance").execute()
                .map(rows -> {
                    List<PluginOperations.Pending> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new PluginOperations.Pending(r.getString("instance"), r.getString("plugin_id"), r.getString("version"),
                                r.getBoolean("enabled"), r.getLong("revision"), r.getInteger("attempts"), r.getString("error"),
                                r.getOffsetDateTime("failed_at").toInstant(), r.getOffsetDateTime("next_attempt").toInstant()));
                    }
                    return out;
                });
    }
}
