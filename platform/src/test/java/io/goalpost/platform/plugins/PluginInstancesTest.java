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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Two instances on one database converge on the plugin set whichever of them changes it. */
final class PluginInstancesTest {

    private static GoalpostServer instance(TestDatabase db) throws Exception {
        return GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-instance"), Optional.of(db.url()),
                PluginZips.BUILT, Set.of(), false, Duration.ofHours(6)));
    }

    private static String x(Http http) throws Exception {
        return new JsonArray(http.get("/api/plugins").body()).stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals("x") && !p.getString("state").equals("REFUSED"))
                .map(p -> p.getString("version") + " " + p.getString("state")).findFirst().orElse("absent");
    }

    private static List<String> networks(Http http) throws Exception {
        return new JsonArray(http.get("/api/networks").body()).stream().map(n -> ((JsonObject) n).getString("id")).toList();
    }

    private static <T> T eventually(Callable<T> read, T expected) throws Exception {
        return Eventually.until(read, expected::equals, Duration.ofSeconds(15));
    }

    @Test
    void anInstallDisableEnableAndUninstallOnOneInstanceReachesTheOther() throws Exception {
        try (TestDatabase db = new TestDatabase(); GoalpostServer a = instance(db); GoalpostServer b = instance(db)) {
            Http onA = Http.admin(a);
            Http onB = Http.admin(b);
            assertThat(x(onA)).isEqualTo(x(onB)).isEqualTo("0.1.0-SNAPSHOT STARTED");

            long started = System.nanoTime();
            assertThat(onA.postBytes("/api/plugins", "application/zip", PluginZips.version("x", "0.2.0")).status()).isEqualTo(201);
            assertThat(eventually(() -> x(onB), "0.2.0 STARTED")).isEqualTo("0.2.0 STARTED");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

            assertThat(onB.post("/api/plugins/x/disable", "").status()).isEqualTo(200);
            assertThat(eventually(() -> x(onA), "0.2.0 DISABLED")).isEqualTo("0.2.0 DISABLED");
            assertThat(networks(onA)).doesNotContain("x");

            assertThat(onA.post("/api/plugins/x/enable", "").status()).isEqualTo(200);
            assertThat(eventually(() -> x(onB), "0.2.0 STARTED")).isEqualTo("0.2.0 STARTED");

            assertThat(onA.delete("/api/plugins/x").status()).isEqualTo(200);
            assertThat(eventually(() -> x(onB), "absent")).isEqualTo("absent");
            assertThat(networks(onB)).doesNotContain("x").contains("facebook");
        }
    }

    @Test
    void anInstanceStartedLaterLoadsTheDesiredSetNotJustItsPluginsDirectory() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            try (GoalpostServer a = instance(db)) {
                Http onA = Http.admin(a);
                assertThat(onA.postBytes("/api/plugins", "application/zip", PluginZips.version("x", "0.2.0")).status()).isEqualTo(201);
                assertThat(onA.post("/api/plugins/tiktok/disable", "").status()).isEqualTo(200);
            }
            try (GoalpostServer later = instance(db)) {
                Http http = Http.admin(later);
                assertThat(x(http)).isEqualTo("0.2.0 STARTED");
                assertThat(networks(http)).doesNotContain("tiktok").contains("x", "facebook");
            }
        }
    }
}
