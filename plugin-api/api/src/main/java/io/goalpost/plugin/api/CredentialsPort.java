package io.goalpost.plugin.api;

import java.util.Map;

/**
 * Host service that stores credentials an adapter obtained by refreshing a token. Networks that
 * rotate refresh tokens (TikTok, X) invalidate the old one on use, so the new values must be durable
 * before the adapter makes another call.
 */
public interface CredentialsPort {

    /**
     * Stores new values for configuration fields (usually secret ones such as {@code access_token}
     * and {@code refresh_token}), encrypted like every secret. Returns once they are durable.
     *
     * @param updated field key to new value; keys must be fields of the adapter's {@link ConfigSpec}
     * @throws AdapterException.TransientFailure when the host could not store them
     */
    void store(Map<String, String> updated) throws AdapterException;

    /**
     * Records when the stored tokens lapse, after a refresh (since 1.2): the host warns on the account
     * before they do. An empty value leaves what the host recorded for that token unchanged (a refresh
     * that does not say, or a refresh token that was not replaced). The default ignores it (hosts
     * before 1.2).
     *
     * @param accessExpiresAt when the access token now lapses, if the network said
     * @param refreshExpiresAt when the refresh token now lapses, if the network said
     */
    default void expires(java.util.Optional<java.time.Instant> accessExpiresAt,
            java.util.Optional<java.time.Instant> refreshExpiresAt) throws AdapterException {
    }
}
