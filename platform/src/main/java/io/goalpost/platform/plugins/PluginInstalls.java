package io.goalpost.platform.plugins;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired plugin set in the database ({@code plugin_install}): what every instance sharing the
 * database must run. Blocking calls: use them from worker threads.
 */
final class PluginInstalls {

    /**
     * One plugin's desired state, without its bytes.
     *
     * @param pluginId the plugin
     * @param version its version
     * @param enabled whether it runs
     * @param removed whether it is uninstalled
     * @param sha512 the zip's SHA-512, or null when removed
     * @param revision raised by every change of the row
     */
    record Desired(String pluginId, String version, boolean enabled, boolean removed, String sha512, long revision) {
        Desired {
            Objects.requireNonNull(pluginId, "pluginId is null");
            Objects.requireNonNull(version, "version is null");
        }
    }

    private final Pool pool;

    PluginInstalls(Pool pool) {
        this.pool = pool;
    }

    List<Desired> all() {
        List<Desired> out = new ArrayList<>();
        for (Row r : Blocking.await(pool.query("SELECT plugin_id, version, enabled, removed, sha512, revision FROM plugin_install "
                + "ORDER BY plugin_id").execute())) {
            out.add(new Desired(r.getString("plugin_id"), r.getString("version"), r.getBoolean("enabled"),
                    r.getBoolean("removed"), r.getString("sha512"), r.getLong("revision")));
        }
        return out;
    }

    /** The stored zip of a plugin, if its row still has these bytes. */
    Optional<byte[]> zip(String pluginId, String sha512) {
        var rows = Blocking.await(pool.preparedQuery("SELECT package FROM plugin_install WHERE plugin_id = $1 AND sha512 = $2")
                .execute(Tuple.of(pluginId, sha512)));
        return rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getBuffer("package"))
                .map(Buffer::getBytes);
    }

    /** Records that {@code pkg} runs (or is installed disabled); answers the new revision. */
    long put(PluginPackage pkg, boolean enabled, String by) {
        return Blocking.await(pool.preparedQuery("INSERT INTO plugin_install (plugin_id, version, enabled, removed, sha512, package, "
                + "file_name, changed_by) VALUES ($1, $2, $3, FALSE, $4, $5, $6, $7) ON CONFLICT (plugin_id) DO UPDATE SET "
                + "version = EXCLUDED.version, enabled = EXCLUDED.enabled, removed = FALSE, sha512 = EXCLUDED.sha512, "
                + "package = EXCLUDED.package, file_name = EXCLUDED.file_name, changed_by = EXCLUDED.changed_by, "
                + "revision = nextval('plugin_install_revision'), changed_at = now() RETURNING revision")
                .execute(Tuple.from(new Object[] {pkg.id(), pkg.version(), enabled, pkg.sha512(), Buffer.buffer(pkg.zip()),
                        pkg.fileName(), by}))).iterator().next().getLong("revision");
    }

    /** Records that a plugin is uninstalled everywhere; answers the new revision. */
    long remove(String pluginId, String version, String by) {
        return Blocking.await(pool.preparedQuery("INSERT INTO plugin_install (plugin_id, version, enabled, removed, changed_by) "
                + "VALUES ($1, $2, FALSE, TRUE, $3) ON CONFLICT (plugin_id) DO UPDATE SET enabled = FALSE, removed = TRUE, "
                + "sha512 = NULL, package = NULL, changed_by = EXCLUDED.changed_by, "
                + "revision = nextval('plugin_install_revision'), changed_at = now() RETURNING revision")
                .execute(Tuple.of(pluginId, version, by))).iterator().next().getLong("revision");
    }
}
