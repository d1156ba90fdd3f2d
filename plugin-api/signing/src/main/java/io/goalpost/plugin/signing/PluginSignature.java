package io.goalpost.plugin.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;

/**
 * The detached signature a signed plugin zip carries as its entry {@value #ENTRY}: which key signed,
 * and its Ed25519 signature over the zip's {@link ZipDigest canonical digest} of every other entry.
 *
 * @param keyId the signing key's fingerprint ({@link TrustedKey#id()})
 * @param publisher the name the publisher gave the key (informational: the server shows the name it trusts the key under)
 * @param digest the canonical digest, hex (informational: the server computes it again)
 * @param signature the Ed25519 signature over the digest bytes
 */
public record PluginSignature(String keyId, String publisher, String digest, byte[] signature) {

    /** The zip entry holding the signature. */
    public static final String ENTRY = "goalpost-signature.properties";
    /** The only signature algorithm. */
    public static final String ALGORITHM = "Ed25519";

    public PluginSignature {
        Objects.requireNonNull(keyId, "keyId is null");
        Objects.requireNonNull(publisher, "publisher is null");
        Objects.requireNonNull(digest, "digest is null");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Reads the entry; an {@link IOException} saying what is wrong when it is not a signature. */
    public static PluginSignature parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        String algorithm = p.getProperty("algorithm", "");
        if (!ALGORITHM.equals(algorithm)) {
            throw new IOException("signature algorithm '" + algorithm + "' is not " + ALGORITHM);
        }
        String keyId = p.getProperty("key-id");
        String sig = p.getProperty("signature");
        if (keyId == null || sig == null) {
            throw new IOException(ENTRY + " lacks key-id or signature");
        }
        try {
            return new PluginSignature(keyId, p.getProperty("publisher", ""), p.getProperty("digest", ""),
                    Base64.getDecoder().decode(sig));
        } catch (IllegalArgumentException e) {
            throw new IOException("the signature is not base64", e);
        }
    }

    /** The entry's text. */
    public String format() {
        Properties p = new Properties();
        p.setProperty("algorithm", ALGORITHM);
        p.setProperty("key-id", keyId);
        p.setProperty("publisher", publisher);
        p.setProperty("digest", digest);
        p.setProperty("signature", Base64.getEncoder().encodeToString(signature));
        StringWriter out = new StringWriter();
        // Sorted, without the date comment Properties.store writes, so a re-signed zip is identical.
        p.stringPropertyNames().stream().sorted().forEach(k -> out.append(k).append('=')
                .append(p.getProperty(k).replace("\\", "\\\\")).append('\n'));
        return out.toString();
    }
}
