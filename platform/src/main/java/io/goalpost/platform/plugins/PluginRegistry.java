package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.PluginApi;
import io.goalpost.plugin.signing.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of PF4J. Loads the plugins directory at start, and installs, upgrades, disables,
 * enables and uninstalls plugins while the server runs. Every plugin zip is checked before any of its
 * code loads ({@link PluginPackage#inspect}: readable, signed by a trusted key, compatible); refused
 * files are listed with the reason and never loaded. Request handlers read an immutable snapshot of the
 * networks without locks.
 *
 * <p>Live swap: a sync uses a network through a {@link Lease}. Replacing or stopping a network's plugin
 * first holds its gate (no new lease: a sync that asks is told to retry shortly), waits up to
 * {@link #DRAIN} for the leases out to be closed (a sync interrupted after that resumes from its
 * committed cursor), stops and unloads the old plugin (its class loader is closed and no longer
 * referenced here), loads and starts the new one, and opens the gate. If the new one fails, the
 * previous version is started again and the reason is returned.
 */
public final class PluginRegistry implements NetworkCatalog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    /** How long a swap waits for running syncs of the network. */
    public static final Duration DRAIN = Duration.ofSeconds(30);
    private static final int REFUSED_KEPT = 20;

    private final HostPluginManager manager;
    private final PluginTrust trust;
    private final Path workDir;
    private final Duration drain;
    private final Map<String, Installed> installed = new LinkedHashMap<>(); // guarded by this
    private final List<PluginInfo> refused = new ArrayList<>(); // guarded by this
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final List<Consumer<String>> startListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<PluginInfo>> refusalListeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), Map.of());

    private record Snapshot(Map<String, LoadedNetwork> networks, List<PluginInfo> plugins, Map<String, String> stopped) {
    }

    /** One installed plugin: its checked package (null for an unsigned plugin folder) and what runs of it. */
    private static final class Installed {
        final PluginPackage pkg;
        final Path folder;
        boolean enabled = true;
        LoadedNetwork network;
        String networkId;
        String problem;

        Installed(PluginPackage pkg, Path folder) {
            this.pkg = pkg;
            this.folder = folder;
        }
    }

    /** A network's gate: how many syncs use it, and whether a swap holds it. */
    private static final class Gate {
        int inFlight;
        boolean held;
    }

    /** A network in use by one sync; closing it lets a waiting swap proceed. */
    public final class Lease implements AutoCloseable {
        private final LoadedNetwork network;
        private final Gate gate;
        private boolean closed;

        private Lease(LoadedNetwork network, Gate gate) {
            this.network = network;
            this.gate = gate;
        }

        public LoadedNetwork network() {
            return network;
        }

        @Override
        public void close() {
            synchronized (gate) {
                if (!closed) {
                    closed = true;
                    gate.inFlight--;
                    gate.notifyAll();
                }
            }
        }
    }

    /**
     * Whether a network can be used now.
     *
     * @param status ready, swapping (its plugin is being replaced: retry shortly), plugin_disabled, plugin_missing
     * @param reason why not ready, in words, or null
     */
    public record Availability(String status, String reason) {
    }

    /** An operation that did not happen (or was rolled back), with the reason in words. */
    public static final class OperationFailed extends RuntimeException {
        private final int status;

        public OperationFailed(int status, String reason) {
            super(reason);
            this.status = status;
        }

        /** The HTTP status that says it: 404 unknown plugin, 409 not possible now, 422 the plugin was refused. */
        public int status() {
            return status;
        }
    }

    private PluginRegistry(Path pluginsDir, PluginTrust trust, Path workDir, Duration drain) {
        this.manager = pluginsDir == null ? null : new HostPluginManager(pluginsDir);
        this.trust = trust;
        this.workDir = workDir;
        this.drain = drain;
    }

    /**
     * A registry of networks whose code is already on the class path, with no plugin files: for
     * embedding Goalpost with a network of one's own, and for tests of the host's side of the contract.
     */
    public static PluginRegistry inProcess(List<LoadedNetwork> networks) {
        PluginRegistry registry = new PluginRegistry(null, new PluginTrust(List.of(), false), null, DRAIN);
        Map<String, LoadedNetwork> byId = new LinkedHashMap<>();
        networks.forEach(n -> byId.put(n.descriptor().networkId(), n));
        registry.snapshot = new Snapshot(Map.copyOf(byId), List.of(), Map.of());
        return registry;
    }

    /**
     * Loads and starts every plugin in the directory (missing directory: no plugins) that the keys of
     * {@link PluginTrust#KEYS_ENV} signed; unpacked into a temporary folder.
     */
    public static PluginRegistry load(Path pluginsDir) {
        return load(pluginsDir, PluginTrust.load(null, List.of(), false), null);
    }

    /**
     * Loads and starts every plugin in the directory that {@code trust} admits, unpacking the checked
     * zips under {@code workDir} (null: a new temporary folder).
     */
    public static PluginRegistry load(Path pluginsDir, PluginTrust trust, Path workDir) {
        return load(pluginsDir, trust, workDir, DRAIN);
    }

    /** As {@link #load(Path, PluginTrust, Path)}, waiting at most {@code drain} for running syncs in a swap. */
    public static PluginRegistry load(Path pluginsDir, PluginTrust trust, Path workDir, Duration drain) {
        Path work;
        try {
            work = workDir == null ? Files.createTempDirectory("goalpost-plugins") : Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugins work folder " + workDir, e);
        }
        PluginRegistry registry = new PluginRegistry(pluginsDir, trust, work, drain);
        registry.loadAll(pluginsDir);
        return registry;
    }

    /** The trust this registry checks plugins against. */
    public PluginTrust trust() {
        return trust;
    }

    /** Calls {@code listener} with the network id each time a plugin starts (after start, install, upgrade, enable). */
    public void onNetworkStarted(Consumer<String> listener) {
        startListeners.add(listener);
    }

    /**
     * Calls {@code listener} with each file refused from now on (upload, catalog, a failed install);
     * the plugins directory's refusals at load are in {@link #plugins()} already.
     */
    public void onRefused(Consumer<PluginInfo> listener) {
        refusalListeners.add(listener);
    }

    /**
     * Lists these refusals instead of the ones this registry made itself: the stored ones, which every
     * instance shares ({@link PluginOperations}).
     */
    public synchronized void showRefused(List<PluginInfo> stored) {
        refused.clear();
        refused.addAll(stored);
        publish();
    }

    private synchronized void loadAll(Path pluginsDir) {
        for (Path file : pluginFiles(pluginsDir)) {
            String name = file.getFileName().toString();
            PluginPackage pkg = null;
            try {
                Installed candidate;
                if (Files.isDirectory(file)) {
                    if (!trust.allowUnsigned()) {
                        refuse(null, "", name, "an unpacked plugin folder cannot be verified: install the signed zip"
                                + " (or start with --allow-unsigned-plugins for development)");
                        continue;
                    }
                    candidate = new Installed(null, file);
                } else {
                    verifyChecksum(file);
                    pkg = PluginPackage.inspect(Files.readAllBytes(file), name, trust);
                    if (installed.containsKey(pkg.id())) {
                        refuse(pkg.id(), pkg.version(), name, "plugin " + pkg.id() + " is already installed from "
                                + installed.get(pkg.id()).pkg.fileName());
                        continue;
                    }
                    candidate = new Installed(pkg, null);
                }
                start(candidate);
            } catch (PluginPackage.Refused e) {
                refuse(e.pluginId().orElse(null), e.version(), name, e.getMessage());
            } catch (OperationFailed e) {
                refuse(pkg == null ? null : pkg.id(), pkg == null ? "" : pkg.version(), name, e.getMessage());
            } catch (RuntimeException | IOException | LinkageError e) {
                refuse(null, "", name, "could not load plugin file " + name + ": " + describe(e));
            }
        }
        publish();
        LOG.info("Plugins: {} network(s) ready: {}", snapshot.networks().size(), snapshot.networks().keySet());
    }

    /**
     * Loads and starts a plugin and records it as installed; on failure it is unloaded again and the
     * reason thrown (the caller decides whether it is a refusal or a rollback).
     */
    private void start(Installed entry) {
        String id;
        Path folder;
        try {
            folder = entry.pkg == null ? entry.folder : entry.pkg.unpack(workDir);
            id = manager.loadPlugin(folder);
        } catch (IOException e) {
            throw new OperationFailed(422, "could not unpack: " + describe(e));
        } catch (RuntimeException | LinkageError e) {
            throw new OperationFailed(422, "could not load: " + describe(e));
        }
        try {
            if (entry.pkg != null && !entry.pkg.id().equals(id)) {
                throw new OperationFailed(422, "its plugin id changed while loading");
            }
            LoadedNetwork network = startLoaded(id);
            if (entry.pkg == null) {
                installed.put(id, new Installed(null, folder));
            } else {
                installed.put(id, entry);
            }
            Installed now = installed.get(id);
            now.enabled = true;
            now.network = network;
            now.networkId = network.descriptor().networkId();
            now.problem = null;
        } catch (RuntimeException | LinkageError e) {
            unloadQuietly(id);
            forgetFolder(entry, folder);
            throw e instanceof OperationFailed f ? f : new OperationFailed(422, describe(e));
        }
    }

    private LoadedNetwork startLoaded(String id) {
        PluginWrapper wrapper = manager.wrapper(id);
        String version = wrapper.getDescriptor().getVersion();
        String requires = wrapper.getDescriptor().getRequires();
        if (!manager.getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)
                || wrapper.getPluginState() == PluginState.DISABLED) {
            throw new OperationFailed(422, "requires plugin-api " + requires + " but this host provides " + PluginApi.VERSION
                    + "; install a compatible version");
        }
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            String cause = wrapper.getPlugin() == null ? ": its plugin class " + wrapper.getDescriptor().getPluginClass()
                    + " could not be created (missing or failing)"
                    : wrapper.getFailedException() == null ? "" : ": " + describe(wrapper.getFailedException());
            throw new OperationFailed(422, "did not start (" + state + ")" + cause);
        }
        ClassLoader loader = wrapper.getPluginClassLoader();
        List<NetworkAdapterFactory> factories = withLoader(loader, () -> manager.getExtensions(NetworkAdapterFactory.class, id));
        if (factories.size() != 1) {
            throw new OperationFailed(422, "must provide exactly one NetworkAdapterFactory extension, found "
                    + factories.size() + " (is META-INF/extensions.idx present?)");
        }
        NetworkAdapterFactory factory = factories.get(0);
        AdapterDescriptor descriptor = withLoader(loader, factory::descriptor);
        for (Installed other : installed.values()) {
            if (other.network != null && descriptor.networkId().equals(other.networkId)
                    && !other.network.pluginId().equals(id)) {
                throw new OperationFailed(422, "network '" + descriptor.networkId() + "' is already provided by plugin "
                        + other.network.pluginId());
            }
        }
        Optional<NetworkAuthorizer> authorizer = withLoader(loader, () -> manager.getExtensions(NetworkAuthorizer.class, id))
                .stream().filter(a -> descriptor.networkId().equals(withLoader(loader, a::networkId))).findFirst();
        if (authorizer.isPresent()) {
            try {
                withLoader(loader, authorizer.get()::spec);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Plugin {}: its sign-in flow is not used, its AuthorizationSpec fails: {}", id, describe(e));
                authorizer = Optional.empty();
            }
        }
        LOG.info("Plugin {} {} started: network {}{}", id, version, descriptor.networkId(),
                authorizer.isPresent() ? " (with sign-in)" : "");
        return new LoadedNetwork(id, descriptor, factory, loader, authorizer);
    }

    private void refuse(String id, String version, String file, String problem) {
        LOG.error("Plugin {} refused: {}", id == null ? file : id, problem);
        refused.removeIf(r -> r.file().equals(file) && (id == null || r.id().equals(id)));
        PluginInfo info = new PluginInfo(id == null ? file : id, version, "", "REFUSED", List.of(), file, problem);
        refused.add(info);
        while (refused.size() > REFUSED_KEPT) {
            refused.remove(0);
        }
        for (Consumer<PluginInfo> l : refusalListeners) {
            try {
                l.accept(info);
            } catch (RuntimeException e) {
                LOG.warn("Plugin refusal listener failed: {}", e.toString());
            }
        }
    }

    // ---- operations while running (blocking: call them from a worker thread) ----

    /**
     * Installs a checked package: a new plugin, or an upgrade (or downgrade, or the same version
     * again) of an installed one. Throws {@link OperationFailed} when it cannot run; an installed
     * previous version is then running again.
     */
    public synchronized PluginInfo install(PluginPackage pkg) {
        requireManager();
        Installed previous = installed.get(pkg.id());
        if (previous != null && previous.pkg != null && previous.pkg.sha512().equals(pkg.sha512())
                && previous.enabled && previous.network != null) {
            return info(pkg.id());
        }
        String networkId = previous == null ? null : previous.networkId;
        Gate gate = networkId == null ? null : hold(networkId);
        try {
            if (previous != null) {
                stopRunning(previous);
                installed.remove(pkg.id());
                publish();
            }
            try {
                start(new Installed(pkg, null));
            } catch (OperationFailed e) {
                refuse(pkg.id(), pkg.version(), pkg.fileName(), e.getMessage());
                if (previous != null) {
                    installed.put(pkg.id(), previous);
                    if (previous.enabled) {
                        restart(previous);
                    }
                    if (previous.enabled && previous.network == null) {
                        // Said plainly: neither version runs now (e.g. nothing can be unpacked on this disk).
                        throw new OperationFailed(422, pkg.id() + " " + pkg.version() + " did not start, and " + version(previous)
                                + " did not start again either (" + previous.problem + "): " + e.getMessage());
                    }
                    LOG.warn("Plugin {} {} failed ({}): {} put back", pkg.id(), pkg.version(), e.getMessage(),
                            version(previous));
                    throw new OperationFailed(422, pkg.id() + " " + pkg.version() + " did not start, so " + version(previous)
                            + " was put back: " + e.getMessage());
                }
                throw e;
            }
            if (previous != null && previous.pkg != null) {
                forgetFolder(previous, null);
            }
            // Earlier refusals of this plugin are moot once a version of it runs.
            refused.removeIf(r -> r.id().equals(pkg.id()));
            LOG.info("Plugin {} {} installed ({})", pkg.id(), pkg.version(), pkg.publisher());
        } finally {
            publish();
            release(gate);
        }
        announce(installed.get(pkg.id()));
        return info(pkg.id());
    }

    /** Stops a plugin and keeps it installed, disabled: its accounts keep their history and show plugin_disabled. */
    public synchronized PluginInfo disable(String pluginId) {
        Installed entry = existing(pluginId);
        if (!entry.enabled) {
            return info(pluginId);
        }
        Gate gate = entry.networkId == null ? null : hold(entry.networkId);
        try {
            stopRunning(entry);
            entry.enabled = false;
            entry.problem = "disabled by an administrator";
            LOG.info("Plugin {} disabled", pluginId);
        } finally {
            publish();
            release(gate);
        }
        return info(pluginId);
    }

    /** Starts a disabled (or failed) plugin again. */
    public synchronized PluginInfo enable(String pluginId) {
        Installed entry = existing(pluginId);
        if (entry.enabled && entry.network != null) {
            return info(pluginId);
        }
        try {
            restart(entry);
        } finally {
            publish();
        }
        if (entry.network == null) {
            throw new OperationFailed(422, pluginId + " did not start: " + entry.problem);
        }
        announce(entry);
        return info(pluginId);
    }

    /** Stops and removes a plugin; its accounts keep their history and show plugin_missing until it is installed again. */
    public synchronized void uninstall(String pluginId) {
        Installed entry = existing(pluginId);
        Gate gate = entry.networkId == null ? null : hold(entry.networkId);
        try {
            stopRunning(entry);
            installed.remove(pluginId);
            forgetFolder(entry, null);
            LOG.info("Plugin {} uninstalled", pluginId);
        } finally {
            publish();
            release(gate);
        }
    }

    /** The package an installed plugin was loaded from (empty for an unsigned plugin folder). */
    public synchronized Optional<PluginPackage> installedPackage(String pluginId) {
        Installed entry = installed.get(pluginId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.pkg);
    }

    /** Records a refusal made before loading (an upload that failed its checks), so it is listed. */
    public synchronized void refused(String pluginId, String version, String file, String reason) {
        refuse(pluginId, version, file, reason);
        publish();
    }

    private void restart(Installed entry) {
        try {
            start(entry);
        } catch (OperationFailed e) {
            installed.put(idOf(entry), entry);
            entry.network = null;
            entry.enabled = true;
            entry.problem = "did not start: " + e.getMessage();
            LOG.error("Plugin {} did not start: {}", idOf(entry), e.getMessage());
        }
    }

    private void stopRunning(Installed entry) {
        if (entry.network == null) {
            return;
        }
        String id = entry.network.pluginId();
        entry.network = null;
        publish();
        unloadQuietly(id);
    }

    private void unloadQuietly(String id) {
        try {
            if (manager.wrapper(id) != null) {
                if (manager.wrapper(id).getPluginState() == PluginState.STARTED) {
                    manager.stopPlugin(id);
                }
                manager.unloadPlugin(id);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Plugin {} did not unload cleanly: {}", id, e.toString());
        }
    }

    private void forgetFolder(Installed entry, Path folder) {
        if (entry.pkg == null) {
            return;
        }
        try {
            Path unpacked = folder != null ? folder : workDir.resolve(entry.pkg.id() + "-"
                    + entry.pkg.version().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + entry.pkg.sha512().substring(0, 12));
            PluginPackage.delete(unpacked);
        } catch (IOException e) {
            LOG.debug("Unpacked plugin folder not removed: {}", e.getMessage());
        }
    }

    private Installed existing(String pluginId) {
        requireManager();
        Installed entry = installed.get(pluginId);
        if (entry == null) {
            throw new OperationFailed(404, "no plugin '" + pluginId + "' is installed");
        }
        return entry;
    }

    private void requireManager() {
        if (manager == null) {
            throw new OperationFailed(409, "this server's networks are built in: plugins cannot be changed while it runs");
        }
    }

    private static String idOf(Installed entry) {
        return entry.pkg != null ? entry.pkg.id() : entry.folder.getFileName().toString();
    }

    private static String version(Installed entry) {
        return entry.pkg == null ? "the previous version" : "version " + entry.pkg.version();
    }

    private void announce(Installed entry) {
        if (entry == null || entry.networkId == null || entry.network == null) {
            return;
        }
        for (Consumer<String> l : startListeners) {
            try {
                l.accept(entry.networkId);
            } catch (RuntimeException e) {
                LOG.warn("Plugin start listener failed: {}", e.toString());
            }
        }
    }

    // ---- the gates ----

    /**
     * The network for one sync, held until the lease is closed; empty when it is not ready
     * ({@link #availability} says why).
     */
    public Optional<Lease> lease(String networkId) {
        Gate gate = gates.computeIfAbsent(networkId, k -> new Gate());
        synchronized (gate) {
            LoadedNetwork network = snapshot.networks().get(networkId);
            if (gate.held || network == null) {
                return Optional.empty();
            }
            gate.inFlight++;
            return Optional.of(new Lease(network, gate));
        }
    }

    /** Whether a network can sync now, and if not why. */
    public Availability availability(String networkId) {
        Gate gate = gates.get(networkId);
        if (gate != null) {
            synchronized (gate) {
                if (gate.held) {
                    return new Availability("swapping", "its plugin is being replaced: the sync resumes in a moment");
                }
            }
        }
        Snapshot s = snapshot;
        if (s.networks().containsKey(networkId)) {
            return new Availability("ready", null);
        }
        String stopped = s.stopped().get(networkId);
        if (stopped != null) {
            return new Availability("plugin_disabled", stopped);
        }
        return new Availability("plugin_missing", "the plugin for network '" + networkId + "' is not installed");
    }

    private Gate hold(String networkId) {
        Gate gate = gates.computeIfAbsent(networkId, k -> new Gate());
        long deadline = System.nanoTime() + drain.toNanos();
        synchronized (gate) {
            gate.held = true;
            try {
                while (gate.inFlight > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn("Network {}: {} sync(s) still running after {} ms; the plugin is swapped anyway and they"
                                + " resume from their committed cursors", networkId, gate.inFlight, drain.toMillis());
                        break;
                    }
                    gate.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return gate;
    }

    private static void release(Gate gate) {
        if (gate != null) {
            synchronized (gate) {
                gate.held = false;
                gate.notifyAll();
            }
        }
    }

    // ---- the snapshot ----

    private void publish() {
        Map<String, LoadedNetwork> networks = new LinkedHashMap<>();
        Map<String, String> stopped = new LinkedHashMap<>();
        List<PluginInfo> infos = new ArrayList<>();
        for (Map.Entry<String, Installed> e : installed.entrySet()) {
            Installed i = e.getValue();
            if (i.network != null) {
                networks.put(i.networkId, i.network);
            } else if (i.networkId != null) {
                stopped.put(i.networkId, "the plugin " + e.getKey() + " is " + (i.enabled ? "not running: " + i.problem
                        : "disabled by an administrator"));
            }
            infos.add(toInfo(e.getKey(), i));
        }
        infos.addAll(refused);
        infos.sort(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::state));
        snapshot = new Snapshot(Map.copyOf(networks), List.copyOf(infos), Map.copyOf(stopped));
    }

    private PluginInfo toInfo(String id, Installed i) {
        String state = i.network != null ? "STARTED" : !i.enabled ? "DISABLED" : "FAILED";
        String version = i.pkg != null ? i.pkg.version() : "";
        String requires = i.pkg != null ? i.pkg.requires() : "";
        String file = i.pkg != null ? i.pkg.fileName() : i.folder.toString();
        String publisher = i.pkg != null ? i.pkg.publisher() : "unsigned";
        String keyId = i.pkg != null ? i.pkg.signer().map(TrustedKey::id).orElse("") : "";
        return new PluginInfo(id, version, requires, state, i.networkId == null ? List.of() : List.of(i.networkId), file,
                i.network != null ? null : i.problem, publisher, keyId);
    }

    private PluginInfo info(String pluginId) {
        return snapshot.plugins().stream().filter(p -> p.id().equals(pluginId) && !p.state().equals("REFUSED"))
                .findFirst().orElseThrow();
    }

    /** A .sha512 beside a zip must match it; a zip without one is accepted (the signature is what counts). */
    static void verifyChecksum(Path file) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ".sha512");
        if (!Files.isRegularFile(file) || !Files.exists(sidecar)) {
            return;
        }
        String expected = Files.readString(sidecar).trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        String actual;
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            actual = HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("sha512 does not match " + sidecar.getFileName()
                    + " (file damaged or tampered with)");
        }
    }

    /** Plugin zips, plus folders that are not the expansion of a zip beside them. */
    static List<Path> pluginFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.warn("Plugins directory {} does not exist: no network plugins loaded", dir);
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> all = entries.sorted().toList();
            List<Path> result = new ArrayList<>();
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isRegularFile(p) && name.endsWith(".zip")) {
                    result.add(p);
                } else if (Files.isDirectory(p) && !Files.exists(dir.resolve(name + ".zip"))) {
                    result.add(p);
                } else if (Files.isRegularFile(p) && !name.endsWith(".sha512") && !name.endsWith(".txt")) {
                    LOG.warn("Ignoring {} in the plugins directory: not a plugin zip", name);
                }
            }
            return result;
        } catch (IOException e) {
            LOG.error("Cannot list plugins directory {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Runs a call into plugin code with the plugin's class loader as context loader. */
    public static <T> T withLoader(ClassLoader loader, Callable<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Every plugin installed (started, disabled or failed) and every file refused, by id. */
    public List<PluginInfo> plugins() {
        return snapshot.plugins();
    }

    /** The loaded network, if a started plugin provides it. */
    public Optional<LoadedNetwork> loaded(String networkId) {
        return Optional.ofNullable(snapshot.networks().get(networkId));
    }

    /** Every loaded network, ordered by id. */
    public List<LoadedNetwork> loadedNetworks() {
        return snapshot.networks().values().stream()
                .sorted(Comparator.comparing(n -> n.descriptor().networkId())).toList();
    }

    @Override
    public List<AdapterDescriptor> networks() {
        return loadedNetworks().stream().map(LoadedNetwork::descriptor).toList();
    }

    @Override
    public Optional<AdapterDescriptor> network(String networkId) {
        return loaded(networkId).map(LoadedNetwork::descriptor);
    }

    /**
     * Stops and unloads every plugin, one at a time (PF4J's own {@code stopPlugins()} then
     * {@code unloadPlugins()} iterated a list that unloading changed: every shutdown logged a
     * ConcurrentModificationException).
     */
    @Override
    public synchronized void close() {
        if (manager == null) {
            snapshot = new Snapshot(Map.of(), snapshot.plugins(), Map.of());
            return;
        }
        for (Installed entry : installed.values()) {
            entry.network = null;
        }
        snapshot = new Snapshot(Map.of(), snapshot.plugins(), Map.of());
        List<String> ids = new ArrayList<>(manager.getPlugins().stream().map(PluginWrapper::getPluginId).toList());
        java.util.Collections.reverse(ids);
        for (String id : ids) {
            unloadQuietly(id);
        }
        try {
            PluginPackage.delete(workDir);
        } catch (IOException e) {
            LOG.debug("Plugins work folder not removed: {}", e.getMessage());
        }
    }
}
