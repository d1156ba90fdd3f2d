package io.goalpost.plugin.support;

import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import java.util.List;

/**
 * The config fields of an account connected through the user's own OAuth app, and the rules between
 * them. What is shared is the structure: which key, whether it is a secret, whether it may be left
 * empty, which fields work only together. What the user reads stays in the plugin: each builder takes
 * the help text (and the label, where networks name the thing differently: "App ID", "Client ID"),
 * because only the network knows where its user finds the value.
 *
 * <p>The keys are those of {@link OAuthAppConfig}, which the plugin's config record implements.
 */
public final class OAuthAppFields {

    private OAuthAppFields() {
    }

    /** The access token: required, a secret. */
    public static ConfigField accessToken(String help) {
        return ConfigField.secret(OAuthAppConfig.ACCESS_TOKEN, "Access token", help);
    }

    /** The refresh token: a secret, optional (not every app or grant has one). */
    public static ConfigField refreshToken(String help) {
        return ConfigField.secret(OAuthAppConfig.REFRESH_TOKEN, "Refresh token", help).optional();
    }

    /** The app's client id, under the network's name for it; optional, needed only to renew. */
    public static ConfigField clientId(String label, String help) {
        return ConfigField.string(OAuthAppConfig.CLIENT_ID, label, help).optional();
    }

    /** The app's client secret, under the network's name for it: a secret, optional. */
    public static ConfigField clientSecret(String label, String help) {
        return ConfigField.secret(OAuthAppConfig.CLIENT_SECRET, label, help).optional();
    }

    /**
     * For a confidential app: when a refresh token is given, the client id and the client secret it is
     * renewed with are needed too (an issue on each one missing). Neither is asked for without a
     * refresh token: then the access token is used until it expires.
     *
     * @param why the sentence after "is needed too: ", in the network's words
     */
    public static List<ConfigIssue> refreshNeedsApp(ConfigValues config, ConfigSpec spec, String why) {
        return ConfigChecks.neededWith(config, spec, OAuthAppConfig.REFRESH_TOKEN, why, OAuthAppConfig.CLIENT_ID,
                OAuthAppConfig.CLIENT_SECRET);
    }

    /**
     * The refresh token, the client id and the client secret work only together: when any is given, an
     * issue on each one that is not.
     *
     * @param why the sentence after "is needed too: ", in the network's words
     */
    public static List<ConfigIssue> renewalAllOrNone(ConfigValues config, ConfigSpec spec, String why) {
        return ConfigChecks.allOrNone(config, spec, why, OAuthAppConfig.REFRESH_TOKEN, OAuthAppConfig.CLIENT_ID,
                OAuthAppConfig.CLIENT_SECRET);
    }
}
