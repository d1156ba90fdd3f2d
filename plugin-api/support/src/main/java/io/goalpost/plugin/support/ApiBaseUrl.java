package io.goalpost.plugin.support;

import io.goalpost.plugin.api.ConfigField;

/**
 * The field that points a plugin at its network's API, or instead at a proxy or a sandbox (the demo and
 * the tests set it). What is shared is its structure: the key {@value #KEY}, which the demo and the test
 * kit's descriptor test look for, a URL, advanced (an admin rarely changes it) and defaulting to the
 * network's own address. What the user reads stays in the plugin: the help says what the URL must
 * include (a version, a path), which only the network knows.
 */
public final class ApiBaseUrl {

    /** The key of the field; a config record names it as its own constant ({@code API_BASE_URL = ApiBaseUrl.KEY}). */
    public static final String KEY = "api_base_url";

    private ApiBaseUrl() {
    }

    /** The field, labelled "API base URL". */
    public static ConfigField field(String help, String networkDefault) {
        return field("API base URL", help, networkDefault);
    }

    /** The field under a label of the network's (Facebook: "Graph API base URL"). */
    public static ConfigField field(String label, String help, String networkDefault) {
        return ConfigField.url(KEY, label, help, networkDefault);
    }
}
