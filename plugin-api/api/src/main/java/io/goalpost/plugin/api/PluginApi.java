package io.goalpost.plugin.api;

/**
 * Version of this contract. Plugins declare the range they need ({@code plugin.requires}, e.g.
 * {@code >=2.0.0 & <3.0.0}); the host refuses a plugin whose range does not contain this version.
 *
 * <p>Compatibility rule: within a major version changes are additive only (new default methods, new
 * types), so a plugin built against 1.x works on any host providing 1.(&ge;x).
 *
 * <p>1.1: per-metric reporting lags and the identity field in {@link AdapterDescriptor}; metric values
 * at most {@link MetricPoint#MAX_VALUE}.
 *
 * <p>1.2: {@link NetworkAuthorizer}, the optional "Connect with …" sign-in (OAuth 2.0 authorization
 * code flow) with {@link AuthorizationSpec}, {@link AppCredentials}, {@link TokenGrant} and
 * {@link DiscoveredAccount}; {@link CredentialsPort#expires} for the lifetimes of refreshed tokens.
 *
 * <p>1.3: per-account hosts ({@link AdapterDescriptor#accountHostFields()},
 * {@link AdapterDescriptor.Builder#allowHostOf(String)}, {@link AdapterDescriptor#hostsFor(ConfigValues)})
 * and {@link ConfigField#requiredUrl}; the per-call deadline of {@link NetworkAdapter} stated.
 *
 * <p>1.4: a post's text ({@link PostSnapshot#text()}), kept by the host as an excerpt.
 *
 * <p>2.0: the network simulations left the production contract. {@code NetworkSandbox} and
 * {@code DemoAccount} moved to the separate sandbox API ({@code plugin-sandbox-api}, package
 * {@code io.goalpost.plugin.sandbox}), and a sandbox ships as a zip of its own that only the demo loads.
 * A removed type is an incompatible change, hence the major version: a plugin declares
 * {@code >=2.0.0 & <3.0.0}. Porting a 1.x plugin is the new range (and, for one that had a sandbox,
 * moving it to a sandbox module). Added in 2.0: a network's limits on calls ({@link CallQuota},
 * {@link AdapterDescriptor#quotas()}, {@link AdapterDescriptor.Builder#quota(CallQuota)}), which the
 * host schedules every sync inside. Added in 2.1 (additions only, so 2.0 plugins run unchanged):
 * {@link AdapterDescriptor.Builder#reports(MetricId...)} and
 * {@link AdapterDescriptor.Builder#reportingLag(int, MetricId...)} for several namespaced metrics at once;
 * {@link HistoryLimits#lagCountingToday()}. Added in 2.2: {@link AdapterDescriptor.Builder#postListIsLive()}.
 */
public final class PluginApi {
    /** The contract version this host implements, in semver form. */
    public static final String VERSION = "2.2.0";

    /** Packages whose classes always come from the host, never from a plugin's own lib/ folder. */
    public static final java.util.List<String> HOST_PACKAGES =
            java.util.List.of("io.goalpost.plugin.api.", "org.pf4j.", "org.slf4j.");

    private PluginApi() {
    }
}
