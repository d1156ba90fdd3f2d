package io.goalpost.platform.plugins;

import io.goalpost.plugin.signing.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose plugins this server runs: the publishers' public keys it trusts
 * ({@code <data-dir>/trusted-keys/*.pub}, {@code --trusted-plugin-key}, {@code GOALPOST_TRUSTED_PLUGIN_KEYS})
 * and whether unsigned plugins are let in anyway ({@code --allow-unsigned-plugins}, development only).
 * A plugin runs with the server's full rights, so a plugin zip is loaded only when one of these keys
 * signed exactly its contents.
 *
 * @param keys the trusted keys
 * @param allowUnsigned whether unsigned zips and plugin folders load (a warning on the plugins page and in /api/health)
 */
public record PluginTrust(List<TrustedKey> keys, boolean allowUnsigned) {

    private static final Logger LOG = LoggerFactory.getLogger(PluginTrust.class);
    /** The environment variable listing more key files (separated like a class path, {@code :} on Unix). */
    public static final String KEYS_ENV = "GOALPOST_TRUSTED_PLUGIN_KEYS";
    /** The development key the build signs the bundled plugins with (plugins/src/signing): demo and tests only. */
    static final String DEV_KEY_RESOURCE = "goalpost-dev-plugin-signing.pub";

    public PluginTrust {
        keys = List.copyOf(keys);
    }

    /**
     * The operator's trust: every {@code *.pub} in {@code <data-dir>/trusted-keys}, the given key files
     * and those of {@value #KEYS_ENV}. A key file that cannot be read stops the start (a silently
     * missing key would refuse every plugin it signed, with a misleading reason).
     */
    public static PluginTrust load(Path dataDir, List<Path> keyFiles, boolean allowUnsigned) {
        List<Path> files = new ArrayList<>();
        Path dir = dataDir == null ? null : dataDir.resolve("trusted-keys");
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().endsWith(".pub")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        files.addAll(keyFiles);
        String env = System.getenv(KEYS_ENV);
        if (env != null && !env.isBlank()) {
            for (String f : env.split(java.io.File.pathSeparator)) {
                if (!f.isBlank()) {
                    files.add(Path.of(f.strip()));
                }
            }
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (Path f : files) {
            try {
                keys.add(TrustedKey.read(f));
            } catch (IOException e) {
                throw new IllegalArgumentException("trusted plugin key " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        PluginTrust trust = new PluginTrust(keys, allowUnsigned);
        LOG.info("Plugins signed by {} trusted key(s) load{}: {}", keys.size(), allowUnsigned ? ", and UNSIGNED plugins too" : "",
                keys.stream().map(k -> k.name() + " (" + k.id() + ")").toList());
        return trust;
    }

    /** This trust plus the build's development key: what {@code ./goalpost demo} runs with. */
    public PluginTrust withDevelopmentKey() {
        List<TrustedKey> all = new ArrayList<>(keys);
        TrustedKey dev = developmentKey();
        if (all.stream().noneMatch(k -> k.id().equals(dev.id()))) {
            all.add(dev);
        }
        return new PluginTrust(all, allowUnsigned);
    }

    /** The development key (its private half is in the repository: never trust it in production). */
    public static TrustedKey developmentKey() {
        try (InputStream in = Objects.requireNonNull(PluginTrust.class.getResourceAsStream(DEV_KEY_RESOURCE), DEV_KEY_RESOURCE)) {
            return TrustedKey.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII), DEV_KEY_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the development key is trusted (shown as a warning: anyone can sign with it). */
    public boolean trustsDevelopmentKey() {
        String dev = developmentKey().id();
        return keys.stream().anyMatch(k -> k.id().equals(dev));
    }
}
