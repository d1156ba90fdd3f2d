package io.goalpost.plugin.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/**
 * A publisher's Ed25519 signing key: the private key and its public half, kept together in one PEM
 * file (the JDK cannot derive an Ed25519 public key from the private one). Only the public half
 * ({@link TrustedKey}) is ever given to a server.
 */
public final class SigningKey {

    private final String name;
    private final PrivateKey privateKey;
    private final TrustedKey publicKey;

    private SigningKey(String name, PrivateKey privateKey, TrustedKey publicKey) {
        this.name = Pem.requireName(name);
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey is null");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey is null");
    }

    /** A new random key named {@code name} (the publisher name shown to operators). */
    public static SigningKey generate(String name) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(PluginSignature.ALGORITHM).generateKeyPair();
            return new SigningKey(name, pair.getPrivate(), TrustedKey.of(name, pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (Java 15 or later has)", e);
        }
    }

    /** Reads a key file written by {@link #write}. */
    public static SigningKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String name = Pem.header(text, "Name").orElseThrow(() -> new IOException(file + " has no 'Name:' line: not a Goalpost signing key"));
        try {
            PrivateKey key = KeyFactory.getInstance(PluginSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Pem.block(text, "PRIVATE KEY")));
            return new SigningKey(name, key, TrustedKey.parse(text, file.getFileName().toString()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an Ed25519 signing key: " + e.getMessage(), e);
        }
    }

    /** Writes the key file (owner read/write only where the file system allows). */
    public void write(Path file) throws IOException {
        String text = "Name: " + name + "\n" + Pem.encode("PRIVATE KEY", privateKey.getEncoded()) + publicKey.toPem();
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the operator protects the file.
        }
    }

    public String name() {
        return name;
    }

    /** The public half: what servers trust. */
    public TrustedKey publicKey() {
        return publicKey;
    }

    PrivateKey privateKey() {
        return privateKey;
    }
}
