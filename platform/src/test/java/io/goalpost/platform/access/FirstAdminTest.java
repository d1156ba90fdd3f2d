package io.goalpost.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The first admin of a new server, through the one-time setup token printed at the first start or
 * through {@code GOALPOST_ADMIN_PASSWORD}; and a session that outlives a restart.
 */
class FirstAdminTest {

    private static final Path NO_PLUGINS = Path.of("target/no-plugins");
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theSetupTokenCreatesTheFirstAdminOnceAndTheirSessionSurvivesARestart() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            Path dataDir = Files.createTempDirectory("goalpost-setup");
            ServerConfig config = new ServerConfig(0, dataDir, Optional.of(db.url()), NO_PLUGINS, Set.of(), Duration.ofHours(6));
            String cookie;
            try (GoalpostServer server = GoalpostServer.start(config)) {
                Optional<String> link = server.prepareFirstAdmin(Optional.empty(), Optional.empty());
                assertThat(link).isPresent();
                String token = link.get().substring(link.get().indexOf("token=") + 6);
                assertThat(link.get()).startsWith("http://localhost:" + server.port() + "/#/setup?token=");
                Path file = dataDir.resolve("setup-token");
                assertThat(Files.readString(file)).isEqualTo(token);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

                HttpResponse<String> anonymous = send(server, "GET", "/api/session", null, null);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(new JsonObject(anonymous.body()).getBoolean("setup_required")).isTrue();
                assertThat(new JsonObject(anonymous.body()).getBoolean("demo")).isFalse();

                String body = "{\"setup_token\": \"%s\", \"username\": \"owner\", \"password\": \"a strong first password\"}";
                assertThat(send(server, "POST", "/api/setup", body.formatted("guessed"), null).statusCode()).isEqualTo(403);
                assertThat(db.count("SELECT count(*) FROM app_user")).isZero();
                HttpResponse<String> created = send(server, "POST", "/api/setup", body.formatted(token), null);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(new JsonObject(created.body()).getJsonObject("user").getString("role")).isEqualTo("admin");
                cookie = created.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
                assertThat(send(server, "POST", "/api/setup", body.formatted(token), null).statusCode()).as("only once")
                        .isEqualTo(409);
                assertThat(db.count("SELECT count(*) FROM setup_token")).isZero();
                assertThat(server.prepareFirstAdmin(Optional.empty(), Optional.empty())).as("users exist: no new token").isEmpty();
                assertThat(new JsonObject(send(server, "GET", "/api/session", null, null).body()).getBoolean("setup_required"))
                        .isFalse();
            }
            try (GoalpostServer again = GoalpostServer.start(config)) {
                HttpResponse<String> session = send(again, "GET", "/api/session", null, cookie);
                assertThat(session.statusCode()).as("the session outlives the restart").isEqualTo(200);
                assertThat(new JsonObject(session.body()).getJsonObject("user").getString("username")).isEqualTo("owner");
                assertThat(send(again, "GET", "/api/users", null, cookie).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void anAdminPasswordFromTheEnvironmentCreatesTheAdminWithoutASetupToken() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            Path dataDir = Files.createTempDirectory("goalpost-setup-env");
            try (GoalpostServer server = GoalpostServer.start(new ServerConfig(0, dataDir, Optional.of(db.url()), NO_PLUGINS,
                    Set.of(), Duration.ofHours(6)))) {
                assertThat(server.prepareFirstAdmin(Optional.of("ops"), Optional.of("from the environment"))).isEmpty();
                assertThat(Files.exists(dataDir.resolve("setup-token"))).isFalse();
                HttpResponse<String> in = send(server, "POST", "/api/session",
                        "{\"username\": \"ops\", \"password\": \"from the environment\"}", null);
                assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
                assertThat(new JsonObject(in.body()).getJsonObject("user").getString("role")).isEqualTo("admin");
                JsonObject audit = new JsonObject(Http.admin(server).get("/api/audit?action=setup.").body());
                assertThat(audit.getJsonArray("events").getJsonObject(0).getString("via")).isEqualTo("system");
            }
        }
    }

    @Test
    void twoInstancesOnOneDatabaseShareSessionsAndSignOut() throws Exception {
        try (TestDatabase db = new TestDatabase();
                GoalpostServer a = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-a"),
                        Optional.of(db.url()), NO_PLUGINS, Set.of(), Duration.ofHours(6)));
                GoalpostServer b = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-b"),
                        Optional.of(db.url()), NO_PLUGINS, Set.of(), Duration.ofHours(6)))) {
            assertThat(a.prepareFirstAdmin(Optional.of("lead"), Optional.of("shared by two instances"))).isEmpty();
            HttpResponse<String> in = send(a, "POST", "/api/session",
                    "{\"username\": \"lead\", \"password\": \"shared by two instances\"}", null);
            String cookie = in.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
            assertThat(send(b, "GET", "/api/session", null, cookie).statusCode()).as("signed in on a, known to b").isEqualTo(200);
            assertThat(send(b, "DELETE", "/api/session", null, cookie).statusCode()).isEqualTo(204);
            assertThat(send(a, "GET", "/api/session", null, cookie).statusCode()).as("signed out on b, ended on a").isEqualTo(401);
        }
    }

    private HttpResponse<String> send(GoalpostServer server, String method, String path, String json, String cookie)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
