package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.BaseUrls;
import io.goalpost.plugin.support.OAuthAppConfig;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of one connected Pinterest account, read from validated {@link ConfigValues}.
 * {@link #toString()} never shows a credential. The OAuth app's keys, {@link #canRefresh()} and
 * {@link #secrets()} are {@link OAuthAppConfig}'s.
 *
 * @param accessToken OAuth access token (Bearer)
 * @param refreshToken refresh token, when the user gave one
 * @param clientId the Pinterest app id, needed with the refresh token
 * @param clientSecret the Pinterest app secret, needed with the refresh token
 * @param apiBaseUrl base URL of the v5 API, without trailing slash
 */
record PinterestConfig(String accessToken, Optional<String> refreshToken, Optional<String> clientId,
        Optional<String> clientSecret, String apiBaseUrl) implements OAuthAppConfig {

    static final String API_BASE_URL = ApiBaseUrl.KEY;

    /** Pinterest's production API; the OAuth token endpoint lives under the same base. */
    static final String DEFAULT_API_BASE_URL = "https://api.pinterest.com/v5";

    PinterestConfig {
        Objects.requireNonNull(accessToken, "accessToken is null");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("access token is blank");
        }
        refreshToken = OAuthAppConfig.given(refreshToken);
        clientId = OAuthAppConfig.given(clientId);
        clientSecret = OAuthAppConfig.given(clientSecret);
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        apiBaseUrl = BaseUrls.withoutTrailingSlash(apiBaseUrl);
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

    @Override
    public String toString() {
        return "PinterestConfig[apiBaseUrl=" + apiBaseUrl + ", refreshToken=" + (refreshToken.isPresent() ? "set" : "none")
                + ", clientId=" + clientId.orElse("none") + "]";
    }
}
