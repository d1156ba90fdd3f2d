package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkSandbox;
import java.util.Objects;
import java.util.Optional;

/**
 * A network served by a started plugin.
 *
 * @param pluginId the providing plugin
 * @param descriptor its self-description, read once at start
 * @param factory creates adapters
 * @param sandbox its simulation, when the plugin ships one
 * @param classLoader the plugin's class loader, set as context loader around every call into it
 */
public record LoadedNetwork(String pluginId, AdapterDescriptor descriptor, NetworkAdapterFactory factory,
        Optional<NetworkSandbox> sandbox, ClassLoader classLoader) {
    public LoadedNetwork {
        Objects.requireNonNull(pluginId, "pluginId is null");
        Objects.requireNonNull(descriptor, "descriptor is null");
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(sandbox, "sandbox is null");
        Objects.requireNonNull(classLoader, "classLoader is null");
    }
}
