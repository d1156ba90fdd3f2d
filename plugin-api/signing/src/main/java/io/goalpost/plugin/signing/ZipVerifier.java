package io.goalpost.plugin.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Collection;
import java.util.Optional;

/** Checks a plugin zip's signature against the keys a server trusts. */
public final class ZipVerifier {

    private ZipVerifier() {
    }

    /** Why a zip is refused, in words an operator can act on. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The trusted key that signed the zip's contents. Refused when the zip has no signature, names a
     * key not trusted here, or its signature does not match its contents (tampered with, or signed
     * by another key under that id).
     */
    public static TrustedKey verify(ZipDigest contents, Collection<TrustedKey> trusted) throws Refused {
        if (contents.signature().isEmpty()) {
            throw new Refused("unsigned: it has no " + PluginSignature.ENTRY + " (sign it with 'goalpost plugin sign',"
                    + " or start with --allow-unsigned-plugins for development)");
        }
        PluginSignature signature;
        try {
            signature = PluginSignature.parse(contents.signature().get());
        } catch (IOException e) {
            throw new Refused("its signature cannot be read: " + e.getMessage());
        }
        Optional<TrustedKey> key = trusted.stream().filter(k -> k.id().equals(signature.keyId())).findFirst();
        if (key.isEmpty()) {
            throw new Refused("signed by an unknown key " + signature.keyId() + " ('" + signature.publisher()
                    + "'): add the publisher's public key to the trust store to install it");
        }
        try {
            Signature verifier = Signature.getInstance(PluginSignature.ALGORITHM);
            verifier.initVerify(key.get().key());
            verifier.update(contents.digest());
            if (!verifier.verify(signature.signature())) {
                throw new Refused("bad signature: its contents do not match what key " + key.get().id() + " ('"
                        + key.get().name() + "') signed (tampered with or damaged)");
            }
        } catch (GeneralSecurityException e) {
            throw new Refused("bad signature: " + e.getMessage());
        }
        return key.get();
    }
}
