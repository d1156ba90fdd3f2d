package io.goalpost.plugins.instagram;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The two mutually exclusive ways an Instagram professional account can be connected
 * (Meta's Instagram Platform documentation; see the plugin README, "The two ways to connect an
 * account"). They differ in host, token type, permissions and whether the token can be refreshed;
 * their tokens are not interchangeable.
 */
enum LoginType {

    /** Instagram API with Instagram Login: graph.instagram.com, Instagram User token, refreshable. */
    INSTAGRAM_LOGIN("instagram_login", "graph.instagram.com", true,
            List.of("instagram_business_basic", "instagram_business_manage_insights")),

    /** Instagram API with Facebook Login: graph.facebook.com, Facebook User or Page token, not refreshable. */
    FACEBOOK_LOGIN("facebook_login", "graph.facebook.com", false,
            List.of("instagram_basic", "instagram_manage_insights", "pages_read_engagement"));

    private final String configValue;
    private final String apiHost;
    private final boolean refreshable;
    private final List<String> insightsPermissions;

    LoginType(String configValue, String apiHost, boolean refreshable, List<String> insightsPermissions) {
        this.configValue = configValue;
        this.apiHost = apiHost;
        this.refreshable = refreshable;
        this.insightsPermissions = insightsPermissions;
    }

    /** The value of the {@code login_type} config field. */
    String configValue() {
        return configValue;
    }

    /** The Graph host this login's tokens work on. */
    String apiHost() {
        return apiHost;
    }

    /** True when the token can be extended with {@code refresh_access_token} (Instagram Login only). */
    boolean refreshable() {
        return refreshable;
    }

    /** The permissions the token needs for the calls this plugin makes. */
    Set<String> insightsPermissions() {
        return Set.copyOf(insightsPermissions);
    }

    /** The permissions in the order users see them in Meta's consent screen. */
    String permissionList() {
        return String.join(", ", insightsPermissions);
    }

    /** All config values, for the ENUM field. */
    static List<String> configValues() {
        return Arrays.stream(values()).map(LoginType::configValue).toList();
    }

    /** The login type of a config value. */
    static LoginType fromConfig(String value) {
        for (LoginType t : values()) {
            if (t.configValue.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("login_type must be one of " + configValues() + ": " + value);
    }
}
