package io.goalpost.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.testing.BuiltSandboxes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The networks' simulations ship apart from the production plugins: the plugin zips a production
 * server installs hold no sandbox class, each network's sandbox is a signed zip of its own that only
 * the demo's {@link SandboxRegistry} loads, and a sandbox zip dropped among the plugins never loads.
 */
class SandboxArtifactsTest {

    private static final List<String> NETWORKS = List.of("facebook", "instagram", "linkedin", "pinterest", "tiktok", "x");
    private static final PluginTrust DEV = new PluginTrust(List.of(), false).withDevelopmentKey();

    @Test
    void noProductionPluginZipHoldsASandboxClassOrTheSandboxApi() throws IOException {
        List<Path> zips = zips(PluginZips.BUILT);
        assertThat(zips).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(NETWORKS.stream().map(n -> "goalpost-plugin-" + n + ".zip").toList());
        for (Path zip : zips) {
            Map<String, byte[]> entries = entries(Files.readAllBytes(zip));
            assertThat(entries.keySet()).as(zip.getFileName() + " listing")
                    .noneMatch(name -> name.contains("/sandbox/") || name.contains("Sandbox") || name.contains("sandbox-api"))
                    .anyMatch(name -> name.endsWith("AdapterFactory.class"));
            assertThat(new String(entries.get("classes/META-INF/extensions.idx"), StandardCharsets.UTF_8))
                    .as(zip.getFileName() + " extensions").doesNotContainIgnoringCase("sandbox").contains("AdapterFactory");
        }
    }

    @Test
    void everyNetworkHasASignedSandboxZipOfItsOwnThatTheDemoLoads() throws IOException {
        List<Path> zips = zips(BuiltSandboxes.DIR);
        assertThat(zips).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(NETWORKS.stream().map(n -> "goalpost-sandbox-" + n + ".zip").toList());
        for (Path zip : zips) {
            Map<String, byte[]> entries = entries(Files.readAllBytes(zip));
            assertThat(new String(entries.get("classes/META-INF/extensions.idx"), StandardCharsets.UTF_8))
                    .as("a sandbox zip provides its simulation and no adapter").contains("Sandbox").doesNotContain("AdapterFactory");
            assertThat(entries.keySet()).noneMatch(name -> name.startsWith("lib/plugin-sandbox-api") || name.startsWith("lib/plugin-api"));
        }
        assertThat(BuiltSandboxes.all().all()).extracting(SandboxRegistry.LoadedSandbox::networkId)
                .containsExactlyInAnyOrderElementsOf(NETWORKS);
        assertThat(BuiltSandboxes.all().refused()).isEmpty();
    }

    @Test
    void aSandboxZipAmongThePluginsNeverLoadsAsAPlugin(@TempDir Path dir) throws IOException {
        Files.copy(BuiltSandboxes.DIR.resolve("goalpost-sandbox-facebook.zip"), dir.resolve("goalpost-sandbox-facebook.zip"));
        try (PluginRegistry registry = PluginRegistry.load(dir, DEV, null)) {
            assertThat(registry.networks()).isEmpty();
            assertThat(registry.plugins()).singleElement().satisfies(p -> {
                assertThat(p.state()).isEqualTo("REFUSED");
                assertThat(p.problem()).contains("exactly one NetworkAdapterFactory");
            });
        }
    }

    @Test
    void aTamperedOrUnsignedSandboxIsRefusedWithTheReasonAndTheOthersStillLoad(@TempDir Path dir, @TempDir Path work)
            throws IOException {
        byte[] instagram = Files.readAllBytes(BuiltSandboxes.DIR.resolve("goalpost-sandbox-instagram.zip"));
        Files.copy(BuiltSandboxes.DIR.resolve("goalpost-sandbox-facebook.zip"), dir.resolve("a-facebook.zip"));
        Files.write(dir.resolve("b-tampered.zip"), PluginZips.tampered(instagram));
        Files.write(dir.resolve("c-unsigned.zip"), PluginZips.rewrite(instagram, e -> { }, null));
        try (SandboxRegistry sandboxes = SandboxRegistry.load(dir, DEV, work)) {
            assertThat(sandboxes.all()).extracting(SandboxRegistry.LoadedSandbox::networkId).containsExactly("facebook");
            assertThat(sandboxes.refused()).hasSize(2);
            assertThat(sandboxes.refused().get(0)).startsWith("b-tampered.zip").contains("bad signature");
            assertThat(sandboxes.refused().get(1)).startsWith("c-unsigned.zip").contains("unsigned");
        }
    }

    private static List<Path> zips(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().toList();
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
