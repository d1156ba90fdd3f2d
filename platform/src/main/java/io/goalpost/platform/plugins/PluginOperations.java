package io.goalpost.platform.plugins;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installing, upgrading, disabling, enabling and uninstalling plugins while the server runs, for every
 * instance on the database: each operation changes this instance's {@link PluginRegistry} and then
 * the desired set ({@code plugin_install}); every instance {@link #reconcile reconciles} to that set
 * every {@link #RECONCILE_EVERY}, and retries a change it could not apply with back-off (up to
 * {@link #RETRY_AT_MOST} apart), listing it meanwhile ({@link #pending()}). Refused plugin files are
 * kept in the database ({@code plugin_refusal}) so that every instance lists the same ones. The
 * accounts of a network whose plugin stops show plugin_disabled or plugin_missing with the reason at
 * once, and sync again as soon as it is back.
 */
public final class PluginOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginOperations.class);
    /** How often an instance compares its plugins with the desired set. */
    public static final Duration RECONCILE_EVERY = Duration.ofSeconds(2);
    /** The longest wait between two attempts at a change this instance could not apply. */
    public static final Duration RETRY_AT_MOST = Duration.ofMinutes(5);

    /**
     * A change of the desired set that an instance could not apply yet.
     *
     * @param instance the instance that failed ({@link io.goalpost.platform.sync.SyncScheduler#instanceName()} and a suffix)
     * @param pluginId the plugin
     * @param version the desired version
     * @param enabled whether it should run
     * @param revision the desired row's revision
     * @param attempts how many times it failed here
     * @param error why the last attempt failed
     * @param failedAt when it last failed
     * @param nextAttempt when it is tried again
     */
    public record Pending(String instance, String pluginId, String version, boolean enabled, long revision, int attempts,
            String error, Instant failedAt, Instant nextAttempt) {
        public Pending {
            Objects.requireNonNull(instance, "instance is null");
            Objects.requireNonNull(pluginId, "pluginId is null");
            Objects.requireNonNull(error, "error is null");
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
            }
        }
    }

    private final Vertx vertx;
    private final PluginRegistry registry;
    private final PluginInstalls installs;
    private final Pool pool;
    private final Map<String, Long> applied = new HashMap<>(); // guarded by this: revision applied per plugin
    private final Map<String, Pending> pending = new HashMap<>(); // guarded by this: changes that failed here, by plugin
    private final PluginRefusals refusals;
    private final PluginApplyFailures failures;
    /** This instance among those sharing the database (two in one process are told apart by the suffix). */
    private final String instance = io.goalpost.platform.sync.SyncScheduler.instanceName() + "/"
            + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    private boolean failuresShown; // guarded by this: whether this instance has rows in plugin_apply_failure
    private final Clock clock = Clock.systemUTC();
    private final PluginCatalogs catalogs;
    private long timer = -1;
    private final java.util.concurrent.atomic.AtomicBoolean reconcileFailing = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param syncNow makes an account's sync due now (the scheduler's), called for the accounts of a
     *     network whose plugin came back
     * @param catalogs where available plugins are listed
     */
    public PluginOperations(Vertx vertx, PluginRegistry registry, Pool pool, LongConsumer syncNow, PluginCatalogs catalogs) {
        this.vertx = vertx;
        this.refusals = new PluginRefusals(pool);
        this.failures = new PluginApplyFailures(pool);
        this.catalogs = catalogs;
        this.registry = registry;
        this.installs = new PluginInstalls(pool);
        this.pool = pool;
        registry.onNetworkStarted(network -> wake(network, syncNow));
        registry.onRefused(refusals::add);
    }

    /** The registry operated on. */
    public PluginRegistry registry() {
        return registry;
    }

    /**
     * Stores what the plugins directory refused (replacing the previous start's list), reconciles once
     * now (blocking), then every {@link #RECONCILE_EVERY} in the background.
     */
    public void start() {
        refusals.replaceDirectory(registry.plugins().stream().filter(p -> p.state().equals("REFUSED")).toList());
        reconcile();
        timer = vertx.setPeriodic(RECONCILE_EVERY.toMillis(), t -> vertx.executeBlocking(() -> {
            reconcile();
            return null;
        }, true).onComplete(done -> reconcileOutcome(done.cause())));
    }

    /**
     * Logs a failing reconcile once until it works again: every 2 s while the database is away would
     * bury the one line that says so (the outage itself is logged where requests fail).
     */
    private void reconcileOutcome(Throwable failure) {
        if (failure == null) {
            if (reconcileFailing.compareAndSet(true, false)) {
                LOG.info("Plugin reconcile works again");
            }
        } else if (reconcileFailing.compareAndSet(false, true)) {
            LOG.warn("Plugin reconcile failed (retried every {} s, logged again once it works): {}", RECONCILE_EVERY.toSeconds(),
                    failure.getMessage());
        } else {
            LOG.debug("Plugin reconcile still failing: {}", failure.getMessage());
        }
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
                applied(pkg.id(), installs.put(pkg, true, by));
                refusals.clear(pkg.id());
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

    /** Stops listing a refused upload or download on every instance; 404 when no such refusal is listed. */
    public Future<Void> dismissRefusal(String file) {
        return blocking(() -> {
            synchronized (this) {
                if (!refusals.dismiss(file)) {
                    throw new PluginRegistry.OperationFailed(404, "no refused file '" + file + "' is listed");
                }
                registry.showRefused(refusals.all());
                return null;
            }
        });
    }

    /** Disables a plugin on every instance. */
    public Future<PluginInfo> disable(String pluginId, String by) {
        return blocking(() -> {
            synchronized (this) {
                PluginInfo info = registry.disable(pluginId);
                Optional<PluginPackage> pkg = registry.installedPackage(pluginId);
                if (pkg.isPresent()) {
                    applied(pluginId, installs.put(pkg.get(), false, by));
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
                    applied(pluginId, installs.put(pkg.get(), true, by));
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
                applied(pluginId, installs.remove(pluginId, before.version(), by));
                for (String network : before.networks()) {
                    mark(network, "plugin_missing", "the plugin " + pluginId + " was uninstalled: the history and goals of this"
                            + " account are kept, and it syncs again once the plugin is installed");
                }
                return before;
            }
        });
    }

    /**
     * Brings this instance's plugins to the desired set: each row's change is applied once; one that
     * fails here (the plugin did not start, its zip could not be unpacked, the database did not answer)
     * is tried again after {@link #RECONCILE_EVERY}, then twice, four times … as long, at most
     * {@link #RETRY_AT_MOST}, and listed by {@link #pending()} until it succeeds or the row changes.
     * A zip this instance refuses (its signature, key or plugin-api range) is listed as refused and not
     * retried: the same bytes get the same answer. Also refreshes the refusals listed from the database.
     */
    public synchronized void reconcile() {
        for (PluginInstalls.Desired d : installs.all()) {
            Pending failed = pending.get(d.pluginId());
            if (failed != null && failed.revision() == d.revision()) {
                if (clock.instant().isBefore(failed.nextAttempt())) {
                    continue;
                }
            } else {
                Long done = applied.get(d.pluginId());
                if (done != null && done >= d.revision()) {
                    pending.remove(d.pluginId());
                    continue;
                }
            }
            try {
                if (apply(d)) {
                    applied(d.pluginId(), d.revision());
                }
            } catch (RuntimeException e) {
                int attempts = failed != null && failed.revision() == d.revision() ? failed.attempts() + 1 : 1;
                Instant now = clock.instant();
                Duration wait = retryAfter(attempts);
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                pending.put(d.pluginId(), new Pending(instance, d.pluginId(), d.version(), d.enabled(), d.revision(), attempts,
                        error, now, now.plus(wait)));
                LOG.error("Plugin {}: the desired state ({} {}, revision {}) could not be applied here (attempt {}), trying again"
                        + " in {} s: {}", d.pluginId(), d.version(), d.enabled() ? "enabled" : "disabled", d.revision(), attempts,
                        wait.toSeconds(), error);
            }
        }
        registry.showRefused(refusals.all());
        if (!pending.isEmpty() || failuresShown) {
            failures.publish(instance, List.copyOf(pending.values()));
            failuresShown = !pending.isEmpty();
        }
    }

    /** The wait before attempt {@code failures + 1}: the reconcile period, doubled per failure, at most {@link #RETRY_AT_MOST}. */
    static Duration retryAfter(int failures) {
        Duration wait = RECONCILE_EVERY.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(RETRY_AT_MOST) > 0 ? RETRY_AT_MOST : wait;
    }

    /**
     * The changes of the desired set that an instance (this or another on the database) has not
     * applied yet because they failed there, by plugin id and instance.
     */
    public Future<List<Pending>> pending() {
        return failures.all();
    }

    private void applied(String pluginId, long revision) {
        applied.put(pluginId, revision);
        pending.remove(pluginId);
    }

    /** Applies one desired row; false when the row changed meanwhile (the next round applies the newer one). */
    private boolean apply(PluginInstalls.Desired d) {
        Optional<PluginInfo> current = registry.plugins().stream()
                .filter(p -> p.id().equals(d.pluginId()) && !p.state().equals("REFUSED")).findFirst();
        if (d.removed()) {
            if (current.isPresent()) {
                LOG.info("Plugin {} uninstalled on another instance: uninstalling here", d.pluginId());
                registry.uninstall(d.pluginId());
            }
            return true;
        }
        Optional<PluginPackage> installed = registry.installedPackage(d.pluginId());
        if (installed.isEmpty() || !installed.get().sha512().equals(d.sha512())) {
            byte[] zip = installs.zip(d.pluginId(), d.sha512()).orElse(null);
            if (zip == null) {
                return false; // changed again since listed: the next round applies the newer row
            }
            PluginPackage pkg;
            try {
                pkg = PluginPackage.inspect(zip, d.pluginId() + "-" + d.version() + ".zip", registry.trust());
            } catch (PluginPackage.Refused e) {
                registry.refused(d.pluginId(), d.version(), d.pluginId() + "-" + d.version() + ".zip", e.getMessage());
                return true;
            }
            LOG.info("Plugin {} {} installed on another instance: installing here", d.pluginId(), d.version());
            registry.install(pkg);
            refusals.clear(d.pluginId());
            current = registry.plugins().stream().filter(p -> p.id().equals(d.pluginId()) && !p.state().equals("REFUSED"))
                    .findFirst();
        }
        boolean running = current.map(p -> p.state().equals("STARTED")).orElse(false);
        if (d.enabled() && !running) {
            registry.enable(d.pluginId());
        } else if (!d.enabled() && current.map(p -> !p.state().equals("DISABLED")).orElse(false)) {
            registry.disable(d.pluginId());
        }
        return true;
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
        synchronized (this) {
            if (failuresShown) {
                try {
                    failures.publish(instance, List.of()); // a stopped instance retries nothing
                } catch (RuntimeException e) {
                    LOG.debug("Plugin apply failures of {} not cleared: {}", instance, e.getMessage());
                }
            }
        }
    }
}
