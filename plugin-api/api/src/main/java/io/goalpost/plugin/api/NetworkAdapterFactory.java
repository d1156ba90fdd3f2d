package io.goalpost.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The one extension point a network plugin implements (annotate the implementation with PF4J's
 * {@code @Extension}). It describes the network and creates an adapter per connected account.
 *
 * <p>Implementations must be cheap to construct and stateless; the host may call
 * {@link #descriptor()} often.
 */
public interface NetworkAdapterFactory extends ExtensionPoint {

    /** The network's self-description: identity, configuration, metrics, limits. */
    AdapterDescriptor descriptor();

    /**
     * Checks configuration beyond what {@link ConfigSpec} already validates (for instance that two
     * fields agree). Returns the problems found; never throws. The default finds none.
     */
    default List<ConfigIssue> validate(ConfigValues config) {
        return List.of();
    }

    /**
     * Creates an adapter for one account. The configuration has been validated against the
     * descriptor's {@link ConfigSpec}. Must not perform network I/O; {@link NetworkAdapter#check()}
     * does that.
     */
    NetworkAdapter create(AdapterContext context, ConfigValues config);
}
