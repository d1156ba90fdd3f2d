package io.goalpost.plugin.sandbox;

/**
 * Whether a sandbox enforces the network's call limits itself (since 2.2). It does by default, so that
 * the demo shows a throttled account the way the network would. A host that simulates the networks'
 * declared quotas in front of the sandboxes, such as the sync benchmark with its compressed quota
 * windows, turns them off: a sandbox counting real minutes per demo account would otherwise throttle the
 * many benchmark accounts that share one demo account, which no real network does.
 */
public final class SandboxLimits {

    /** The JVM system property; {@code false} turns the sandboxes' own limits off. */
    public static final String PROPERTY = "goalpost.sandbox.ownLimits";

    private SandboxLimits() {
    }

    /** True unless the host set {@link #PROPERTY} to {@code false}; read on every call, so it can change. */
    public static boolean enforced() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }
}
