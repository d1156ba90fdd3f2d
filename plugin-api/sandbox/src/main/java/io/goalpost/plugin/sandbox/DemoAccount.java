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
}
