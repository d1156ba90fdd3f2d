package io.goalpost.plugin.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A publisher's public Ed25519 key, as a server trusts it ({@code <data-dir>/trusted-keys/NAME.pub},
 * {@code --trusted-plugin-key}).
 *
 * @param name the publisher's name, shown beside the plugins it signed
 * @param id the key's fingerprint: the first 16 hex digits of SHA-256 of its X.509 encoding; a
 *     signature names the key by it
 * @param key the key
 */
public record TrustedKey(String name, String id, PublicKey key) {

    public TrustedKey {
        name = Pem.requireName(name);
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(key, "key is null");
        if (!id.equals(fingerprint(key))) {
            throw new IllegalArgumentException("key id " + id + " is not the fingerprint of the key");
        }
    }

    static TrustedKey of(String name, PublicKey key) {
        return new TrustedKey(name, fingerprint(key), key);
    }

    /** Reads a {@code .pub} file (or a signing key file, whose public half it reads). */
    public static TrustedKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.getFileName().toString());
    }

    /** Reads a key from the text of a {@code .pub} (or signing key) file; {@code source} names it in errors. */
    public static TrustedKey parse(String text, String source) throws IOException {
        String fallback = source.replaceFirst("\\.(pub|key|pem)$", "");
        String name = Pem.header(text, "Name").orElse(fallback);
        try {
            PublicKey key = KeyFactory.getInstance(PluginSignature.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Pem.block(text, "PUBLIC KEY")));
            return of(name, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(source + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The {@code .pub} file's text. */
    public String toPem() {
        return Pem.encode("PUBLIC KEY", key.getEncoded());
    }

    /** Writes the {@code .pub} file. */
    public void write(Path file) throws IOException {
        Files.writeString(file, "Name: " + name + "\n" + toPem(), StandardCharsets.US_ASCII);
    }

    static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
