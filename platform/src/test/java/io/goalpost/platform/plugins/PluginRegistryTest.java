package io.goalpost.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the real plugin zips, and refusing broken, incompatible, unsigned, wrongly signed and
 * tampered files with the reason, without stopping.
 */
final class PluginRegistryTest {

    private static final Path BUILT = PluginZips.BUILT;
    private static final PluginTrust DEV = new PluginTrust(List.of(), false).withDevelopmentKey();

    @Test
    void loadsEveryBuiltPluginSignedByTheDevelopmentKey() {
        try (PluginRegistry registry = PluginRegistry.load(BUILT)) {
            assertThat(registry.networks()).extracting(d -> d.networkId())
                    .containsExactly("facebook", "instagram", "linkedin", "pinterest", "tiktok", "x");
            assertThat(registry.plugins()).allSatisfy(p -> {
                assertThat(p.state()).isEqualTo("STARTED");
                assertThat(p.publisher()).isEqualTo(PluginTrust.developmentKey().name());
                assertThat(p.keyId()).isEqualTo(PluginTrust.developmentKey().id());
            });
        }
    }

    @Test
    void withoutTheDevelopmentKeyTheBundledPluginsAreRefusedAsSignedByAnUnknownKey(@TempDir Path work) {
        try (PluginRegistry registry = PluginRegistry.load(BUILT, new PluginTrust(List.of(), false), work)) {
            assertThat(registry.networks()).isEmpty();
            assertThat(registry.plugins()).hasSize(6).allSatisfy(p -> {
                assertThat(p.state()).isEqualTo("REFUSED");
                assertThat(p.problem()).contains("unknown key " + PluginTrust.developmentKey().id());
            });
        }
    }

    @Test
    void refusesUnsignedWronglySignedTamperedIncompatibleDuplicateAndBrokenFilesWithTheReason(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("goalpost-plugin-facebook.zip"), PluginZips.built("facebook"));
        Files.writeString(dir.resolve("broken.zip"), "this is not a zip file");
        Files.write(dir.resolve("unsigned.zip"), PluginZips.rewrite(PluginZips.built("x"), e -> { }, null));
        SigningKey stranger = SigningKey.generate("stranger");
        Files.write(dir.resolve("stranger.zip"), PluginZips.rewrite(PluginZips.built("pinterest"), e -> { }, stranger));
        Files.write(dir.resolve("tampered.zip"), PluginZips.tampered(PluginZips.built("tiktok")));
        Files.write(dir.resolve("incompatible.zip"), PluginZips.withProperties(PluginZips.built("linkedin"),
                p -> p.replaceAll("plugin.requires=.*", "plugin.requires=>=3.0.0"), PluginZips.devKey()));
        Files.write(dir.resolve("zz-duplicate.zip"), PluginZips.withProperties(PluginZips.built("facebook"),
                p -> p.replaceAll("plugin.id=.*", "plugin.id=facebook-copy"), PluginZips.devKey()));

        try (PluginRegistry registry = PluginRegistry.load(dir, DEV, null)) {
            assertThat(registry.networks()).extracting(d -> d.networkId()).containsExactly("facebook");
            assertThat(problem(registry, "broken.zip")).contains("broken.zip").contains("broken zip");
            assertThat(problem(registry, "unsigned.zip")).contains("unsigned");
            assertThat(problem(registry, "stranger.zip")).contains("unknown key " + stranger.publicKey().id());
            assertThat(problem(registry, "tampered.zip")).contains("bad signature");
            assertThat(problem(registry, "incompatible.zip")).contains("requires plugin-api >=3.0.0")
                    .contains(io.goalpost.plugin.api.PluginApi.VERSION);
            assertThat(problem(registry, "zz-duplicate.zip")).contains("network 'facebook' is already provided by plugin facebook");
            assertThat(registry.plugins().stream().filter(p -> p.state().equals("REFUSED"))).hasSize(6);
        }
    }

    @Test
    void allowUnsignedLetsUnsignedPluginsInButNeverATamperedOne(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("unsigned.zip"), PluginZips.rewrite(PluginZips.built("x"), e -> { }, null));
        Files.write(dir.resolve("tampered.zip"), PluginZips.tampered(PluginZips.built("tiktok")));
        PluginTrust devAndUnsigned = new PluginTrust(DEV.keys(), true);
        try (PluginRegistry registry = PluginRegistry.load(dir, devAndUnsigned, null)) {
            assertThat(registry.networks()).extracting(d -> d.networkId()).containsExactly("x");
            assertThat(registry.plugins().stream().filter(p -> p.id().equals("x")).findFirst().orElseThrow().publisher())
                    .isEqualTo("unsigned");
            assertThat(problem(registry, "tampered.zip")).contains("bad signature");
        }
    }

    @Test
    void refusesAZipWhoseChecksumDoesNotMatch(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("goalpost-plugin-x.zip");
        Files.copy(BUILT.resolve("goalpost-plugin-x.zip"), zip);
        Files.writeString(dir.resolve("goalpost-plugin-x.zip.sha512"), "00".repeat(64));
        try (PluginRegistry registry = PluginRegistry.load(dir, DEV, null)) {
            assertThat(registry.networks()).isEmpty();
            assertThat(registry.plugins().get(0).problem()).contains("sha512 does not match");
        }
    }

    private static String problem(PluginRegistry registry, String file) {
        return registry.plugins().stream().filter(p -> p.file().endsWith(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + file + " in " + registry.plugins())).problem();
    }
}
