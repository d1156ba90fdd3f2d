package io.goalpost.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting again on the same database (a server or the embedded one) keeps every account and point. */
final class RestartTest {

    @Test
    void restartKeepsAccountsAndPoints(@TempDir Path dataDir) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            ServerConfig config = new ServerConfig(0, dataDir, Optional.of(db.url()), Path.of("target/no-plugins"),
                    Set.of(), false, Duration.ofHours(6));
            try (GoalpostServer first = GoalpostServer.start(config)) {
                Http http = Http.admin(first);
                assertThat(http.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Website\"}").status()).isEqualTo(201);
                try (var c = db.connect(); var st = c.createStatement()) {
                    st.execute("INSERT INTO metric_point (account_id, metric, day, value) SELECT 1, 'web_sessions', d::date, 100 "
                            + "FROM generate_series('2026-01-01'::date, '2026-03-31'::date, '1 day') d");
                }
            }
            try (GoalpostServer second = GoalpostServer.start(config)) {
                JsonArray accounts = new JsonArray(Http.admin(second).get("/api/accounts").body());
                assertThat(accounts).hasSize(1);
                assertThat(accounts.getJsonObject(0).getString("name")).isEqualTo("Website");
                assertThat(db.count("SELECT count(*) FROM metric_point")).isEqualTo(90);
            }
        }
    }

    @Test
    void withoutADatabaseUrlTheEmbeddedPostgresKeepsDataInTheDataDirectory(@TempDir Path dataDir) throws Exception {
        ServerConfig config = new ServerConfig(0, dataDir, Optional.empty(), Path.of("target/no-plugins"), Set.of(),
                false, Duration.ofHours(6));
        try (GoalpostServer first = GoalpostServer.start(config)) {
            Http http = Http.admin(first);
            Http.Reply created = http.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Website\"}");
            assertThat(created.status()).isEqualTo(201);
            long id = new JsonObject(created.body()).getLong("id");
            Http.Reply imported = http.post("/api/accounts/" + id + "/metrics", "{\"points\": ["
                    + "{\"day\": \"2026-01-05\", \"metric\": \"web_sessions\", \"value\": 1200},"
                    + "{\"day\": \"2026-01-06\", \"metric\": \"web_sessions\", \"value\": 1300}]}");
            assertThat(imported.status()).isEqualTo(200);
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        try (GoalpostServer second = GoalpostServer.start(config)) {
            Http http = Http.admin(second);
            JsonArray accounts = new JsonArray(http.get("/api/accounts").body());
            assertThat(accounts).hasSize(1);
            long id = accounts.getJsonObject(0).getLong("id");
            JsonObject series = new JsonObject(http.get("/api/accounts/" + id + "/metrics?from=2026-01-01&to=2026-01-31").body())
                    .getJsonObject("series");
            assertThat(series.getJsonArray("web_sessions")).hasSize(2);
            assertThat(series.getJsonArray("web_sessions").getJsonObject(1).getDouble("value")).isEqualTo(1300.0);
            assertThat(series.getJsonArray("web_sessions").getJsonObject(1).getString("source")).isEqualTo("manual");
            JsonObject oneDay = new JsonObject(http.get("/api/accounts/" + id
                    + "/metrics?metric=web_sessions&from=2026-01-05&to=2026-01-05").body()).getJsonObject("series");
            assertThat(oneDay.getJsonArray("web_sessions")).hasSize(1);
            assertThat(oneDay.getJsonArray("web_sessions").getJsonObject(0).getDouble("value")).isEqualTo(1200.0);
        }
    }
}
