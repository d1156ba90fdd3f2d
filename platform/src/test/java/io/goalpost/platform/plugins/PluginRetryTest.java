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
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * An instance that fails to apply a change of the desired plugin set retries it with back-off, and every
 * instance shows which one failed, why and when it tries again.
 */
final class PluginRetryTest {

    private static GoalpostServer instance(TestDatabase db, Path dataDir) throws Exception {
        return GoalpostServer.start(new ServerConfig(0, dataDir, Optional.of(db.url()), PluginZips.BUILT, Set.of(), false,
                Duration.ofHours(6)));
    }

    private static String x(Http http) throws Exception {
        return new JsonArray(http.get("/api/plugins").body()).stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals("x") && !p.getString("state").equals("REFUSED"))
                .map(p -> p.getString("version") + " " + p.getString("state")).findFirst().orElse("absent");
    }

    private static <T> T eventually(Callable<T> read, Predicate<T> done) throws Exception {
        return Eventually.until(read, done, Duration.ofSeconds(20));
    }

    @Test
    void theWaitDoublesFromTheReconcilePeriodUpToFiveMinutes() {
        assertThat(PluginOperations.retryAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(PluginOperations.retryAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(PluginOperations.retryAfter(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(PluginOperations.retryAfter(8)).isEqualTo(Duration.ofMinutes(4).plusSeconds(16));
        assertThat(PluginOperations.retryAfter(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(PluginOperations.retryAfter(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anUpgradeThatCannotBeUnpackedOnTheOtherInstanceIsRetriedAndShownUntilItSucceeds() throws Exception {
        Path dataB = Files.createTempDirectory("goalpost-retry");
        try (TestDatabase db = new TestDatabase(); GoalpostServer a = instance(db, Files.createTempDirectory("goalpost-retry"));
                GoalpostServer b = instance(db, dataB)) {
            Http onA = Http.admin(a);
            Http onB = Http.admin(b);
            assertThat(new JsonArray(onB.get("/api/plugins/pending").body())).isEmpty();
            // B cannot unpack plugins for a while: its work folder is a file (a full or read-only disk, say).
            Path work = dataB.resolve("plugins-unpacked");
            Path away = dataB.resolve("plugins-unpacked.away");
            Files.move(work, away);
            Files.writeString(work, "not a folder");
            JsonObject failed;
            try {
                assertThat(onA.postBytes("/api/plugins", "application/zip", PluginZips.version("x", "0.2.0")).status()).isEqualTo(201);
                JsonArray pending = eventually(() -> new JsonArray(onB.get("/api/plugins/pending").body()), p -> !p.isEmpty());
                assertThat(pending).as("B lists the change it could not apply").hasSize(1);
                failed = pending.getJsonObject(0);
                assertThat(failed.getString("id")).isEqualTo("x");
                assertThat(failed.getString("version")).isEqualTo("0.2.0");
                assertThat(failed.getString("error")).contains("could not unpack");
                assertThat(Duration.between(Instant.parse(failed.getString("failedAt")), Instant.parse(failed.getString("nextAttempt"))))
                        .isEqualTo(PluginOperations.retryAfter(failed.getInteger("attempts")));
                JsonObject health = new JsonObject(onB.get("/api/health").body()).getJsonArray("pendingPluginChanges").getJsonObject(0);
                assertThat(health.getString("id")).isEqualTo("x");
                assertThat(health.getString("nextAttempt")).isNotBlank();
                assertThat(health.containsKey("error")).as("anyone reads the health: no error text with server paths").isFalse();
                JsonArray seenFromA = new JsonArray(onA.get("/api/plugins/pending").body());
                assertThat(seenFromA).as("the instance that applied it lists the other's failure too").hasSize(1);
                assertThat(seenFromA.getJsonObject(0).getString("instance")).isEqualTo(failed.getString("instance"));
                assertThat(seenFromA.getJsonObject(0).getString("error")).contains("could not unpack");
                JsonArray retried = eventually(() -> new JsonArray(onB.get("/api/plugins/pending").body()),
                        p -> !p.isEmpty() && p.getJsonObject(0).getInteger("attempts") > failed.getInteger("attempts"));
                assertThat(retried.getJsonObject(0).getInteger("attempts")).as("tried again on its own, with no new change")
                        .isGreaterThan(failed.getInteger("attempts"));
                assertThat(x(onB)).isNotEqualTo("0.2.0 STARTED");
            } finally {
                Files.delete(work);
                Files.move(away, work);
            }
            assertThat(eventually(() -> x(onB), "0.2.0 STARTED"::equals)).as("B catches up once it can unpack again")
                    .isEqualTo("0.2.0 STARTED");
            assertThat(eventually(() -> new JsonArray(onB.get("/api/plugins/pending").body()), JsonArray::isEmpty)).isEmpty();
            assertThat(new JsonArray(onA.get("/api/plugins/pending").body())).isEmpty();
            assertThat(new JsonObject(onB.get("/api/health").body()).getJsonArray("pendingPluginChanges")).isEmpty();
            assertThat(new JsonArray(onB.get("/api/networks").body()).encode()).contains("\"id\":\"x\"");
        }
    }
}
