package io.goalpost.platform.plugins;

import io.goalpost.plugin.signing.PluginSignature;
import io.goalpost.plugin.signing.SigningKey;
import io.goalpost.plugin.signing.ZipDigest;
import io.goalpost.plugin.signing.ZipSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plugin zips for tests: the built ones, changed (version, id, a class) and re-signed or not. */
public final class PluginZips {

    public static final Path BUILT = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));
    private static SigningKey dev;

    private PluginZips() {
    }

    /** The development key the build signs with (a test may sign with it: the tests trust it, like the demo). */
    public static synchronized SigningKey devKey() {
        if (dev == null) {
            try {
                dev = SigningKey.read(Path.of(System.getProperty("goalpost.test.dev-signing-key",
                        "../plugins/src/signing/goalpost-dev-plugin-signing.key")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dev;
    }

    /** The built zip of a network's plugin. */
    public static byte[] built(String network) {
        try {
            return Files.readAllBytes(BUILT.resolve("goalpost-plugin-" + network + ".zip"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built zip with plugin.properties changed by {@code edit}, signed again with {@code key} (null: unsigned). */
    public static byte[] withProperties(byte[] zip, UnaryOperator<String> edit, SigningKey key) {
        return rewrite(zip, entries -> entries.put("plugin.properties", edit.apply(new String(entries.get("plugin.properties"),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)), key);
    }

    /** A built plugin as another version, signed with the development key. */
    public static byte[] version(String network, String version) {
        return withProperties(built(network), p -> p.replaceAll("plugin.version=.*", "plugin.version=" + version), devKey());
    }

    /** The zip's entries changed by {@code change} (the signature entry dropped), then signed with {@code key} or left unsigned. */
    public static byte[] rewrite(byte[] zip, java.util.function.Consumer<Map<String, byte[]>> change, SigningKey key) {
        try {
            Map<String, byte[]> entries = new LinkedHashMap<>(ZipDigest.of(zip).entries());
            change.accept(entries);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue());
                    z.closeEntry();
                }
            }
            return key == null ? out.toByteArray() : ZipSigner.sign(out.toByteArray(), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zip with one file changed but its original signature kept: tampered with after signing. */
    public static byte[] tampered(byte[] zip) {
        try {
            ZipDigest d = ZipDigest.of(zip);
            String signature = d.signature().orElseThrow();
            return rewrite(zip, entries -> {
                entries.put("README.md", "changed after signing".getBytes(StandardCharsets.UTF_8));
                entries.put(PluginSignature.ENTRY, signature.getBytes(StandardCharsets.UTF_8));
            }, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
