package io.goalpost.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Eventually;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused plugin files are kept in the database: every instance on it and a restarted server list
 * them in /api/health and /api/plugins until the file is removed or replaced.
 */
final class PluginRefusalsTest {

    private static GoalpostServer instance(TestDatabase db, Path pluginsDir) throws Exception {
        return GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-refusals"), Optional.of(db.url()),
                pluginsDir, Set.of(), false, Duration.ofHours(6)));
    }

    /** The refused files /api/health lists, as "file: reason". */
    private static List<String> refused(Http http) throws Exception {
        return new JsonObject(http.get("/api/health").body()).getJsonArray("refusedPlugins").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("state").equals("REFUSED"))
                .map(p -> p.getString("file") + ": " + p.getString("reason")).sorted().toList();
    }

    private static boolean listsFile(Http http, String file) throws Exception {
        return refused(http).stream().anyMatch(r -> r.startsWith(file + ": "))
                && new JsonArray(http.get("/api/plugins").body()).stream().map(JsonObject.class::cast)
                        .anyMatch(p -> p.getString("state").equals("REFUSED") && p.getString("file").equals(file));
    }

    private static boolean eventually(Callable<Boolean> condition) throws Exception {
        return Eventually.until(condition, Boolean::booleanValue, Duration.ofSeconds(15));
    }

    @Test
    void aRefusedUploadIsListedByTheOtherInstanceAndAfterARestartUntilAGoodVersionIsInstalled() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            try (GoalpostServer a = instance(db, PluginZips.BUILT); GoalpostServer b = instance(db, PluginZips.BUILT)) {
                Http onA = Http.admin(a);
                Http onB = Http.admin(b);
                assertThat(refused(onA)).isEmpty();
                Http.Reply tampered = onA.postBytes("/api/plugins?file=x-tampered.zip", "application/zip",
                        PluginZips.tampered(PluginZips.built("x")));
                assertThat(tampered.status()).isEqualTo(422);
                Http.Reply incompatible = onA.postBytes("/api/plugins?file=x-next.zip", "application/zip",
                        PluginZips.withProperties(PluginZips.built("x"), p -> p.replaceAll("plugin.requires=.*",
                                "plugin.requires=>=9.0.0"), PluginZips.devKey()));
                assertThat(incompatible.status()).isEqualTo(422);
                JsonObject audited = new JsonObject(onA.get("/api/audit?action=plugin.refused").body()).getJsonArray("events")
                        .getJsonObject(1);
                assertThat(audited.getJsonObject("target").getString("name")).as("the audit names the refused file")
                        .isEqualTo("x-tampered.zip");
                assertThat(audited.getJsonObject("details").getString("reason")).startsWith("bad signature");
                assertThat(eventually(() -> listsFile(onB, "x-tampered.zip") && listsFile(onB, "x-next.zip")))
                        .as("the other instance lists both within seconds: %s", refused(onB)).isTrue();
                assertThat(refused(onB)).anySatisfy(r -> assertThat(r).startsWith("x-tampered.zip: bad signature"))
                        .anySatisfy(r -> assertThat(r).startsWith("x-next.zip: requires plugin-api >=9.0.0"));
            }
            try (GoalpostServer restarted = instance(db, PluginZips.BUILT)) {
                Http http = Http.admin(restarted);
                assertThat(listsFile(http, "x-tampered.zip")).as("after a restart: %s", refused(http)).isTrue();
                assertThat(listsFile(http, "x-next.zip")).isTrue();
                assertThat(http.delete("/api/plugins/refused?file=x-next.zip").status()).as("an admin dismisses it").isEqualTo(200);
                assertThat(listsFile(http, "x-next.zip")).isFalse();
                assertThat(http.delete("/api/plugins/refused?file=x-next.zip").status()).isEqualTo(404);
                assertThat(listsFile(http, "x-tampered.zip")).isTrue();
                assertThat(http.postBytes("/api/plugins?file=x-0.2.0.zip", "application/zip", PluginZips.version("x", "0.2.0"))
                        .status()).isEqualTo(201);
                assertThat(refused(http)).as("a good version of x makes its refused uploads moot").isEmpty();
            }
            try (GoalpostServer again = instance(db, PluginZips.BUILT)) {
                assertThat(refused(Http.admin(again))).isEmpty();
            }
        }
    }

    @Test
    void aRefusedFileOfThePluginsDirectoryIsListedAfterARestartUntilItIsReplaced(@TempDir Path dir) throws Exception {
        Files.copy(PluginZips.BUILT.resolve("goalpost-plugin-x.zip"), dir.resolve("goalpost-plugin-x.zip"));
        Path pinterest = Files.write(dir.resolve("goalpost-plugin-pinterest.zip"), PluginZips.withProperties(
                PluginZips.built("pinterest"), p -> p, io.goalpost.plugin.signing.SigningKey.generate("someone else")));
        try (TestDatabase db = new TestDatabase()) {
            try (GoalpostServer a = instance(db, dir)) {
                assertThat(refused(Http.admin(a))).singleElement().asString()
                        .startsWith("goalpost-plugin-pinterest.zip: signed by an unknown key");
            }
            try (GoalpostServer restarted = instance(db, dir)) {
                Http http = Http.admin(restarted);
                assertThat(listsFile(http, "goalpost-plugin-pinterest.zip")).isTrue();
                Http.Reply dismiss = http.delete("/api/plugins/refused?file=goalpost-plugin-pinterest.zip");
                assertThat(dismiss.status()).as("a file of the plugins directory goes when the file goes").isEqualTo(409);
                assertThat(dismiss.body()).contains("is in the plugins directory");
                assertThat(listsFile(http, "goalpost-plugin-pinterest.zip")).isTrue();
            }
            Files.copy(PluginZips.BUILT.resolve("goalpost-plugin-pinterest.zip"), pinterest,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (GoalpostServer restarted = instance(db, dir)) {
                Http http = Http.admin(restarted);
                assertThat(refused(http)).as("the file was replaced by a good one: no longer refused").isEmpty();
                assertThat(http.get("/api/networks").body()).contains("\"id\":\"pinterest\"");
            }
        }
    }
}
