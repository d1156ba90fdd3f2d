package io.goalpost.plugins.instagram;

import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.BaseUrls;
import io.goalpost.plugin.support.OAuthAppConfig;
import io.goalpost.plugin.support.meta.GraphWording;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigValues;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration of one connected Instagram account, resolved and checked.
 *
 * <p>How the host is chosen: the {@code login_type} field decides. For the real API the adapter always
 * calls the host that login type's tokens work on ({@code graph.instagram.com} for Instagram Login,
 * {@code graph.facebook.com} for Facebook Login), keeping only the version path of
 * {@code api_base_url}; so a Facebook Login account works with the default base URL and nobody has to
 * touch an advanced field. A base URL on any other host (WireMock, the sandbox) is used exactly as
 * given.
 *
 * @param igUserId the numeric Instagram professional account id
 * @param loginType how the account was connected
 * @param apiBaseUrl the effective Graph base URL including the version, without trailing slash
 * @param refreshBaseUrl the base URL of {@code /refresh_access_token} (the same host, without version)
 * @param accessToken the access token (secret)
 * @param accessRefreshedAt when the token was issued or last refreshed, if known
 */
record InstagramConfig(String igUserId, LoginType loginType, String apiBaseUrl, String refreshBaseUrl,
        String accessToken, Optional<Instant> accessRefreshedAt) {

    static final String LOGIN_TYPE = "login_type";
    static final String IG_USER_ID = "ig_user_id";
    /** Declared with {@code OAuthAppFields.accessToken}: the shared key. */
    static final String ACCESS_TOKEN = OAuthAppConfig.ACCESS_TOKEN;
    static final String ACCESS_REFRESHED_AT = "access_refreshed_at";
    static final String API_BASE_URL = ApiBaseUrl.KEY;

    static final String DEFAULT_API_BASE_URL = "https://graph.instagram.com/v25.0";

    /** What the Graph error table tells an Instagram user to do, which depends on how the account was connected. */
    static GraphWording wording(LoginType loginType) {
        String reconnect = loginType.refreshable()
                ? "Reconnect the account in Goalpost with Instagram Login to issue a new token (a token can only be "
                        + "refreshed while it is still valid and at least 24 hours old)."
                : "Reconnect the account in Goalpost with Facebook Login to issue a new token; Facebook Login tokens "
                        + "cannot be refreshed automatically.";
        return new GraphWording("Instagram", "access token", reconnect,
                "Reconnect the account and grant " + loginType.permissionList() + ".", loginType.insightsPermissions(),
                "Check ig_user_id (the numeric id of the professional account) and that login_type matches how the "
                        + "token was issued (" + loginType.configValue() + ").", "", DEFAULT_API_BASE_URL);
    }

    /** The hosts of the real API; a base URL on one of them follows the login type. */
    static final Set<String> META_HOSTS = Set.of("graph.instagram.com", "graph.facebook.com");

    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{5,25}");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("/v[0-9]+(\\.[0-9]+)?$");

    InstagramConfig {
        Objects.requireNonNull(igUserId, "igUserId is null");
        Objects.requireNonNull(loginType, "loginType is null");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        Objects.requireNonNull(refreshBaseUrl, "refreshBaseUrl is null");
        Objects.requireNonNull(accessToken, "accessToken is null");
        Objects.requireNonNull(accessRefreshedAt, "accessRefreshedAt is null");
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "InstagramConfig[igUserId=" + igUserId + ", loginType=" + loginType.configValue() + ", apiBaseUrl="
                + apiBaseUrl + ", accessRefreshedAt=" + accessRefreshedAt.map(Instant::toString).orElse("unknown") + "]";
    }

    /** The problems of raw values that the generic {@code ConfigSpec} checks cannot see. */
    static List<ConfigIssue> issues(ConfigValues values) {
        List<ConfigIssue> issues = new ArrayList<>();
        values.get(IG_USER_ID).filter(id -> !NUMERIC_ID.matcher(id).matches()).ifPresent(id -> issues.add(
                new ConfigIssue(IG_USER_ID, "'Instagram account id' must be the numeric id of the professional "
                        + "account (e.g. 17841400000000000), not the @username")));
        values.get(LOGIN_TYPE).filter(v -> !LoginType.configValues().contains(v)).ifPresent(v -> issues.add(
                new ConfigIssue(LOGIN_TYPE, "'Login type' must be one of " + LoginType.configValues())));
        values.get(ACCESS_REFRESHED_AT).ifPresent(v -> {
            try {
                Instant.parse(v);
            } catch (DateTimeParseException e) {
                issues.add(new ConfigIssue(ACCESS_REFRESHED_AT,
                        "'Token issued or refreshed at' must be an ISO-8601 instant such as 2026-03-01T10:00:00Z"));
            }
        });
        values.get(API_BASE_URL).ifPresent(v -> {
            try {
                URI uri = URI.create(v);
                if (uri.getHost() == null || uri.getRawQuery() != null) {
                    issues.add(new ConfigIssue(API_BASE_URL, "'API base URL' must be an http(s) URL without query"));
                }
            } catch (IllegalArgumentException e) {
                issues.add(new ConfigIssue(API_BASE_URL, "'API base URL' must be an http(s) URL without query"));
            }
        });
        return List.copyOf(issues);
    }

    /**
     * Resolves validated values. Call only when {@link #issues(ConfigValues)} found none.
     *
     * @throws IllegalArgumentException when a value is still invalid
     */
    static InstagramConfig from(ConfigValues values) {
        List<ConfigIssue> issues = issues(values);
        if (!issues.isEmpty()) {
            throw new IllegalArgumentException(issues.get(0).message());
        }
        LoginType loginType = LoginType.fromConfig(values.get(LOGIN_TYPE).orElse(LoginType.INSTAGRAM_LOGIN.configValue()));
        String apiBaseUrl = effectiveBaseUrl(values.get(API_BASE_URL).orElse(DEFAULT_API_BASE_URL), loginType);
        return new InstagramConfig(values.require(IG_USER_ID), loginType, apiBaseUrl, refreshBase(apiBaseUrl),
                values.require(ACCESS_TOKEN), values.get(ACCESS_REFRESHED_AT).map(Instant::parse));
    }

    /** The base URL to call: on a Meta host, the login type's host with the configured version path. */
    static String effectiveBaseUrl(String configured, LoginType loginType) {
        String trimmed = BaseUrls.withoutTrailingSlash(configured);
        URI uri = URI.create(trimmed);
        if (uri.getHost() == null || !META_HOSTS.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT))) {
            return trimmed;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return "https://" + loginType.apiHost() + path;
    }

    /** {@code refresh_access_token} lives at the host root, outside the version path. */
    static String refreshBase(String apiBaseUrl) {
        return VERSION_SUFFIX.matcher(apiBaseUrl).replaceFirst("");
    }
}
