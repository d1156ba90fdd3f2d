package io.goalpost.platform.plugins;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installing, upgrading, disabling, enabling and uninstalling plugins while the server runs, for every
 * instance on the database: each operation changes this instance's {@link PluginRegistry} and then
 * the desired set ({@code plugin_install}); every instance {@link #reconcile reconciles} to that set
 * every {@link #RECONCILE_EVERY}. The accounts of a network whose plugin stops show plugin_disabled or
 * plugin_missing with the reason at once, and sync again as soon as it is back.
 */
public final class PluginOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginOperations.class);
    /** How often an instance compares its plugins with the desired set. */
    public static final Duration RECONCILE_EVERY = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final PluginRegistry registry;
    private final PluginInstalls installs;
    private final Pool pool;
    private final Map<String, Long> applied = new HashMap<>(); // guarded by this: revision applied per plugin
    private final PluginCatalogs catalogs;
    private long timer = -1;

    /**
     * @param syncNow makes an account's sync due now (the scheduler's), called for the accounts of a
     *     network whose plugin came back
     * @param catalogs where available plugins are listed
     */
    public PluginOperations(Vertx vertx, PluginRegistry registry, Pool pool, LongConsumer syncNow, PluginCatalogs catalogs) {
        this.vertx = vertx;
        this.catalogs = catalogs;
        this.registry = registry;
        this.installs = new PluginInstalls(pool);
        this.pool = pool;
        registry.onNetworkStarted(network -> wake(network, syncNow));
    }

    /** The registry operated on. */
    public PluginRegistry registry() {
        return registry;
    }

    /** Reconciles once now (blocking), then every {@link #RECONCILE_EVERY} in the background. */
    public void start() {
        reconcile();
        timer = vertx.setPeriodic(RECONCILE_EVERY.toMillis(), t -> vertx.executeBlocking(() -> {
            reconcile();
            return null;
        }, true).onFailure(e -> LOG.warn("Plugin reconcile failed: {}", e.getMessage())));
    }

    /** Installs or upgrades from a zip; a refusal or failed start fails with {@link PluginRegistry.OperationFailed} (422). */
    public Future<PluginInfo> install(byte[] zip, String fileName, String by) {
        return blocking(() -> {
            synchronized (this) {
                PluginPackage pkg;
                try {
                    pkg = PluginPackage.inspect(zip, fileName, registry.trust());
                } catch (PluginPackage.Refused e) {
                    registry.refused(e.pluginId().orElse(null), e.version(), fileName, e.getMessage());
                    throw new PluginRegistry.OperationFailed(422, e.getMessage());
                }
                PluginInfo info = registry.install(pkg);
                applied.put(pkg.id(), installs.put(pkg, true, by));
                return info;
            }
        });
    }

    /**
     * What the catalogs offer: {@code {catalogs: [url], plugins: [{id, version, description, provider,
     * requires, catalog, installed, upgrade}], problems: [{url, problem}]}}.
     */
    public Future<io.vertx.core.json.JsonObject> available() {
        return blocking(() -> {
            PluginCatalogs.Listing listing = catalogs.list();
            Map<String, String> installed = new HashMap<>();
            registry.plugins().stream().filter(p -> !p.state().equals("REFUSED")).forEach(p -> installed.put(p.id(), p.version()));
            io.vertx.core.json.JsonArray plugins = new io.vertx.core.json.JsonArray();
            for (PluginCatalogs.Release r : listing.releases()) {
                String have = installed.get(r.id());
                plugins.add(new io.vertx.core.json.JsonObject().put("id", r.id()).put("version", r.version())
                        .put("description", r.description()).put("provider", r.provider()).put("requires", r.requires())
                        .put("catalog", PluginCatalogs.shown(r.catalog())).put("installed", have)
                        .put("upgrade", have != null && catalogs.newer(r.version(), have)));
            }
            io.vertx.core.json.JsonArray problems = new io.vertx.core.json.JsonArray();
            listing.problems().forEach((u, p) -> problems.add(new io.vertx.core.json.JsonObject()
                    .put("url", PluginCatalogs.shown(u)).put("problem", p)));
            return new io.vertx.core.json.JsonObject().put("catalogs", new io.vertx.core.json.JsonArray(
                    catalogs.urls().stream().map(PluginCatalogs::shown).toList())).put("plugins", plugins).put("problems", problems);
        });
    }

    /** Installs or upgrades to a catalog's release (downloaded, its sha512sum checked, then checked like an upload). */
    public Future<PluginInfo> installFromCatalog(String pluginId, String version, String by) {
        return blocking(() -> {
            PluginCatalogs.Release release = catalogs.find(pluginId, version).orElseThrow(() -> new PluginRegistry.OperationFailed(404,
                    "no configured catalog offers " + pluginId + " " + version));
            String file = pluginId + "-" + version + ".zip";
            byte[] zip;
            try {
                zip = catalogs.download(release);
            } catch (java.io.IOException e) {
                registry.refused(pluginId, version, file, e.getMessage());
                throw new PluginRegistry.OperationFailed(422, e.getMessage());
            }
            return zip;
        }).compose(zip -> install(zip, pluginId + "-" + version + ".zip", by));
    }

    /** Disables a plugin on every instance. */
    public Future<PluginInfo> disable(String pluginId, String by) {
        return blocking(() -> {
            synchronized (this) {
                PluginInfo info = registry.disable(pluginId);
                Optional<PluginPackage> pkg = registry.installedPackage(pluginId);
                if (pkg.isPresent()) {
                    applied.put(pluginId, installs.put(pkg.get(), false, by));
                }
                for (String network : info.networks()) {
                    mark(network, "plugin_disabled", "the plugin " + pluginId + " is disabled by an administrator: its history"
                            + " and goals are kept, and it syncs again once the plugin is enabled");
                }
                return info;
            }
        });
    }

    /** Enables a plugin on every instance. */
    public Future<PluginInfo> enable(String pluginId, String by) {
        return blocking(() -> {
            synchronized (this) {
                PluginInfo info = registry.enable(pluginId);
                Optional<PluginPackage> pkg = registry.installedPackage(pluginId);
                if (pkg.isPresent()) {
                    applied.put(pluginId, installs.put(pkg.get(), true, by));
                }
                return info;
            }
        });
    }

    /** Uninstalls a plugin on every instance; answers what it was. */
    public Future<PluginInfo> uninstall(String pluginId, String by) {
        return blocking(() -> {
            synchronized (this) {
                PluginInfo before = registry.plugins().stream().filter(p -> p.id().equals(pluginId) && !p.state().equals("REFUSED"))
                        .findFirst().orElseThrow(() -> new PluginRegistry.OperationFailed(404, "no plugin '" + pluginId
                                + "' is installed"));
                registry.uninstall(pluginId);
                applied.put(pluginId, installs.remove(pluginId, before.version(), by));
                for (String network : before.networks()) {
                    mark(network, "plugin_missing", "the plugin " + pluginId + " was uninstalled: the history and goals of this"
                            + " account are kept, and it syncs again once the plugin is installed");
                }
                return before;
            }
        });
    }

    /**
     * Brings this instance's plugins to the desired set: each row's change is applied once (a plugin
     * that fails to start here is listed with the reason, not retried every round).
     */
    public synchronized void reconcile() {
        List<PluginInstalls.Desired> desired = installs.all();
        for (PluginInstalls.Desired d : desired) {
            Long done = applied.get(d.pluginId());
            if (done != null && done >= d.revision()) {
                continue;
            }
            applied.put(d.pluginId(), d.revision());
            try {
                apply(d);
            } catch (PluginRegistry.OperationFailed e) {
                LOG.error("Plugin {}: the desired state (revision {}) could not be applied here: {}", d.pluginId(), d.revision(),
                        e.getMessage());
            }
        }
    }

    private void apply(PluginInstalls.Desired d) {
        Optional<PluginInfo> current = registry.plugins().stream()
                .filter(p -> p.id().equals(d.pluginId()) && !p.state().equals("REFUSED")).findFirst();
        if (d.removed()) {
            if (current.isPresent()) {
                LOG.info("Plugin {} uninstalled on another instance: uninstalling here", d.pluginId());
                registry.uninstall(d.pluginId());
            }
            return;
        }
        Optional<PluginPackage> installed = registry.installedPackage(d.pluginId());
        if (installed.isEmpty() || !installed.get().sha512().equals(d.sha512())) {
            byte[] zip = installs.zip(d.pluginId(), d.sha512()).orElse(null);
            if (zip == null) {
                return; // changed again since listed: the next round applies the newer row
            }
            PluginPackage pkg;
            try {
                pkg = PluginPackage.inspect(zip, d.pluginId() + "-" + d.version() + ".zip", registry.trust());
            } catch (PluginPackage.Refused e) {
                registry.refused(d.pluginId(), d.version(), d.pluginId() + "-" + d.version() + ".zip", e.getMessage());
                return;
            }
            LOG.info("Plugin {} {} installed on another instance: installing here", d.pluginId(), d.version());
            registry.install(pkg);
            current = registry.plugins().stream().filter(p -> p.id().equals(d.pluginId()) && !p.state().equals("REFUSED"))
                    .findFirst();
        }
        boolean running = current.map(p -> p.state().equals("STARTED")).orElse(false);
        if (d.enabled() && !running) {
            registry.enable(d.pluginId());
        } else if (!d.enabled() && current.map(p -> !p.state().equals("DISABLED")).orElse(false)) {
            registry.disable(d.pluginId());
        }
    }

    /** Shows the reason on every account of the network at once (not only at its next sync attempt). */
    private void mark(String network, String status, String reason) {
        Blocking.await(pool.preparedQuery("UPDATE sync_state SET status = $2, last_error = $3, last_error_kind = $2, "
                + "last_error_at = now() WHERE account_id IN (SELECT id FROM account WHERE network = $1)")
                .execute(Tuple.of(network, status, reason)));
    }

    /** The network's plugin is back: its accounts that waited for it sync now. */
    private void wake(String network, LongConsumer syncNow) {
        try {
            for (Row r : Blocking.await(pool.preparedQuery("SELECT a.id FROM account a JOIN sync_state s ON s.account_id = a.id "
                    + "WHERE a.network = $1 AND s.status IN ('plugin_disabled', 'plugin_missing')").execute(Tuple.of(network)))) {
                syncNow.accept(r.getLong("id"));
            }
        } catch (RuntimeException e) {
            LOG.warn("Accounts of {} not woken after its plugin started: {}", network, e.getMessage());
        }
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
