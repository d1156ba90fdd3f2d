package io.goalpost.platform.plugins;

import io.goalpost.platform.sync.Blocking;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The refused plugin files in the database ({@code plugin_refusal}), so that every instance and a
 * restarted server list the same refusals. Blocking calls: use them from worker threads.
 */
final class PluginRefusals {

    /** How many refusals are kept and listed, newest first (a folder of broken files does not fill the page). */
    static final int KEPT = 20;

    private final Pool pool;

    PluginRefusals(Pool pool) {
        this.pool = pool;
    }

    /** The refusals, newest first, as the plugins listing shows them. */
    List<PluginInfo> all() {
        List<PluginInfo> out = new ArrayList<>();
        for (Row r : Blocking.await(pool.query("SELECT plugin_id, version, file, reason FROM plugin_refusal "
                + "ORDER BY refused_at DESC, file LIMIT " + KEPT).execute())) {
            out.add(new PluginInfo(r.getString("plugin_id"), r.getString("version"), "", "REFUSED", List.of(),
                    r.getString("file"), r.getString("reason")));
        }
        return out;
    }

    /** Records a refusal made while running (upload, catalog, another instance's change); the same file refused again replaces it. */
    void add(PluginInfo refused) {
        Blocking.await(pool.preparedQuery("INSERT INTO plugin_refusal (source, file, plugin_id, version, reason) "
                + "VALUES ('operation', $1, $2, $3, $4) ON CONFLICT (source, file) DO UPDATE SET plugin_id = EXCLUDED.plugin_id, "
                + "version = EXCLUDED.version, reason = EXCLUDED.reason, refused_at = now()")
                .execute(Tuple.of(refused.file(), refused.id(), refused.version(), refused.problem())));
        Blocking.await(pool.query("DELETE FROM plugin_refusal WHERE (source, file) NOT IN (SELECT source, file FROM plugin_refusal "
                + "ORDER BY refused_at DESC, file LIMIT " + KEPT + ")").execute());
    }

    /**
     * Replaces the plugins directory's refusals with those of the directory just loaded: a file that
     * was removed or replaced by a good one is no longer listed.
     */
    void replaceDirectory(List<PluginInfo> refused) {
        Blocking.await(pool.withTransaction(c -> {
            var insert = c.preparedQuery("INSERT INTO plugin_refusal (source, file, plugin_id, version, reason) "
                    + "VALUES ('directory', $1, $2, $3, $4) ON CONFLICT (source, file) DO UPDATE SET plugin_id = EXCLUDED.plugin_id, "
                    + "version = EXCLUDED.version, reason = EXCLUDED.reason");
            var chain = c.query("DELETE FROM plugin_refusal WHERE source = 'directory'").execute().<Void>mapEmpty();
            for (PluginInfo r : refused) {
                chain = chain.compose(v -> insert.execute(Tuple.of(r.file(), r.id(), r.version(), r.problem())).mapEmpty());
            }
            return chain;
        }));
    }

    /**
     * Forgets a refused upload or download: the admin saw it. Answers whether there was one; a file of
     * the plugins directory is not forgotten ({@link PluginRegistry.OperationFailed} 409: remove or
     * replace the file instead).
     */
    boolean dismiss(String file) {
        if (Blocking.await(pool.preparedQuery("DELETE FROM plugin_refusal WHERE source = 'operation' AND file = $1")
                .execute(Tuple.of(file))).rowCount() > 0) {
            return true;
        }
        if (Blocking.await(pool.preparedQuery("SELECT 1 FROM plugin_refusal WHERE source = 'directory' AND file = $1")
                .execute(Tuple.of(file))).size() > 0) {
            throw new PluginRegistry.OperationFailed(409, file + " is in the plugins directory: it is listed until the file is"
                    + " removed from there or replaced, and the server restarted");
        }
        return false;
    }

    /** A version of the plugin runs now: its earlier refused uploads and downloads are moot (a refused directory file is still there). */
    void clear(String pluginId) {
        Blocking.await(pool.preparedQuery("DELETE FROM plugin_refusal WHERE source = 'operation' AND plugin_id = $1")
                .execute(Tuple.of(pluginId)));
    }
}
