package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.PluginApi;
import io.goalpost.plugin.signing.TrustedKey;
import io.goalpost.plugin.signing.ZipDigest;
import io.goalpost.plugin.signing.ZipVerifier;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.pf4j.DefaultVersionManager;

/**
 * A plugin zip that passed every check before loading: readable, signed by a trusted key (or let in
 * unsigned by {@code --allow-unsigned-plugins}), with a plugin id and version, and requiring a plugin-api
 * range this host provides. Its bytes are kept so it can be loaded again (rollback, re-enable) and
 * stored for the other instances.
 *
 * @param id plugin id ({@code plugin.id})
 * @param version plugin version
 * @param requires the plugin-api range it requires
 * @param description its description, or empty
 * @param signer the trusted key that signed it, empty when let in unsigned
 * @param sha512 SHA-512 of the zip's bytes, hex: names this exact file
 * @param fileName the file or upload it came from
 * @param zip the zip's bytes
 */
public record PluginPackage(String id, String version, String requires, String description, Optional<TrustedKey> signer,
        String sha512, String fileName, byte[] zip) {

    /** Largest plugin zip accepted: 64 MiB (the bundled ones are about 3 MiB). */
    public static final long MAX_ZIP = 64L * 1024 * 1024;

    public PluginPackage {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(requires, "requires is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(signer, "signer is null");
        Objects.requireNonNull(sha512, "sha512 is null");
        Objects.requireNonNull(fileName, "fileName is null");
        Objects.requireNonNull(zip, "zip is null");
    }

    /** Why a plugin file is not loaded, with what could be read of it. */
    public static final class Refused extends Exception {
        private final String pluginId;
        private final String version;

        Refused(String pluginId, String version, String reason) {
            super(reason);
            this.pluginId = pluginId;
            this.version = version;
        }

        /** The plugin id, when the zip could be read that far. */
        public Optional<String> pluginId() {
            return Optional.ofNullable(pluginId);
        }

        public String version() {
            return version == null ? "" : version;
        }
    }

    /** Checks a zip; {@link Refused} with the reason in words when it must not load. */
    public static PluginPackage inspect(byte[] zip, String fileName, PluginTrust trust) throws Refused {
        if (zip.length > MAX_ZIP) {
            throw new Refused(null, null, fileName + " is larger than " + MAX_ZIP / (1024 * 1024) + " MiB");
        }
        ZipDigest contents;
        try {
            contents = ZipDigest.of(zip);
        } catch (IOException e) {
            throw new Refused(null, null, "could not load plugin file " + fileName + ": broken zip: " + e.getMessage());
        }
        byte[] props = contents.entries().get("plugin.properties");
        Properties p = new Properties();
        if (props != null) {
            try {
                p.load(new StringReader(new String(props, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new Refused(null, null, fileName + ": plugin.properties cannot be read: " + e.getMessage());
            }
        }
        String id = p.getProperty("plugin.id", "").strip();
        String version = p.getProperty("plugin.version", "").strip();
        if (props == null || id.isEmpty() || version.isEmpty()) {
            throw new Refused(null, null, fileName + " is not a Goalpost plugin: it has no plugin.properties with plugin.id"
                    + " and plugin.version");
        }
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new Refused(null, version, fileName + ": plugin id '" + id + "' is not 1-64 lower-case letters, digits, . _ -");
        }
        Optional<TrustedKey> signer;
        try {
            signer = Optional.of(ZipVerifier.verify(contents, trust.keys()));
        } catch (ZipVerifier.Refused e) {
            // A signature that does not match is refused even in development: the file was changed.
            boolean mismatch = contents.signature().isPresent() && e.getMessage().startsWith("bad signature");
            if (!trust.allowUnsigned() || mismatch) {
                throw new Refused(id, version, e.getMessage());
            }
            signer = Optional.empty();
        }
        String requires = p.getProperty("plugin.requires", "").strip();
        if (!new DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION, requires.isEmpty() ? "*" : requires)) {
            throw new Refused(id, version, "requires plugin-api " + requires + " but this host provides " + PluginApi.VERSION
                    + "; install a compatible version");
        }
        return new PluginPackage(id, version, requires, p.getProperty("plugin.description", "").strip(), signer,
                sha512(zip), fileName, zip);
    }

    /** Who signed it, for people: the trusted key's name, or "unsigned". */
    public String publisher() {
        return signer.map(TrustedKey::name).orElse("unsigned");
    }

    /**
     * Unpacks the checked bytes into a fresh folder under {@code workDir} (never a folder left from
     * before, which could have been changed since it was checked).
     */
    Path unpack(Path workDir) throws IOException {
        Path folder = workDir.resolve(id + "-" + version.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + sha512.substring(0, 12));
        delete(folder);
        Files.createDirectories(folder);
        ZipDigest contents = ZipDigest.of(zip);
        for (Map.Entry<String, byte[]> e : contents.entries().entrySet()) {
            Path target = folder.resolve(e.getKey()).normalize();
            if (!target.startsWith(folder)) {
                throw new IOException("entry " + e.getKey() + " would unpack outside the plugin's folder");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        return folder;
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PluginPackage other && other.sha512.equals(sha512) && other.fileName.equals(fileName);
    }

    @Override
    public int hashCode() {
        return sha512.hashCode();
    }

    @Override
    public String toString() {
        return id + " " + version + " (" + fileName + ", " + publisher() + ")";
    }
}
