package io.goalpost.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A network app's credentials, entered once by an admin (or preset by the demo): what the network
 * calls the client id (Meta's App ID, TikTok's client key) and secret, and optionally the base URL of
 * a stand-in for the network's sign-in and API (a sandbox or proxy) instead of the real hosts.
 *
 * @param clientId the app's public id
 * @param clientSecret the app's secret (never logged: {@link #toString()} leaves it out)
 * @param baseUrl where the network's authorize, token and API endpoints are served instead of their
 *     real hosts, e.g. a sandbox's {@code http://127.0.0.1:41234}
 */
public record AppCredentials(String clientId, String clientSecret, Optional<String> baseUrl) {

    public AppCredentials {
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(clientSecret, "clientSecret is null");
        Objects.requireNonNull(baseUrl, "baseUrl is null");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is blank");
        }
    }

    /** {@code base} unless a base URL replaces it, e.g. {@code base("https://graph.facebook.com")}. */
    public String base(String real) {
        return baseUrl.map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b).orElse(real);
    }

    @Override
    public String toString() {
        return "AppCredentials[clientId=" + clientId + ", clientSecret=redacted, baseUrl=" + baseUrl + "]";
    }
}
