package io.goalpost.plugin.testkit;

import io.goalpost.plugin.sandbox.SandboxLimits;

/**
 * Runs a sandbox test's steps with the sandboxes' own limits off, as the sync benchmark runs them
 * ({@link SandboxLimits}), and turns them on again afterwards whatever happens. Needs
 * {@code plugin-sandbox-api}, which a sandbox module has.
 */
public final class WithoutSandboxLimits {

    /** Steps that may throw, such as an adapter's calls. */
    @FunctionalInterface
    public interface Steps {
        void run() throws Exception;
    }

    private WithoutSandboxLimits() {
    }

    /** Runs {@code steps} with the limits off. */
    public static void run(Steps steps) throws Exception {
        System.setProperty(SandboxLimits.PROPERTY, "false");
        try {
            steps.run();
        } finally {
            System.clearProperty(SandboxLimits.PROPERTY);
        }
    }
}
