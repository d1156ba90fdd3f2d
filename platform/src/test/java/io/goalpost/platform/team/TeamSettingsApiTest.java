package io.goalpost.platform.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET/PUT /api/settings/team}: the team's time zone (UTC until an admin sets one; region names
 * only, refused in words otherwise; audited) and the server's today, which every page of the web UI uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamSettingsApiTest {

    private TestDatabase db;
    private GoalpostServer server;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-team"), Optional.of(db.url()),
                Path.of("target/no-plugins"), Set.of(), Duration.ofHours(6)));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aViewerReadsTheZoneAndTodayAnAdminSetsItAndBadZonesAreRefusedInWords() throws Exception {
        Http admin = new Http(server.port(), Http.token(server, Role.ADMIN));
        Http viewer = new Http(server.port(), Http.token(server, Role.VIEWER));
        Http editor = new Http(server.port(), Http.token(server, Role.EDITOR));
        Http.Reply r = viewer.get("/api/settings/team");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject s = new JsonObject(r.body());
        assertThat(s.getString("time_zone")).isEqualTo("UTC");
        assertThat(LocalDate.parse(s.getString("today"))).isBetween(LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC).plusDays(1));

        assertThat(editor.put("/api/settings/team", "{\"time_zone\":\"Europe/Berlin\"}").status()).isEqualTo(403);
        Http.Reply bad = admin.put("/api/settings/team", "{\"time_zone\":\"+02:00\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getJsonObject("details").getString("time_zone")).contains("not a time zone name");
        assertThat(admin.put("/api/settings/team", "{\"time_zone\":\"Mars/Olympus\"}").status()).isEqualTo(400);

        Http.Reply ok = admin.put("/api/settings/team", "{\"time_zone\":\"Europe/Berlin\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(new JsonObject(viewer.get("/api/settings/team").body()).getString("time_zone")).isEqualTo("Europe/Berlin");
        JsonObject audit = new JsonObject(admin.get("/api/audit?action=settings.team").body());
        assertThat(audit.getJsonArray("events").getJsonObject(0).getString("action")).isEqualTo("settings.team_updated");
    }
}
