package io.goalpost.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What the host asks the network's consent page for.
 *
 * @param app the network app's credentials
 * @param redirectUri Goalpost's callback, exactly as registered with the network
 * @param state the single-use value the callback must return (the host checks it)
 * @param codeChallenge the PKCE S256 challenge when {@link AuthorizationSpec#pkce()}
 */
public record AuthorizationRequest(AppCredentials app, String redirectUri, String state, Optional<String> codeChallenge) {
    public AuthorizationRequest {
        Objects.requireNonNull(app, "app is null");
        Objects.requireNonNull(redirectUri, "redirectUri is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(codeChallenge, "codeChallenge is null");
    }
}
