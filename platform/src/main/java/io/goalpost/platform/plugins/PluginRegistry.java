package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.NetworkSandbox;
import io.goalpost.plugin.api.PluginApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of PF4J. Loads every plugin file of the plugins directory, refuses broken or
 * incompatible ones with a clear message (the host starts anyway), and publishes an immutable
 * snapshot of the networks that request handlers read without locks.
 */
public final class PluginRegistry implements NetworkCatalog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final HostPluginManager manager;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    private record Snapshot(Map<String, LoadedNetwork> networks, List<PluginInfo> plugins) {
    }

    private PluginRegistry(Path pluginsDir) {
        this.manager = pluginsDir == null ? null : new HostPluginManager(pluginsDir);
    }

    /**
     * A registry of networks whose code is already on the class path, with no plugin files: for
     * embedding Goalpost with a network of one's own, and for tests of the host's side of the contract.
     */
    public static PluginRegistry inProcess(List<LoadedNetwork> networks) {
        PluginRegistry registry = new PluginRegistry(null);
        Map<String, LoadedNetwork> byId = new LinkedHashMap<>();
        networks.forEach(n -> byId.put(n.descriptor().networkId(), n));
        registry.snapshot = new Snapshot(Map.copyOf(byId), List.of());
        return registry;
    }

    /** Loads and starts every plugin in the directory (missing directory: no plugins). */
    public static PluginRegistry load(Path pluginsDir) {
        PluginRegistry registry = new PluginRegistry(pluginsDir);
        registry.loadAll(pluginsDir);
        return registry;
    }

    private synchronized void loadAll(Path pluginsDir) {
        Map<String, LoadedNetwork> networks = new LinkedHashMap<>();
        List<PluginInfo> infos = new ArrayList<>();
        for (Path file : pluginFiles(pluginsDir)) {
            try {
                infos.add(loadOne(file, networks));
            } catch (RuntimeException | IOException | LinkageError e) {
                String problem = "could not load plugin file " + file.getFileName() + ": " + describe(e);
                LOG.error("Skipping plugin: {}", problem);
                infos.add(new PluginInfo(file.getFileName().toString(), "", "", "FAILED", List.of(),
                        file.toString(), problem));
            }
        }
        infos.sort(Comparator.comparing(PluginInfo::id));
        snapshot = new Snapshot(Map.copyOf(networks), List.copyOf(infos));
        LOG.info("Plugins: {} network(s) ready: {}", networks.size(), networks.keySet());
    }

    private PluginInfo loadOne(Path file, Map<String, LoadedNetwork> networks) throws IOException {
        verifyChecksum(file);
        Path folder = FileUtils.expandIfZip(file);
        String id = manager.loadPlugin(folder);
        PluginWrapper wrapper = manager.wrapper(id);
        String version = wrapper.getDescriptor().getVersion();
        String requires = wrapper.getDescriptor().getRequires();
        if (!manager.getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)
                || wrapper.getPluginState() == PluginState.DISABLED) {
            manager.unloadPlugin(id);
            return failed(id, version, requires, file, "requires plugin-api " + requires
                    + " but this host provides " + PluginApi.VERSION + "; install a compatible version");
        }
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            String cause = wrapper.getFailedException() == null ? "" : ": " + describe(wrapper.getFailedException());
            manager.unloadPlugin(id);
            return failed(id, version, requires, file, "did not start (" + state + ")" + cause);
        }
        ClassLoader loader = wrapper.getPluginClassLoader();
        List<NetworkAdapterFactory> factories = withLoader(loader,
                () -> manager.getExtensions(NetworkAdapterFactory.class, id));
        if (factories.size() != 1) {
            manager.unloadPlugin(id);
            return failed(id, version, requires, file, "must provide exactly one NetworkAdapterFactory extension, found "
                    + factories.size() + " (is META-INF/extensions.idx present?)");
        }
        NetworkAdapterFactory factory = factories.get(0);
        AdapterDescriptor descriptor = withLoader(loader, factory::descriptor);
        if (networks.containsKey(descriptor.networkId())) {
            manager.unloadPlugin(id);
            return failed(id, version, requires, file, "network '" + descriptor.networkId()
                    + "' is already provided by plugin " + networks.get(descriptor.networkId()).pluginId());
        }
        Optional<NetworkSandbox> sandbox = withLoader(loader, () -> manager.getExtensions(NetworkSandbox.class, id))
                .stream().filter(s -> descriptor.networkId().equals(s.networkId())).findFirst();
        Optional<NetworkAuthorizer> authorizer = withLoader(loader,
                () -> manager.getExtensions(NetworkAuthorizer.class, id))
                .stream().filter(a -> descriptor.networkId().equals(withLoader(loader, a::networkId))).findFirst();
        if (authorizer.isPresent()) {
            try {
                withLoader(loader, authorizer.get()::spec);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Plugin {}: its sign-in flow is not used, its AuthorizationSpec fails: {}", id, describe(e));
                authorizer = Optional.empty();
            }
        }
        networks.put(descriptor.networkId(), new LoadedNetwork(id, descriptor, factory, sandbox, loader, authorizer));
        LOG.info("Plugin {} {} started: network {}{}{}", id, version, descriptor.networkId(),
                sandbox.isPresent() ? " (with sandbox)" : "", authorizer.isPresent() ? " (with sign-in)" : "");
        return new PluginInfo(id, version, requires, "STARTED", List.of(descriptor.networkId()), file.toString(), null);
    }

    private static PluginInfo failed(String id, String version, String requires, Path file, String problem) {
        LOG.error("Plugin {} refused: {}", id, problem);
        return new PluginInfo(id, version, requires, "FAILED", List.of(), file.toString(), problem);
    }

    /** A .sha512 beside a zip must match it; a zip without one is accepted (development builds). */
    private static void verifyChecksum(Path file) throws IOException {
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
    private static List<Path> pluginFiles(Path dir) {
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
                } else if (Files.isRegularFile(p) && !name.endsWith(".sha512")) {
                    LOG.warn("Ignoring {} in the plugins directory: not a plugin zip", name);
                }
            }
            return result;
        } catch (IOException e) {
            LOG.error("Cannot list plugins directory {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    private static String describe(Throwable e) {
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

    /** Every plugin file seen, started or refused. */
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

    @Override
    public synchronized void close() {
        snapshot = new Snapshot(Map.of(), snapshot.plugins());
        if (manager == null) {
            return;
        }
        try {
            manager.stopPlugins();
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            LOG.warn("Plugins did not unload cleanly: {}", e.toString());
        }
    }
}
