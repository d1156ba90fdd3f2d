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
        Optional<AdapterDescriptor> d = descriptor(network);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        for (String m : metrics) {
            MetricId id = metricId(m);
            String reason = id == null ? null : d.get().unavailable().get(id);
            if (reason != null) {
                return Optional.of(displayName(network) + " cannot report " + m + ": " + reason);
            }
        }
        return Optional.empty();
    }

    /**
     * How many of the most recent days (today included) the network has not finished reporting the
     * metric: its values are final through {@code today - lag}. 0 for manual sources, imported metrics
     * and networks whose plugin is not loaded: what is stored is all there is.
     */
    public int reportingLagDays(String network, String metric) {
        Optional<AdapterDescriptor> d = descriptor(network);
        if (d.isEmpty()) {
            return 0;
        }
        MetricId id = metricId(metric);
        if (id == null || !d.get().reportable().contains(id)) {
            return 0;
        }
        return d.get().reportingLagDays(id);
    }

    /** Bit of {@link #completenessMask} set when the account must be complete for a period to be. */
    public static final int REQUIRED = 1 << 30;

    /**
     * What makes a period complete for an account of a network, for a KPI's inputs: bit i set when the
     * network reports input i as a daily series (a flow or a daily unique count from its own API), so
     * that a period missing one of its days is incomplete; and {@link #REQUIRED} when the network
     * reports any input at all, so that a period without the account's data is incomplete for the
     * scope. Levels are not daily series (the last value on or before a day stands); imported metrics
     * are neither (people import what they have, when they have it, and days without an import are
     * skipped).
     */
    public int completenessMask(String network, java.util.List<String> inputs) {
        Optional<AdapterDescriptor> d = descriptor(network);
        if (d.isEmpty()) {
            return 0;
        }
        int mask = 0;
        for (int i = 0; i < inputs.size(); i++) {
            MetricId id = metricId(inputs.get(i));
            if (id == null || !d.get().reportable().contains(id)) {
                continue;
            }
            mask |= REQUIRED;
            if (!KpiCatalog.isLevel(inputs.get(i))) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    private Optional<AdapterDescriptor> descriptor(String network) {
        if (catalog == null || MANUAL.equals(network)) {
            return Optional.empty();
        }
        try {
            return catalog.network(network);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static MetricId metricId(String metric) {
        try {
            return new MetricId(metric);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when the network is known to the host (a loaded plugin, or {@code manual}). */
    public boolean known(String network) {
        return MANUAL.equals(network) || descriptor(network).isPresent();
    }

    /** The name to show for a network. */
    public String displayName(String network) {
        if (MANUAL.equals(network)) {
            return "Manual sources";
        }
        Optional<AdapterDescriptor> d = descriptor(network);
        if (d.isPresent()) {
            return d.get().displayName();
        }
        return network.isEmpty() ? network : Character.toUpperCase(network.charAt(0)) + network.substring(1);
    }
}
