package io.goalpost.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the real plugin zips, and refusing broken or incompatible files without stopping. */
final class PluginRegistryTest {

    private static final Path BUILT = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));

    @Test
    void loadsEveryBuiltPluginWithItsSandbox() {
        try (PluginRegistry registry = PluginRegistry.load(BUILT)) {
            assertThat(registry.networks()).extracting(d -> d.networkId())
                    .containsExactly("facebook", "instagram", "linkedin", "pinterest", "tiktok", "x");
            assertThat(registry.loadedNetworks()).allSatisfy(n -> assertThat(n.sandbox()).isPresent());
            assertThat(registry.plugins()).allSatisfy(p -> assertThat(p.state()).isEqualTo("STARTED"));
        }
    }

    @Test
    void skipsBrokenAndIncompatiblePluginsWithAClearMessage(@TempDir Path dir) throws IOException {
        Files.copy(BUILT.resolve("goalpost-plugin-facebook.zip"), dir.resolve("goalpost-plugin-facebook.zip"));
        Files.writeString(dir.resolve("broken.zip"), "this is not a zip file");
        Path future = dir.resolve("goalpost-plugin-linkedin.zip");
        Files.copy(BUILT.resolve("goalpost-plugin-linkedin.zip"), future);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + future.toUri()), Map.of())) {
            Path props = zip.getPath("plugin.properties");
            Files.writeString(props, Files.readString(props).replaceAll("plugin.requires=.*", "plugin.requires=>=2.0.0"));
        }

        try (PluginRegistry registry = PluginRegistry.load(dir)) {
            assertThat(registry.networks()).extracting(d -> d.networkId()).containsExactly("facebook");
            PluginInfo broken = registry.plugins().stream().filter(p -> p.id().equals("broken.zip")).findFirst().orElseThrow();
            assertThat(broken.state()).isEqualTo("FAILED");
            assertThat(broken.problem()).contains("broken.zip");
            PluginInfo incompatible = registry.plugins().stream().filter(p -> p.id().equals("linkedin")).findFirst().orElseThrow();
            assertThat(incompatible.state()).isEqualTo("FAILED");
            assertThat(incompatible.problem()).contains("requires plugin-api >=2.0.0").contains(io.goalpost.plugin.api.PluginApi.VERSION);
        }
    }

    @Test
    void refusesAZipWhoseChecksumDoesNotMatch(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("goalpost-plugin-x.zip");
        Files.copy(BUILT.resolve("goalpost-plugin-x.zip"), zip);
        Files.writeString(dir.resolve("goalpost-plugin-x.zip.sha512"), "00".repeat(64));
        try (PluginRegistry registry = PluginRegistry.load(dir)) {
            assertThat(registry.networks()).isEmpty();
            assertThat(registry.plugins().get(0).problem()).contains("sha512 does not match");
        }
    }
}
