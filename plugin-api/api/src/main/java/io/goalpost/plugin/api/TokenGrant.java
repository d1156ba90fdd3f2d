package io.goalpost.plugin.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens a network issued for the person who signed in.
 *
 * @param accessToken the access token (never logged)
 * @param refreshToken the refresh token, if the network issues one (never logged)
 * @param accessExpiresAt when the access token lapses, if it does
 * @param refreshExpiresAt when the refresh token lapses, if it does
 * @param grantedScopes the scopes the person granted, when the network says
 */
public record TokenGrant(String accessToken, Optional<String> refreshToken, Optional<Instant> accessExpiresAt,
        Optional<Instant> refreshExpiresAt, Set<String> grantedScopes) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken is null");
        Objects.requireNonNull(refreshToken, "refreshToken is null");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt is null");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt is null");
        grantedScopes = Set.copyOf(Objects.requireNonNull(grantedScopes, "grantedScopes is null"));
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken is blank");
        }
    }

    @Override
    public String toString() {
        return "TokenGrant[accessToken=redacted, refreshToken=" + (refreshToken.isPresent() ? "redacted" : "none")
                + ", accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt
                + ", grantedScopes=" + grantedScopes + "]";
    }
}
