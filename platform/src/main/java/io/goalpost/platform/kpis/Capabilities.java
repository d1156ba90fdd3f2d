package io.goalpost.platform.kpis;

import io.goalpost.platform.plugins.NetworkCatalog;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.MetricId;
import java.util.Collection;
import java.util.Optional;

/** What each network's plugin says it can never report (AdapterDescriptor.unavailable). */
public final class Capabilities {

    /** The account kind for sources that are not a social network. */
    public static final String MANUAL = "manual";

    private final NetworkCatalog catalog;

    public Capabilities(NetworkCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Why accounts of a network cannot report one of the metrics, or empty when they may (a network
     * whose plugin is not loaded, or that does not declare the metric unavailable, may report it, if
     * only through a manual import).
     */
    public Optional<String> cannotReport(String network, Collection<String> metrics) {
        if (catalog == null || MANUAL.equals(network)) {
            return Optional.empty();
        }
        Optional<AdapterDescriptor> d;
        try {
            d = catalog.network(network);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (d.isEmpty()) {
            return Optional.empty();
        }
        for (String m : metrics) {
            String reason;
            try {
                reason = d.get().unavailable().get(new MetricId(m));
            } catch (IllegalArgumentException e) {
                reason = null;
            }
            if (reason != null) {
                return Optional.of(displayName(network) + " cannot report " + m + ": " + reason);
            }
        }
        return Optional.empty();
    }

    /** True when the network is known to the host (a loaded plugin, or {@code manual}). */
    public boolean known(String network) {
        if (MANUAL.equals(network)) {
            return true;
        }
        try {
            return catalog != null && catalog.network(network).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The name to show for a network. */
    public String displayName(String network) {
        if (MANUAL.equals(network)) {
            return "Manual sources";
        }
        if (catalog != null) {
            try {
                Optional<AdapterDescriptor> d = catalog.network(network);
                if (d.isPresent()) {
                    return d.get().displayName();
                }
            } catch (RuntimeException e) {
                // fall through
            }
        }
        return network.isEmpty() ? network : Character.toUpperCase(network.charAt(0)) + network.substring(1);
    }
}
