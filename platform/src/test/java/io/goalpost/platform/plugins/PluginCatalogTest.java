package io.goalpost.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugins.json catalog (pf4j-update's format) lists available plugins; installing from it checks its checksum and signature. */
final class PluginCatalogTest {

    @Test
    void listsCompatibleReleasesAndInstallsAnUpgradeButRefusesAWrongChecksumOrAnUnknownKey(@TempDir Path dir) throws Exception {
        byte[] x2 = PluginZips.version("x", "0.2.0");
        Files.write(dir.resolve("x-0.2.0.zip"), x2);
        Files.write(dir.resolve("tiktok-0.9.0.zip"), PluginZips.version("tiktok", "0.9.0"));
        Files.write(dir.resolve("pinterest-0.5.0.zip"), PluginZips.withProperties(PluginZips.built("pinterest"),
                p -> p.replaceAll("plugin.version=.*", "plugin.version=0.5.0"), io.goalpost.plugin.signing.SigningKey.generate("nobody")));
        JsonArray index = new JsonArray()
                .add(new JsonObject().put("id", "x").put("description", "X adapter").put("provider", "Goalpost").put("releases", new JsonArray()
                        .add(new JsonObject().put("version", "0.2.0").put("date", "2026-12-01").put("requires", ">=2.0.0 & <3.0.0")
                                .put("url", "x-0.2.0.zip").put("sha512sum", PluginPackage.sha512(x2)))
                        .add(new JsonObject().put("version", "3.0.0").put("requires", ">=3.0.0").put("url", "x-3.0.0.zip"))))
                .add(new JsonObject().put("id", "tiktok").put("releases", new JsonArray()
                        .add(new JsonObject().put("version", "0.9.0").put("url", "tiktok-0.9.0.zip").put("sha512sum", "00".repeat(64)))))
                .add(new JsonObject().put("id", "pinterest").put("releases", new JsonArray()
                        .add(new JsonObject().put("version", "0.5.0").put("url", "pinterest-0.5.0.zip"))));
        Files.writeString(dir.resolve("plugins.json"), index.encodePrettily());
        URI broken = dir.resolve("missing/plugins.json").toUri();

        Path data = Files.createTempDirectory("goalpost-catalog-test");
        PluginSettings settings = new PluginSettings(PluginTrust.load(data, List.of(), false),
                List.of(dir.resolve("plugins.json").toUri(), broken));
        try (TestDatabase db = new TestDatabase(); GoalpostServer server = GoalpostServer.start(new ServerConfig(0, data,
                Optional.of(db.url()), PluginZips.BUILT, Set.of(), false, Duration.ofHours(6)), null, settings)) {
            Http http = Http.admin(server);
            JsonObject available = new JsonObject(http.get("/api/plugins/available").body());
            JsonObject x = find(available.getJsonArray("plugins"), "x");
            assertThat(x.getString("version")).as("the newest release this host's plugin-api can run").isEqualTo("0.2.0");
            assertThat(x.getString("installed")).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(x.getBoolean("upgrade")).isTrue();
            assertThat(available.getJsonArray("problems").encode()).contains("missing");

            Http.Reply upgrade = http.post("/api/plugins/available/install", "{\"id\":\"x\",\"version\":\"0.2.0\"}");
            assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(201);
            assertThat(new JsonObject(upgrade.body()).getString("version")).isEqualTo("0.2.0");
            assertThat(find(new JsonObject(http.get("/api/plugins/available").body()).getJsonArray("plugins"), "x")
                    .getBoolean("upgrade")).isFalse();

            Http.Reply wrongChecksum = http.post("/api/plugins/available/install", "{\"id\":\"tiktok\",\"version\":\"0.9.0\"}");
            assertThat(wrongChecksum.status()).isEqualTo(422);
            assertThat(wrongChecksum.body()).contains("wrong checksum");
            Http.Reply unknownKey = http.post("/api/plugins/available/install", "{\"id\":\"pinterest\",\"version\":\"0.5.0\"}");
            assertThat(unknownKey.status()).isEqualTo(422);
            assertThat(unknownKey.body()).contains("unknown key");
            assertThat(http.post("/api/plugins/available/install", "{\"id\":\"x\",\"version\":\"9.9.9\"}").status()).isEqualTo(404);

            String plugins = http.get("/api/plugins").body();
            assertThat(plugins).contains("\"id\":\"tiktok\",\"version\":\"0.1.0-SNAPSHOT\"");
            assertThat(plugins).contains("tiktok-0.9.0.zip").contains("pinterest-0.5.0.zip");
        }
    }

    private static JsonObject find(JsonArray plugins, String id) {
        return plugins.stream().map(JsonObject.class::cast).filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
    }
}
