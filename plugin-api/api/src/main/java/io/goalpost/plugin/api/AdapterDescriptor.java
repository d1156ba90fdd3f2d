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
 * @param reportingLags per reportable metric, how many of the most recent days (today included) the
 *     network has not finished reporting; see {@link #reportingLagDays(MetricId)} (since 1.1)
 * @param identityField the config key whose value names the external account (a Page id, an
 *     organization id), or empty when the account is only known from the connection check (since 1.1)
 * @param accountHostFields config keys of URL fields whose host an account may call besides
 *     {@code allowedHosts} (a Mastodon or self-hosted server chosen per account); the host's outbound
 *     rules (https, no private or link-local address) still apply to it (since 1.3)
 * @param quotas the network's documented limits on calls, which the host keeps every sync inside
 *     (since 2.0; empty: the network declares none and the host only reacts to its throttling)
 */
public record AdapterDescriptor(String networkId, String displayName, String docsUrl, ConfigSpec config,
        Set<MetricId> reportable, Map<MetricId, String> unavailable, HistoryLimits history,
        Set<String> allowedHosts, int cursorVersion, Map<MetricId, Integer> reportingLags, String identityField,
        Set<String> accountHostFields, java.util.List<CallQuota> quotas) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    /** The longest reporting lag a network may declare, in days. */
    public static final int MAX_REPORTING_LAG_DAYS = 60;

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
        reportingLags = Map.copyOf(reportingLags == null ? Map.of() : reportingLags);
        for (Map.Entry<MetricId, Integer> e : reportingLags.entrySet()) {
            if (!reportable.contains(e.getKey())) {
                throw new IllegalArgumentException(networkId + " declares a reporting lag for " + e.getKey()
                        + ", which it does not report");
            }
            if (e.getValue() < 0 || e.getValue() > MAX_REPORTING_LAG_DAYS) {
                throw new IllegalArgumentException("reporting lag of " + e.getKey() + " must be 0.."
                        + MAX_REPORTING_LAG_DAYS + " days: " + e.getValue());
            }
        }
        identityField = identityField == null ? "" : identityField;
        if (!identityField.isEmpty()) {
            String key = identityField;
            ConfigField f = config.field(key).orElseThrow(() -> new IllegalArgumentException(
                    networkId + " names identity field '" + key + "', which is not a config field"));
            if (f.secret()) {
                throw new IllegalArgumentException("identity field " + f.key() + " of " + networkId + " is a secret");
            }
        }
        accountHostFields = Set.copyOf(accountHostFields == null ? Set.of() : accountHostFields);
        for (String key : accountHostFields) {
            ConfigField f = config.field(key).orElseThrow(() -> new IllegalArgumentException(
                    networkId + " allows the host of '" + key + "', which is not a config field"));
            if (f.type() != FieldType.URL) {
                throw new IllegalArgumentException(networkId + " allows the host of '" + key + "', which is not a URL field");
            }
        }
        quotas = java.util.List.copyOf(quotas == null ? java.util.List.of() : quotas);
        if (new HashSet<>(quotas).size() != quotas.size()) {
            throw new IllegalArgumentException(networkId + " declares the same quota twice");
        }
    }

    /** The 1.3 constructor: no quotas. */
    public AdapterDescriptor(String networkId, String displayName, String docsUrl, ConfigSpec config,
            Set<MetricId> reportable, Map<MetricId, String> unavailable, HistoryLimits history,
            Set<String> allowedHosts, int cursorVersion, Map<MetricId, Integer> reportingLags, String identityField,
            Set<String> accountHostFields) {
        this(networkId, displayName, docsUrl, config, reportable, unavailable, history, allowedHosts, cursorVersion,
                reportingLags, identityField, accountHostFields, java.util.List.of());
    }

    /** The 1.1 constructor: no per-account hosts. */
    public AdapterDescriptor(String networkId, String displayName, String docsUrl, ConfigSpec config,
            Set<MetricId> reportable, Map<MetricId, String> unavailable, HistoryLimits history,
            Set<String> allowedHosts, int cursorVersion, Map<MetricId, Integer> reportingLags, String identityField) {
        this(networkId, displayName, docsUrl, config, reportable, unavailable, history, allowedHosts, cursorVersion,
                reportingLags, identityField, Set.of(), java.util.List.of());
    }

    /**
     * The hosts an account with this configuration may call: {@link #allowedHosts()} plus the host of
     * each of its {@link #accountHostFields()} that has a value (since 1.3). The host still checks every
     * address these resolve to.
     */
    public Set<String> hostsFor(ConfigValues values) {
        Set<String> hosts = new LinkedHashSet<>(allowedHosts);
        for (String key : accountHostFields) {
            values.get(key).ifPresent(v -> {
                try {
                    String host = java.net.URI.create(v.trim()).getHost();
                    if (host != null && !host.isBlank()) {
                        hosts.add(host.toLowerCase(java.util.Locale.ROOT));
                    }
                } catch (IllegalArgumentException e) {
                    // not a URL: ConfigSpec.validate reports it; no host is added
                }
            });
        }
        return Set.copyOf(hosts);
    }

    /** The 1.0 constructor: no per-metric reporting lags, no identity field. */
    public AdapterDescriptor(String networkId, String displayName, String docsUrl, ConfigSpec config,
            Set<MetricId> reportable, Map<MetricId, String> unavailable, HistoryLimits history,
            Set<String> allowedHosts, int cursorVersion) {
        this(networkId, displayName, docsUrl, config, reportable, unavailable, history, allowedHosts, cursorVersion,
                Map.of(), "", Set.of(), java.util.List.of());
    }

    /**
     * How many of the most recent days, counting today, the network has not finished reporting for a
     * metric: its values are final through {@code today - lag}. The host compares periods only through
     * the last final day of every account in scope, and re-reads the days after it on each sync.
     *
     * <p>Declared per metric with {@link Builder#reportingLag}; otherwise a level (followers, a
     * snapshot as of now) has lag 0 and every other metric {@code history().reportingLagDays() + 1}
     * (today is not over, and the network's declared late days are not final either).
     */
    public int reportingLagDays(MetricId metric) {
        Integer declared = reportingLags.get(metric);
        if (declared != null) {
            return declared;
        }
        boolean level = CanonicalMetric.byId(metric.value()).map(m -> m.kind() == MetricKind.LEVEL).orElse(false);
        return level ? 0 : history.lagCountingToday();
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
        private final Map<MetricId, Integer> reportingLags = new TreeMap<>();
        private String identityField = "";
        private final Set<String> accountHostFields = new LinkedHashSet<>();
        private final java.util.List<CallQuota> quotas = new java.util.ArrayList<>();

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

        /** As {@link #reports(MetricId)}, for several of the network's own metrics at once (since 2.0). */
        public Builder reports(MetricId... metrics) {
            for (MetricId m : metrics) {
                reports(m);
            }
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

        /**
         * Declares how many of the most recent days (today included) the network has not finished
         * reporting for a metric (see {@link AdapterDescriptor#reportingLagDays(MetricId)}).
         */
        public Builder reportingLag(CanonicalMetric metric, int days) {
            return reportingLag(metric.id(), days);
        }

        /** The same reporting lag for several metrics (most networks finish all their insights together). */
        public Builder reportingLag(int days, CanonicalMetric... metrics) {
            for (CanonicalMetric m : metrics) {
                reportingLag(m.id(), days);
            }
            return this;
        }

        /**
         * Declares that the network lists a post as soon as it is published (since 2.2): a day's
         * {@link CanonicalMetric#POSTS_PUBLISHED} is final once the day is over, so only today is
         * re-read. The same as {@code reportingLag(CanonicalMetric.POSTS_PUBLISHED, 1)}.
         */
        public Builder postListIsLive() {
            return reportingLag(CanonicalMetric.POSTS_PUBLISHED, 1);
        }

        /** As {@link #reportingLag(CanonicalMetric, int)}, for a namespaced metric. */
        public Builder reportingLag(MetricId metric, int days) {
            reportingLags.put(metric, days);
            return this;
        }

        /** The same reporting lag for several namespaced metrics (since 2.0). */
        public Builder reportingLag(int days, MetricId... metrics) {
            for (MetricId m : metrics) {
                reportingLag(m, days);
            }
            return this;
        }

        /**
         * Names the config field whose value identifies the external account (e.g. {@code page_id}),
         * so that the host refuses to connect the same account twice before it calls the network.
         */
        public Builder identityField(String configKey) {
            this.identityField = configKey;
            return this;
        }

        /**
         * Lets each account call the host of its value of a URL field (since 1.3): for a network whose
         * server is chosen per account (Mastodon, a self-hosted instance). Declare the field with
         * {@link ConfigField#requiredUrl}. The host's outbound rules still apply to that host.
         */
        public Builder allowHostOf(String configKey) {
            accountHostFields.add(configKey);
            return this;
        }

        /**
         * Declares one of the network's documented limits on calls (since 2.0); see {@link CallQuota}.
         * Declare each limit that applies (per app and per account, per window): the host keeps every
         * sync inside all of them.
         */
        public Builder quota(CallQuota quota) {
            quotas.add(quota);
            return this;
        }

        public AdapterDescriptor build() {
            return new AdapterDescriptor(networkId, displayName, docsUrl, config, reportable, unavailable,
                    history, allowedHosts, cursorVersion, reportingLags, identityField, accountHostFields, quotas);
        }
    }
}
