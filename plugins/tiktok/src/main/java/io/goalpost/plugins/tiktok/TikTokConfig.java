package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.BaseUrls;
import io.goalpost.plugin.support.OAuthAppConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of one connected TikTok account, read from validated {@link ConfigValues}. The OAuth
 * app's keys and {@link #canRefresh()} are {@link OAuthAppConfig}'s.
 *
 * @param businessId the account's {@code open_id}, which the Accounts API calls {@code business_id}
 * @param accessToken the 24-hour access token sent as the {@code Access-Token} header
 * @param refreshToken the rotating refresh token, when the user gave one
 * @param clientId the app's App ID, needed to refresh
 * @param clientSecret the app's secret, needed to refresh
 * @param apiBaseUrl the API root including {@code /open_api/v1.3}; the OAuth endpoints live below it too
 */
record TikTokConfig(String businessId, String accessToken, Optional<String> refreshToken, Optional<String> clientId,
        Optional<String> clientSecret, String apiBaseUrl) implements OAuthAppConfig {

    static final String BUSINESS_ID = "business_id";
    static final String API_BASE_URL = ApiBaseUrl.KEY;

    /** The production API root; the version is part of the path. */
    static final String DEFAULT_API_BASE_URL = "https://business-api.tiktok.com/open_api/v1.3";

    TikTokConfig {
        Objects.requireNonNull(businessId, "businessId is null");
        Objects.requireNonNull(accessToken, "accessToken is null");
        refreshToken = OAuthAppConfig.given(refreshToken);
        clientId = OAuthAppConfig.given(clientId);
        clientSecret = OAuthAppConfig.given(clientSecret);
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        apiBaseUrl = BaseUrls.withoutTrailingSlash(apiBaseUrl);
    }

    /** Reads the values the factory's spec validated and defaulted. */
    static TikTokConfig from(ConfigValues values) {
        return new TikTokConfig(values.require(BUSINESS_ID), values.require(ACCESS_TOKEN), values.get(REFRESH_TOKEN),
                values.get(CLIENT_ID), values.get(CLIENT_SECRET),
                values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL));
    }

    @Override
    public String toString() {
        // Records print every component; this one holds credentials.
        return "TikTokConfig[businessId=" + businessId + ", apiBaseUrl=" + apiBaseUrl + ", canRefresh=" + canRefresh()
                + "]";
    }
}
