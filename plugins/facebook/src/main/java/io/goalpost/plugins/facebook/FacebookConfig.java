package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.BaseUrls;
import io.goalpost.plugin.support.meta.GraphWording;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration of one connected Facebook Page, read once from the validated {@link ConfigValues}.
 *
 * @param pageId the Page's numeric id
 * @param pageAccessToken the Page access token (a secret: never logged, never put in a URL)
 * @param apiBaseUrl the Graph API base including the version, without trailing slash
 */
record FacebookConfig(String pageId, String pageAccessToken, String apiBaseUrl) {

    static final String PAGE_ID = "page_id";
    static final String PAGE_ACCESS_TOKEN = "page_access_token";
    static final String API_BASE_URL = ApiBaseUrl.KEY;
    static final String DEFAULT_API_BASE_URL = "https://graph.facebook.com/v25.0";

    /** What the Graph error table tells a Facebook user to do. */
    static final GraphWording WORDING = new GraphWording("Facebook", "Page access token",
            "Reconnect the Page in Goalpost to issue a new Page access token; Page tokens cannot be refreshed "
                    + "automatically.",
            "Reconnect the Page and grant read_insights and pages_read_engagement; the person connecting needs the "
                    + "ANALYZE task on the Page.",
            Set.of(), "Check page_id: it must be the numeric id of a Page the token was issued for.",
            "Either page_id is not the numeric id of a Facebook Page, or the plugin needs an update.",
            DEFAULT_API_BASE_URL);

    FacebookConfig {
        Objects.requireNonNull(pageId, "pageId is null");
        Objects.requireNonNull(pageAccessToken, "pageAccessToken is null");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        apiBaseUrl = BaseUrls.withoutTrailingSlash(apiBaseUrl);
    }

    static FacebookConfig from(ConfigValues values) {
        return new FacebookConfig(values.require(PAGE_ID), values.require(PAGE_ACCESS_TOKEN),
                values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL));
    }

    /** Masks the token so that a stray log line cannot leak it. */
    @Override
    public String toString() {
        return "FacebookConfig[pageId=" + pageId + ", pageAccessToken=******, apiBaseUrl=" + apiBaseUrl + "]";
    }
}
