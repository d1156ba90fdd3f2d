package io.goalpost.plugin.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a network's accounts connect through its own sign-in: the OAuth 2.0 authorization code flow
 * (RFC 6749 §4.1), with PKCE (RFC 7636, S256) where the network requires it, and how long the tokens
 * it issues live. The host runs the flow (state, PKCE, callback, storage); the network's
 * {@link NetworkAuthorizer} builds its URLs and reads its answers.
 *
 * @param scopes the permissions to request, as the network names them
 * @param pkce whether the flow uses PKCE (X requires it)
 * @param clientIdLabel what the network calls the app's id, e.g. "App ID" or "Client key"
 * @param accessTokenLifetime how long the access token stored with a connected account lives, if it
 *     expires (X: 2 hours; empty for a Facebook Page token, which does not expire, although the
 *     sign-in's own user token does)
 * @param refreshTokenLifetime how long a refresh token lives, if there is one and it expires
 *     (LinkedIn: 365 days), after which the person must sign in again
 * @param rotatingRefreshToken whether each refresh returns a new refresh token and voids the old one
 *     (X, TikTok): the host must keep every rotated token
 * @param setupHelp what an admin does in the network's developer console: the app type, the
 *     permissions to request, where to register the redirect URI (shown on the Settings page)
 */
public record AuthorizationSpec(List<String> scopes, boolean pkce, String clientIdLabel, Optional<Duration> accessTokenLifetime,
        Optional<Duration> refreshTokenLifetime, boolean rotatingRefreshToken, String setupHelp) {

    public AuthorizationSpec {
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes is null"));
        Objects.requireNonNull(clientIdLabel, "clientIdLabel is null");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime is null");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime is null");
        Objects.requireNonNull(setupHelp, "setupHelp is null");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an authorization requests at least one scope");
        }
    }
}
