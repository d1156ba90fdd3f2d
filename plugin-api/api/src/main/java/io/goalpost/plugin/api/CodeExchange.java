package io.goalpost.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The authorization code the network sent to the callback, to exchange for tokens.
 *
 * @param app the network app's credentials
 * @param code the code from the callback
 * @param redirectUri the same redirect URI the consent page was opened with
 * @param codeVerifier the PKCE verifier when {@link AuthorizationSpec#pkce()}
 */
public record CodeExchange(AppCredentials app, String code, String redirectUri, Optional<String> codeVerifier) {
    public CodeExchange {
        Objects.requireNonNull(app, "app is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(redirectUri, "redirectUri is null");
        Objects.requireNonNull(codeVerifier, "codeVerifier is null");
    }

    @Override
    public String toString() {
        return "CodeExchange[app=" + app + ", code=redacted, redirectUri=" + redirectUri + "]";
    }
}
