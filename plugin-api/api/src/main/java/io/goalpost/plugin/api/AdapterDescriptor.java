package io.goalpost.plugin.api;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A network's self-description: what the host shows in {@code /api/networks}, what the UI builds the
 * connect form from, and what the conformance kit checks the adapter against. Build it with
 * {@link #builder(String, String)}.
 *
 * @param networkId stable id, {@code [a-z][a-z0-9_]*}, also the namespace of network-only metrics
 * @param displayName name shown to users
 * @param docsUrl where the network documents its API
 * @param config the configuration an account needs
 * @param reportable the metrics this adapter reports
 * @param unavailable metrics this network can never report, each with the reason
 * @param history how much history there is and how to ask for it
 * @param allowedHosts hosts the adapter may call (the host refuses others)
 * @param cursorVersion bumped when the cursor format changes incompatibly
 */
public record AdapterDescriptor(String networkId, String displayName, String docsUrl, ConfigSpec config,
        Set<MetricId> reportable, Map<MetricId, String> unavailable, HistoryLimits history,
        Set<String> allowedHosts, int cursorVersion) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public AdapterDescriptor {
        Objects.requireNonNull(networkId, "networkId is null");
        if (!ID.matcher(networkId).matches()) {
            throw new IllegalArgumentException("networkId must match [a-z][a-z0-9_]*: " + networkId);
        }
        Objects.requireNonNull(displayName, "displayName is null");
        docsUrl = docsUrl == null ? "" : docsUrl;
        Objects.requireNonNull(config, "config is null");
        reportable = Set.copyOf(Objects.requireNonNull(reportable, "reportable is null"));
        unavailable = Map.copyOf(Objects.requireNonNull(unavailable, "unavailable is null"));
        Objects.requireNonNull(history, "history is null");
        allowedHosts = Set.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts is null"));
        if (reportable.isEmpty()) {
            throw new IllegalArgumentException(networkId + " reports no metric");
        }
        Set<MetricId> both = new HashSet<>(reportable);
        both.retainAll(unavailable.keySet());
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(networkId + " lists metrics as both reportable and unavailable: " + both);
        }
        for (MetricId m : reportable) {
            if (!m.isCanonical() && !m.value().startsWith(networkId + ".")) {
                throw new IllegalArgumentException("metric " + m + " is neither canonical nor in namespace "
                        + networkId + ".");
            }
        }
        if (cursorVersion < 1) {
            throw new IllegalArgumentException("cursorVersion must be positive");
        }
    }

    /** Starts a descriptor. */
    public static Builder builder(String networkId, String displayName) {
        return new Builder(networkId, displayName);
    }

    /** Builder, so this record can gain components without breaking plugins that build it. */
    public static final class Builder {
        private final String networkId;
        private final String displayName;
        private String docsUrl = "";
        private ConfigSpec config = ConfigSpec.of();
        private final Set<MetricId> reportable = new LinkedHashSet<>();
        private final Map<MetricId, String> unavailable = new TreeMap<>();
        private HistoryLimits history;
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private int cursorVersion = 1;

        private Builder(String networkId, String displayName) {
            this.networkId = networkId;
            this.displayName = displayName;
        }

        public Builder docsUrl(String url) {
            this.docsUrl = url;
            return this;
        }

        public Builder config(ConfigSpec spec) {
            this.config = spec;
            return this;
        }

        public Builder reports(CanonicalMetric... metrics) {
            for (CanonicalMetric m : metrics) {
                reportable.add(m.id());
            }
            return this;
        }

        public Builder reports(MetricId metric) {
            reportable.add(metric);
            return this;
        }

        public Builder cannotReport(CanonicalMetric metric, String reason) {
            unavailable.put(metric.id(), reason);
            return this;
        }

        public Builder history(HistoryLimits limits) {
            this.history = limits;
            return this;
        }

        public Builder allowedHosts(String... hosts) {
            allowedHosts.addAll(java.util.List.of(hosts));
            return this;
        }

        public Builder cursorVersion(int version) {
            this.cursorVersion = version;
            return this;
        }

        public AdapterDescriptor build() {
            return new AdapterDescriptor(networkId, displayName, docsUrl, config, reportable, unavailable,
                    history, allowedHosts, cursorVersion);
        }
    }
}
