package io.goalpost.plugin.sandbox;

import java.util.Map;
import java.util.Objects;

/**
 * A demo account a {@link NetworkSandbox} serves.
 *
 * @param name the name to give the account in Goalpost
 * @param config raw configuration values that connect it through the sandbox
 */
public record DemoAccount(String name, Map<String, String> config) {
    public DemoAccount {
        Objects.requireNonNull(name, "name is null");
        config = Map.copyOf(Objects.requireNonNull(config, "config is null"));
    }

    /** The sandbox's base URL without a trailing slash, to which a demo account's API paths are appended. */
    public static String base(String sandboxBaseUrl) {
        return sandboxBaseUrl.endsWith("/") ? sandboxBaseUrl.substring(0, sandboxBaseUrl.length() - 1) : sandboxBaseUrl;
    }

    /** The sandbox's demo app ({@link NetworkSandbox#demoApp}): these credentials, with the sandbox as base URL. */
    public static java.util.Optional<io.goalpost.plugin.api.AppCredentials> app(String clientId, String clientSecret,
            String sandboxBaseUrl) {
        return java.util.Optional.of(new io.goalpost.plugin.api.AppCredentials(clientId, clientSecret,
                java.util.Optional.of(base(sandboxBaseUrl))));
    }
}
