package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.api.ConfigValues;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration of one connected Pinterest account, read from validated {@link ConfigValues}.
 * {@link #toString()} never shows a credential.
 *
 * @param accessToken OAuth access token (Bearer)
 * @param refreshToken refresh token, when the user gave one
 * @param clientId the Pinterest app id, needed with the refresh token
 * @param clientSecret the Pinterest app secret, needed with the refresh token
 * @param apiBaseUrl base URL of the v5 API, without trailing slash
 */
record PinterestConfig(String accessToken, Optional<String> refreshToken, Optional<String> clientId,
        Optional<String> clientSecret, String apiBaseUrl) {

    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String API_BASE_URL = "api_base_url";

    /** Pinterest's production API; the OAuth token endpoint lives under the same base. */
    static final String DEFAULT_API_BASE_URL = "https://api.pinterest.com/v5";

    PinterestConfig {
        Objects.requireNonNull(accessToken, "accessToken is null");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("access token is blank");
        }
        refreshToken = nonBlank(refreshToken);
        clientId = nonBlank(clientId);
        clientSecret = nonBlank(clientSecret);
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
        URI uri = URI.create(apiBaseUrl);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("API base URL is not an absolute http(s) URL");
        }
    }

    /** Reads the values the factory's {@link io.goalpost.plugin.api.ConfigSpec} validated. */
    static PinterestConfig from(ConfigValues values) {
        return new PinterestConfig(values.require(ACCESS_TOKEN), values.get(REFRESH_TOKEN), values.get(CLIENT_ID),
                values.get(CLIENT_SECRET), values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL));
    }

    /** Pinterest's token endpoint ({@code POST /v5/oauth/token}), on the API host. */
    URI tokenEndpoint() {
        return URI.create(apiBaseUrl + "/oauth/token");
    }

    /** True when the adapter can renew an expired access token without the user. */
    boolean canRefresh() {
        return refreshToken.isPresent() && clientId.isPresent() && clientSecret.isPresent();
    }

    /** Every configured credential value, for redacting them out of messages. */
    Set<String> secrets() {
        return Stream.of(Optional.of(accessToken), refreshToken, clientSecret)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "PinterestConfig[apiBaseUrl=" + apiBaseUrl + ", refreshToken=" + (refreshToken.isPresent() ? "set" : "none")
                + ", clientId=" + clientId.orElse("none") + "]";
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return Objects.requireNonNull(value, "optional value is null").filter(v -> !v.isBlank());
    }
}
