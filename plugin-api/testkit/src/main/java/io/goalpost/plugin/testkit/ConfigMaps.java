package io.goalpost.plugin.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A test's account configurations, as the connect form would send them: ordered maps of config keys to
 * values, which a test may change further.
 */
public final class ConfigMaps {

    private ConfigMaps() {
    }

    /**
     * An ordered, changeable configuration of {@code keysAndValues}: key, value, key, value, …
     *
     * @throws IllegalArgumentException when a key has no value
     */
    public static Map<String, String> of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(Objects.requireNonNull(keysAndValues[i], "key is null"),
                    Objects.requireNonNull(keysAndValues[i + 1], "value is null"));
        }
        return config;
    }

    /**
     * {@code config} and, after it, what renews its access token: the refresh token and the app's id and
     * secret, under the keys the OAuth plugins use ({@code refresh_token}, {@code client_id},
     * {@code client_secret}).
     */
    public static Map<String, String> withRefresh(Map<String, String> config, String refreshToken, String clientId,
            String clientSecret) {
        Map<String, String> renewing = new LinkedHashMap<>(config);
        renewing.putAll(of("refresh_token", refreshToken, "client_id", clientId, "client_secret", clientSecret));
        return renewing;
    }
}
