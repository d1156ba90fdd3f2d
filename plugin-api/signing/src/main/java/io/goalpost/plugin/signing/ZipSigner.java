package io.goalpost.plugin.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Signs plugin zips: rewrites the zip with its files and a {@link PluginSignature} entry. */
public final class ZipSigner {

    /** Fixed entry time, so signing the same files twice gives the same bytes (reproducible builds). */
    private static final long ENTRY_TIME = 1767225600000L; // 2026-01-01T00:00:00Z

    private ZipSigner() {
    }

    /** The signed zip's bytes (an earlier signature is replaced). */
    public static byte[] sign(byte[] zip, SigningKey key) throws IOException {
        ZipDigest contents = ZipDigest.of(zip);
        byte[] sig;
        try {
            Signature signer = Signature.getInstance(PluginSignature.ALGORITHM);
            signer.initSign(key.privateKey());
            signer.update(contents.digest());
            sig = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
        PluginSignature signature = new PluginSignature(key.publicKey().id(), key.name(), contents.hex(), sig);
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 1024);
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : contents.entries().entrySet()) {
                put(z, e.getKey(), e.getValue());
            }
            put(z, PluginSignature.ENTRY, signature.format().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Signs a zip file in place. */
    public static void sign(Path zip, SigningKey key) throws IOException {
        byte[] signed = sign(Files.readAllBytes(zip), key);
        Path tmp = zip.resolveSibling(zip.getFileName() + ".signing");
        Files.write(tmp, signed);
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(ZipOutputStream z, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        z.putNextEntry(entry);
        z.write(content);
        z.closeEntry();
    }

    /**
     * {@code ZipSigner KEY-FILE ZIP...}: signs each zip in place with the key (the build signs the
     * bundled plugins this way). Exits 1 with the reason on failure.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ZipSigner KEY-FILE ZIP...");
            System.exit(2);
        }
        try {
            SigningKey key = SigningKey.read(Path.of(args[0]));
            for (int i = 1; i < args.length; i++) {
                sign(Path.of(args[i]), key);
                System.out.println("Signed " + args[i] + " with key " + key.name() + " (" + key.publicKey().id() + ")");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not sign: " + e.getMessage());
            System.exit(1);
        }
    }
}
