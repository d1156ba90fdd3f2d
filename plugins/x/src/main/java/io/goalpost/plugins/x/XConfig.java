package io.goalpost.plugins.x;

import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.BaseUrls;
import io.goalpost.plugin.support.OAuthAppConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated configuration of one X account, with the keys of its fields in one place (those of the
 * OAuth app's fields come from {@link OAuthAppConfig}).
 *
 * @param accessToken OAuth 2.0 user-context access token (lives 2 hours)
 * @param refreshToken rotating single-use refresh token (needs scope {@code offline.access}), if any
 * @param clientId OAuth 2.0 client id of the developer app, needed to refresh
 * @param clientSecret client secret of a confidential app, sent as HTTP Basic when refreshing
 * @param userId numeric X user id of the account, or empty to use the token's own account
 * @param apiBaseUrl base URL including the version path, e.g. {@code https://api.x.com/2}
 */
record XConfig(String accessToken, Optional<String> refreshToken, Optional<String> clientId,
        Optional<String> clientSecret, Optional<String> userId, String apiBaseUrl) implements OAuthAppConfig {

    static final String USER_ID = "user_id";
    static final String API_BASE_URL = ApiBaseUrl.KEY;

    static final String DEFAULT_API_BASE_URL = "https://api.x.com/2";

    XConfig {
        Objects.requireNonNull(accessToken, "accessToken is null");
        refreshToken = OAuthAppConfig.given(refreshToken);
        clientId = OAuthAppConfig.given(clientId);
        clientSecret = OAuthAppConfig.given(clientSecret);
        Objects.requireNonNull(userId, "userId is null");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        apiBaseUrl = BaseUrls.withoutTrailingSlash(apiBaseUrl);
    }

    static XConfig from(ConfigValues values) {
        return new XConfig(values.require(ACCESS_TOKEN), nonBlank(values, REFRESH_TOKEN), nonBlank(values, CLIENT_ID),
                nonBlank(values, CLIENT_SECRET), nonBlank(values, USER_ID),
                values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL));
    }

    private static Optional<String> nonBlank(ConfigValues values, String key) {
        return values.get(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** X renews a public (native) app's token without a client secret: the refresh token and client id do. */
    @Override
    public boolean canRefresh() {
        return refreshToken.isPresent() && clientId.isPresent();
    }

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "XConfig[userId=" + userId.orElse("(token owner)") + ", apiBaseUrl=" + apiBaseUrl
                + ", refreshToken=" + (refreshToken.isPresent() ? "******" : "none")
                + ", clientId=" + clientId.orElse("none") + "]";
    }
}
