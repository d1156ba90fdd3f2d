package io.goalpost.plugin.api;

import java.util.Objects;

/**
 * Where a fetch left off. The host stores it with the data of the same batch and hands it back
 * unchanged; only the adapter interprets the token.
 *
 * @param version the adapter's cursor format version ({@link AdapterDescriptor#cursorVersion()})
 * @param token opaque text; never a secret
 */
public record Cursor(int version, String token) {
    public Cursor {
        Objects.requireNonNull(token, "token is null");
        if (version < 1) {
            throw new IllegalArgumentException("cursor version must be positive: " + version);
        }
    }
}
