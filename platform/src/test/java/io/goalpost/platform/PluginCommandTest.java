package io.goalpost.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.plugins.PluginPackage;
import io.goalpost.platform.plugins.PluginTrust;
import io.goalpost.platform.plugins.PluginZips;
import io.goalpost.plugin.signing.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A publisher makes a key with 'goalpost plugin keygen' and signs with 'goalpost plugin sign'; a server trusting the .pub loads the zip. */
final class PluginCommandTest {

    @Test
    void keygenThenSignMakesAZipThatAServerTrustingThePublicKeyAccepts(@TempDir Path dir) throws Exception {
        assertThat(new CommandLine(new Main()).execute("plugin", "keygen", "acme-plugins", "--out", dir.toString())).isZero();
        Path key = dir.resolve("acme-plugins.key");
        Path pub = dir.resolve("acme-plugins.pub");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(pub)).contains("BEGIN PUBLIC KEY").doesNotContain("PRIVATE");
        assertThat(new CommandLine(new Main()).execute("plugin", "keygen", "acme-plugins", "--out", dir.toString()))
                .as("an existing key is never overwritten").isEqualTo(2);

        Path zip = Files.write(dir.resolve("goalpost-plugin-x.zip"), PluginZips.rewrite(PluginZips.built("x"), e -> { }, null));
        Files.writeString(dir.resolve("goalpost-plugin-x.zip.sha512"), "stale");
        assertThat(new CommandLine(new Main()).execute("plugin", "sign", key.toString(), zip.toString())).isZero();

        PluginTrust trust = new PluginTrust(List.of(TrustedKey.read(pub)), false);
        PluginPackage pkg = PluginPackage.inspect(Files.readAllBytes(zip), "goalpost-plugin-x.zip", trust);
        assertThat(pkg.publisher()).isEqualTo("acme-plugins");
        assertThat(Files.readString(dir.resolve("goalpost-plugin-x.zip.sha512")).strip()).isEqualTo(pkg.sha512());
    }
}
