package io.goalpost.platform.testing;

import io.goalpost.platform.plugins.PluginTrust;
import io.goalpost.platform.plugins.SandboxRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox zips this build made (platform/target/sandboxes), loaded once per test run as the demo
 * loads them (signed with the development key, which the tests trust): tests that drive the real
 * adapters against a simulated network take its sandbox from here.
 */
public final class BuiltSandboxes {

    /** Where the build copies the sandbox zips. */
    public static final Path DIR = Path.of(System.getProperty("goalpost.test.sandboxes-dir", "target/sandboxes"));
    private static SandboxRegistry loaded;

    private BuiltSandboxes() {
    }

    /** Every built sandbox, loaded on first use. */
    public static synchronized SandboxRegistry all() {
        if (loaded == null) {
            try {
                loaded = SandboxRegistry.load(DIR, PluginTrust.load(null, List.of(), false),
                        Files.createTempDirectory("goalpost-test-sandboxes"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /** The built sandbox of a network. */
    public static SandboxRegistry.LoadedSandbox of(String networkId) {
        return all().forNetwork(networkId).orElseThrow(() -> new AssertionError("no built sandbox for " + networkId
                + " in " + DIR.toAbsolutePath() + " (run the build: mvn install)"));
    }
}
