package io.goalpost.plugins.x;

import io.goalpost.plugin.api.ConfigValues;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one X account, with the keys of its fields in one place.
 *
 * @param accessToken OAuth 2.0 user-context access token (lives 2 hours)
 * @param refreshToken rotating single-use refresh token (needs scope {@code offline.access}), if any
 * @param clientId OAuth 2.0 client id of the developer app, needed to refresh
 * @param clientSecret client secret of a confidential app, sent as HTTP Basic when refreshing
 * @param userId numeric X user id of the account, or empty to use the token's own account
 * @param apiBaseUrl base URL including the version path, e.g. {@code https://api.x.com/2}
 */
record XConfig(String accessToken, Optional<String> refreshToken, Optional<String> clientId,
        Optional<String> clientSecret, Optional<String> userId, String apiBaseUrl) {

    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String USER_ID = "user_id";
    static final String API_BASE_URL = "api_base_url";

    static final String DEFAULT_API_BASE_URL = "https://api.x.com/2";

    XConfig {
        Objects.requireNonNull(accessToken, "accessToken is null");
        Objects.requireNonNull(refreshToken, "refreshToken is null");
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(clientSecret, "clientSecret is null");
        Objects.requireNonNull(userId, "userId is null");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    }

    static XConfig from(ConfigValues values) {
        return new XConfig(values.require(ACCESS_TOKEN), nonBlank(values, REFRESH_TOKEN), nonBlank(values, CLIENT_ID),
                nonBlank(values, CLIENT_SECRET), nonBlank(values, USER_ID),
                values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL));
    }

    private static Optional<String> nonBlank(ConfigValues values, String key) {
        return values.get(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The credential values, so error messages can be checked and scrubbed against them. */
    Set<String> secrets() {
        java.util.Set<String> s = new java.util.HashSet<>();
        s.add(accessToken);
        refreshToken.ifPresent(s::add);
        clientSecret.ifPresent(s::add);
        return Set.copyOf(s);
    }

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "XConfig[userId=" + userId.orElse("(token owner)") + ", apiBaseUrl=" + apiBaseUrl
                + ", refreshToken=" + (refreshToken.isPresent() ? "******" : "none")
                + ", clientId=" + clientId.orElse("none") + "]";
    }
}
