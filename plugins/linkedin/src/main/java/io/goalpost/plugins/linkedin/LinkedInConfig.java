package io.goalpost.plugins.linkedin;

import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.BaseUrls;
import io.goalpost.plugin.support.OAuthAppConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of one connected LinkedIn organization, read from validated {@link ConfigValues}.
 *
 * @param organizationId the numeric organization id (from {@code 2414183} or {@code urn:li:organization:2414183})
 * @param accessToken the member's OAuth access token (60 days)
 * @param refreshToken the programmatic refresh token, or null (approved partners only)
 * @param clientId the app's client id, or null
 * @param clientSecret the app's client secret, or null
 * @param apiVersion the value of the {@code LinkedIn-Version} header, {@code YYYYMM}
 * @param apiBaseUrl the REST base, {@code https://api.linkedin.com/rest} in production
 * @param oauthBaseUrl the OAuth base, {@code https://www.linkedin.com/oauth/v2} in production
 */
record LinkedInConfig(String organizationId, String accessToken, String refreshToken, String clientId,
        String clientSecret, String apiVersion, String apiBaseUrl, String oauthBaseUrl) {

    static final String ORGANIZATION_ID = "organization_id";
    // The OAuth app's fields are declared with the shared keys (OAuthAppFields); read them by the same ones.
    // Not an OAuthAppConfig: the client code takes the optional values as null-or-text.
    static final String ACCESS_TOKEN = OAuthAppConfig.ACCESS_TOKEN;
    static final String REFRESH_TOKEN = OAuthAppConfig.REFRESH_TOKEN;
    static final String CLIENT_ID = OAuthAppConfig.CLIENT_ID;
    static final String CLIENT_SECRET = OAuthAppConfig.CLIENT_SECRET;
    static final String LINKEDIN_VERSION = "linkedin_version";
    static final String API_BASE_URL = ApiBaseUrl.KEY;
    static final String OAUTH_BASE_URL = "oauth_base_url";

    static final String DEFAULT_API_BASE_URL = "https://api.linkedin.com/rest";
    static final String DEFAULT_OAUTH_BASE_URL = "https://www.linkedin.com/oauth/v2";
    /**
     * The newest version the research notes show in use (LinkedIn's own examples, 2026). Versions
     * live about a year; after that LinkedIn answers 426 and the user sets a newer month.
     */
    static final String DEFAULT_API_VERSION = "202606";

    private static final Pattern ORGANIZATION = Pattern.compile("(?:urn:li:organization:)?([1-9][0-9]{0,18})");
    private static final Pattern VERSION = Pattern.compile("(20[0-9]{2})(0[1-9]|1[0-2])([0-3][0-9])?");

    LinkedInConfig {
        Objects.requireNonNull(organizationId, "organizationId is null");
        Objects.requireNonNull(accessToken, "accessToken is null");
        Objects.requireNonNull(apiVersion, "apiVersion is null");
        apiBaseUrl = BaseUrls.withoutTrailingSlash(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null"));
        oauthBaseUrl = BaseUrls.withoutTrailingSlash(Objects.requireNonNull(oauthBaseUrl, "oauthBaseUrl is null"));
    }

    /** Reads validated values; call only when {@link #organizationIdOf(String)} accepted the id. */
    static LinkedInConfig from(ConfigValues values) {
        String org = organizationIdOf(values.require(ORGANIZATION_ID))
                .orElseThrow(() -> new IllegalArgumentException("organization id is not valid"));
        return new LinkedInConfig(org, values.require(ACCESS_TOKEN), values.get(REFRESH_TOKEN).orElse(null),
                values.get(CLIENT_ID).orElse(null), values.get(CLIENT_SECRET).orElse(null),
                values.get(LINKEDIN_VERSION).orElse(DEFAULT_API_VERSION),
                values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL),
                values.get(OAUTH_BASE_URL).orElse(DEFAULT_OAUTH_BASE_URL));
    }

    /** The numeric id in a value that is either the id or the organization URN. */
    static Optional<String> organizationIdOf(String value) {
        Matcher m = ORGANIZATION.matcher(value.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True for {@code YYYYMM} (or the {@code YYYYMMDD} form LinkedIn also accepts). */
    static boolean isVersion(String value) {
        return VERSION.matcher(value.trim()).matches();
    }

    /** {@code urn:li:organization:<id>}. */
    String organizationUrn() {
        return "urn:li:organization:" + organizationId;
    }

    /** True when a refresh token and the client credentials it needs are all configured. */
    boolean canRefresh() {
        return present(refreshToken) && present(clientId) && present(clientSecret);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "LinkedInConfig[organization=" + organizationId + ", version=" + apiVersion + ", api=" + apiBaseUrl
                + ", refresh=" + canRefresh() + "]";
    }
}
