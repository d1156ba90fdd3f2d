package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.PluginApi;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks' simulations, for the demo and tests only: sandbox zips ({@code goalpost-sandbox-<network>})
 * loaded from a directory of their own, never from the plugins directory, and never by {@code serve}.
 * Each zip is checked as a plugin zip is ({@link PluginPackage#inspect}: signed by a trusted key,
 * compatible plugin-api range) and loaded by a PF4J manager of its own, whose class loaders take the
 * sandbox API ({@code io.goalpost.plugin.sandbox}) from the host besides plugin-api. A sandbox is
 * independent of its network's plugin: whether it is offered is decided by whoever serves it (the
 * demo offers it only while that plugin runs).
 */
public final class SandboxRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxRegistry.class);
    /** The sandbox API's package: its classes always come from the host, like plugin-api's. */
    public static final String SANDBOX_PACKAGE = "io.goalpost.plugin.sandbox.";
    /** Where the demo looks for sandbox zips unless told ({@code --sandboxes-dir}). */
    public static final String DIR_ENV = "GOALPOST_SANDBOXES_DIR";

    /**
     * One network's simulation.
     *
     * @param pluginId the sandbox zip's plugin id
     * @param networkId the network it simulates
     * @param sandbox the extension
     * @param classLoader its class loader, set as context loader around every call into it
     */
    public record LoadedSandbox(String pluginId, String networkId, NetworkSandbox sandbox, ClassLoader classLoader) {
        public LoadedSandbox {
            Objects.requireNonNull(pluginId, "pluginId is null");
            Objects.requireNonNull(networkId, "networkId is null");
            Objects.requireNonNull(sandbox, "sandbox is null");
            Objects.requireNonNull(classLoader, "classLoader is null");
        }
    }

    private final HostPluginManager manager;
    private final Path workDir;
    private final Map<String, LoadedSandbox> byNetwork;
    private final List<String> refused;

    private SandboxRegistry(HostPluginManager manager, Path workDir, Map<String, LoadedSandbox> byNetwork, List<String> refused) {
        this.manager = manager;
        this.workDir = workDir;
        this.byNetwork = byNetwork;
        this.refused = refused;
    }

    /** Sandboxes whose code is already on the class path (tests). */
    public static SandboxRegistry of(List<LoadedSandbox> sandboxes) {
        Map<String, LoadedSandbox> byNetwork = new LinkedHashMap<>();
        sandboxes.forEach(s -> byNetwork.put(s.networkId(), s));
        return new SandboxRegistry(null, null, Map.copyOf(byNetwork), List.of());
    }

    /**
     * The directory the demo loads sandboxes from: {@code explicit} if given, else {@value #DIR_ENV}, else
     * {@code sandboxes} beside the plugins directory (the build puts them in {@code platform/target/sandboxes}
     * beside {@code platform/target/plugins}).
     */
    public static Path directory(Optional<Path> explicit, Path pluginsDir) {
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path parent = pluginsDir.toAbsolutePath().getParent();
        return parent == null ? Path.of("sandboxes") : parent.resolve("sandboxes");
    }

    /**
     * Loads and starts every sandbox zip in {@code dir} that {@code trust} admits (a missing directory: no
     * sandboxes), unpacking under {@code workDir}. A refused or failing zip is logged and skipped: the demo
     * runs the other networks.
     */
    public static SandboxRegistry load(Path dir, PluginTrust trust, Path workDir) {
        Path work;
        try {
            work = Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandboxes work folder " + workDir, e);
        }
        List<String> hostPackages = Stream.concat(PluginApi.HOST_PACKAGES.stream(), Stream.of(SANDBOX_PACKAGE)).toList();
        HostPluginManager manager = new HostPluginManager(dir, hostPackages);
        Map<String, LoadedSandbox> byNetwork = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        List<Path> files = Files.isDirectory(dir) ? PluginRegistry.pluginFiles(dir) : List.of();
        if (files.isEmpty()) {
            LOG.warn("No sandbox zips in {}: the demo has no simulated network to connect", dir);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("an unpacked folder cannot be verified: use the signed zip");
                }
                PluginRegistry.verifyChecksum(file);
                PluginPackage pkg = PluginPackage.inspect(Files.readAllBytes(file), name, trust);
                String id = manager.loadPlugin(pkg.unpack(work));
                LoadedSandbox loaded = start(manager, id);
                if (byNetwork.containsKey(loaded.networkId())) {
                    manager.unloadPlugin(id);
                    throw new IllegalArgumentException("network '" + loaded.networkId() + "' already has the sandbox "
                            + byNetwork.get(loaded.networkId()).pluginId());
                }
                byNetwork.put(loaded.networkId(), loaded);
            } catch (PluginPackage.Refused e) {
                refused.add(name + ": " + e.getMessage());
            } catch (IOException | RuntimeException | LinkageError e) {
                refused.add(name + ": " + PluginRegistry.describe(e));
            }
        }
        refused.forEach(r -> LOG.error("Sandbox not loaded: {}", r));
        LOG.info("Sandboxes: {} network(s) simulated: {}", byNetwork.size(), byNetwork.keySet());
        return new SandboxRegistry(manager, work, Map.copyOf(byNetwork), List.copyOf(refused));
    }

    private static LoadedSandbox start(HostPluginManager manager, String id) {
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            throw new IllegalStateException("did not start (" + state + ")");
        }
        ClassLoader loader = manager.wrapper(id).getPluginClassLoader();
        List<NetworkSandbox> found = PluginRegistry.withLoader(loader, () -> manager.getExtensions(NetworkSandbox.class, id));
        if (found.size() != 1) {
            throw new IllegalStateException("must provide exactly one NetworkSandbox extension, found " + found.size());
        }
        NetworkSandbox sandbox = found.get(0);
        String network = PluginRegistry.withLoader(loader, sandbox::networkId);
        return new LoadedSandbox(id, network, sandbox, loader);
    }

    /** The sandbox of a network, if one was loaded (whether its plugin runs is the caller's question). */
    public Optional<LoadedSandbox> forNetwork(String networkId) {
        return Optional.ofNullable(byNetwork.get(networkId));
    }

    /** Every loaded sandbox, by network id. */
    public List<LoadedSandbox> all() {
        return List.copyOf(byNetwork.values());
    }

    /** The zips that were not loaded, each with the reason. */
    public List<String> refused() {
        return refused;
    }

    @Override
    public void close() {
        if (manager == null) {
            return;
        }
        List<String> ids = new ArrayList<>(byNetwork.values().stream().map(LoadedSandbox::pluginId).toList());
        for (String id : ids) {
            try {
                manager.stopPlugin(id);
                manager.unloadPlugin(id);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Sandbox {} did not unload cleanly: {}", id, e.toString());
            }
        }
        try {
            PluginPackage.delete(workDir);
        } catch (IOException e) {
            LOG.debug("Sandboxes work folder not removed: {}", e.getMessage());
        }
    }
}
