package io.goalpost.plugin.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The canonical digest of a plugin zip: SHA-512 over its file entries sorted by name, each as its
 * UTF-8 name, a zero byte, its length (8 bytes) and the SHA-512 of its content; directory entries and
 * the signature entry are left out. It depends on what the zip holds, not on how it was compressed
 * or ordered, so signing then re-zipping keeps a signature valid, while any changed, added or removed
 * file breaks it. Entries are read in stream order, the way PF4J unpacks a zip; a name that appears
 * twice, or one that would unpack outside the plugin's folder, makes the zip unreadable here (a second
 * copy could be what gets unpacked).
 *
 * @param digest the digest
 * @param signature the signature entry's text, if the zip has one
 * @param entries every file entry but the signature, by name
 */
public record ZipDigest(byte[] digest, Optional<String> signature, Map<String, byte[]> entries) {

    /** Largest unpacked plugin: 256 MiB (a zip bomb is refused, not unpacked). */
    public static final long MAX_UNPACKED = 256L * 1024 * 1024;

    public ZipDigest {
        digest = digest.clone();
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** Reads a zip; an {@link IOException} saying why when it is not a readable plugin zip. */
    public static ZipDigest of(byte[] zip) throws IOException {
        TreeMap<String, byte[]> entries = new TreeMap<>();
        String signature = null;
        long total = 0;
        boolean any = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                any = true;
                String name = e.getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("\0")
                        || java.util.Arrays.asList(name.split("/")).contains("..")) {
                    throw new IOException("entry '" + name + "' would unpack outside the plugin's folder");
                }
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_UNPACKED) {
                        throw new IOException("unpacks to more than " + MAX_UNPACKED / (1024 * 1024) + " MiB");
                    }
                    content.write(buffer, 0, n);
                }
                if (PluginSignature.ENTRY.equals(name)) {
                    if (signature != null) {
                        throw new IOException("entry '" + name + "' appears twice");
                    }
                    signature = content.toString(StandardCharsets.UTF_8);
                } else if (entries.put(name, content.toByteArray()) != null) {
                    throw new IOException("entry '" + name + "' appears twice");
                }
            }
        } catch (IllegalArgumentException | java.util.zip.ZipException e) {
            throw new IOException("not a readable zip: " + e.getMessage(), e);
        }
        if (!any) {
            throw new IOException("not a zip file (no entries)");
        }
        return new ZipDigest(digestOf(entries), Optional.ofNullable(signature), entries);
    }

    private static byte[] digestOf(TreeMap<String, byte[]> entries) {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-512");
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                all.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                all.update((byte) 0);
                all.update(ByteBuffer.allocate(8).putLong(e.getValue().length).array());
                all.update(MessageDigest.getInstance("SHA-512").digest(e.getValue()));
            }
            return all.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
