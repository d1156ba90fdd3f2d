package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import java.util.List;
import java.util.Optional;

/** The networks the running host can serve, as their plugins describe them. Read-only and lock-free. */
public interface NetworkCatalog {

    /** Every network provided by a started plugin, ordered by id. */
    List<AdapterDescriptor> networks();

    /** One network's description, if a started plugin provides it. */
    Optional<AdapterDescriptor> network(String networkId);
}
