package io.goalpost.platform.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/report-schedules} on a real server: who may do what, validation, send now and the runs list, the audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleApiTest {

    private TestDatabase db;
    private GoalpostServer server;
    private Http editor;
    private Http viewer;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-schedule-api"), Optional.of(db.url()),
                Path.of("target/no-plugins"), Set.of(), Duration.ofHours(6)));
        editor = new Http(server.port(), Http.token(server, Role.EDITOR));
        viewer = new Http(server.port(), Http.token(server, Role.VIEWER));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        db.close();
    }

    @Test
    void editorsScheduleViewersReadAndEveryChangeIsAudited() throws Exception {
        String body = new JsonObject().put("name", "Weekly summary").put("frequency", "weekly").put("weekday", 5).put("hour", 16)
                .put("recipients", new JsonArray().add(" boss@example.com ").add("boss@example.com").add("team@example.com")).encode();
        assertThat(viewer.post("/api/report-schedules", body).status()).isEqualTo(403);
        Http.Reply created = editor.post("/api/report-schedules", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject s = new JsonObject(created.body());
        assertThat(s.getJsonArray("recipients")).containsExactly("boss@example.com", "team@example.com");
        Instant next = Instant.parse(s.getString("next_run_at"));
        assertThat(next).isAfter(Instant.now());
        assertThat(next.atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
        assertThat(next.atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(16);
        long id = s.getLong("id");

        JsonObject list = new JsonObject(viewer.get("/api/report-schedules").body());
        assertThat(list.getJsonArray("schedules")).hasSize(1);

        Http.Reply sent = editor.post("/api/report-schedules/" + id + "/send", "{}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        JsonArray runs = new JsonObject(viewer.get("/api/report-schedules/" + id + "/runs").body()).getJsonArray("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.getJsonObject(0).getString("status")).isEqualTo("pending");
        assertThat(runs.getJsonObject(0).getBoolean("manual")).isTrue();

        Http.Reply changed = editor.put("/api/report-schedules/" + id, new JsonObject().put("name", "Monthly summary")
                .put("frequency", "monthly").put("recipients", new JsonArray().add("boss@example.com")).encode());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(new JsonObject(changed.body()).getString("frequency")).isEqualTo("monthly");
        assertThat(Instant.parse(new JsonObject(changed.body()).getString("next_run_at")).atZone(java.time.ZoneOffset.UTC).getDayOfMonth())
                .isEqualTo(1);
        assertThat(viewer.delete("/api/report-schedules/" + id).status()).isEqualTo(403);
        assertThat(editor.delete("/api/report-schedules/" + id).status()).isEqualTo(204);
        assertThat(editor.get("/api/report-schedules/" + id).status()).isEqualTo(404);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action LIKE 'report_schedule.%'")).isEqualTo(4);
    }

    @Test
    void aScheduleThatCannotWorkIsRefusedNamingTheField() throws Exception {
        Http.Reply bad = editor.post("/api/report-schedules", new JsonObject().put("name", "").put("frequency", "daily").put("hour", 24)
                .put("recipients", new JsonArray().add("not-an-address")).encode());
        assertThat(bad.status()).isEqualTo(400);
        JsonObject details = new JsonObject(bad.body()).getJsonObject("details");
        assertThat(details.fieldNames()).contains("name", "frequency", "hour", "recipients");
        Http.Reply none = editor.post("/api/report-schedules", new JsonObject().put("name", "x").put("frequency", "weekly")
                .put("recipients", new JsonArray()).encode());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("at least one email address");
    }
}
