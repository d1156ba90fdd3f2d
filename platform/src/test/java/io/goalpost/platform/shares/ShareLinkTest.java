package io.goalpost.platform.shares;

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
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Share links on a real server: a link shows exactly what was shared (the dashboard of its range, or
 * its goal) without sign-in, the same numbers as the signed-in API, and nothing else; revoked,
 * expired, unknown and mistyped links all answer the same 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShareLinkTest {

    private TestDatabase db;
    private GoalpostServer server;
    private Http editor;
    private Http anonymous;
    private long goalId;
    private long account;
    private final LocalDate today = LocalDate.now();

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-share"), Optional.of(db.url()),
                Path.of("target/no-plugins"), Set.of(), Duration.ofHours(6)));
        editor = new Http(server.port(), Http.token(server, Role.EDITOR));
        anonymous = new Http(server.port());
        account = new JsonObject(editor.post("/api/accounts", "{\"network\": \"manual\", \"name\": \"Shop\"}").body())
                .getLong("id");
        StringBuilder csv = new StringBuilder("day,metric,value\n");
        for (int i = 60; i >= 1; i--) {
            csv.append(today.minusDays(i)).append(",web_sessions,").append(100 + i).append('\n');
        }
        Http.Reply imported = editor.postText("/api/accounts/" + account + "/metrics/csv", "text/csv", csv.toString());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        Http.Reply goal = editor.post("/api/goals", new JsonObject().put("title", "More shop visits").put("objective", "website_traffic")
                .put("kpi", "web_sessions").put("scope", new JsonObject().put("accounts", new JsonArray().add(account)))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                .put("start", today.minusDays(20).toString()).put("deadline", today.plusDays(60).toString()).encode());
        assertThat(goal.status()).as(goal.body()).isEqualTo(201);
        goalId = new JsonObject(goal.body()).getLong("id");
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
    void aDashboardLinkShowsItsRangeWithoutSignInAndNothingElse() throws Exception {
        LocalDate from = today.minusDays(27);
        Http.Reply made = editor.post("/api/shares", "{\"kind\": \"dashboard\", \"from\": \"" + from + "\", \"to\": \"" + today + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonObject share = new JsonObject(made.body());
        String token = share.getString("token");
        assertThat(share.getString("path")).isEqualTo("#/shared/" + token);
        assertThat(new JsonArray(editor.get("/api/shares").body()).encode()).doesNotContain(token);

        JsonObject about = new JsonObject(anonymous.get("/api/shared/" + token).body());
        assertThat(about.getString("kind")).isEqualTo("dashboard");
        assertThat(about.getString("from")).isEqualTo(from.toString());
        assertThat(about.containsKey("created_by")).isFalse();
        Http.Reply shared = anonymous.get("/api/shared/" + token + "/dashboard");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        // The signed-in dashboard also names the accounts still backfilling; a share link leaves them out.
        JsonObject signedIn = new JsonObject(editor.get("/api/dashboard?from=" + from + "&to=" + today).body());
        assertThat(signedIn.remove("accounts_backfilling")).isNotNull();
        assertThat(new JsonObject(shared.body())).isEqualTo(signedIn);
        // A KPI series over the shared range, whatever range the query asks for.
        JsonObject kpi = new JsonObject(anonymous.get("/api/shared/" + token + "/kpis/web_sessions?from=2000-01-01&to=2030-01-01"
                + "&granularity=week").body());
        assertThat(kpi.getString("from")).isEqualTo(from.toString());
        assertThat(kpi.getString("to")).isEqualTo(today.toString());
        assertThat(kpi.getJsonObject("total").getDouble("value")).isPositive();
        assertThat(anonymous.get("/api/shared/" + token + "/kpis").status()).isEqualTo(200);

        // Nothing else: not the goal routes of a share, not the API.
        assertThat(anonymous.get("/api/shared/" + token + "/goal").status()).isEqualTo(404);
        for (String other : new String[] {"/api/goals", "/api/accounts", "/api/dashboard", "/api/goals/" + goalId}) {
            assertThat(anonymous.get(other).status()).as(other).isEqualTo(401);
        }
        Http.Reply revoked = editor.delete("/api/shares/" + share.getLong("id"));
        assertThat(revoked.status()).isEqualTo(204);
        Http.Reply gone = anonymous.get("/api/shared/" + token + "/dashboard");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo(anonymous.get("/api/shared/not-a-real-token/dashboard").body());
        assertThat(new JsonObject(gone.body()).getString("error")).isEqualTo("this link does not exist or has expired");
    }

    @Test
    void aGoalLinkShowsThatGoalUntilItExpiresOrTheGoalIsDeleted() throws Exception {
        Http.Reply made = editor.post("/api/shares", "{\"kind\": \"goal\", \"goal_id\": " + goalId + ", \"expires_at\": \""
                + today.plusDays(7) + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonObject share = new JsonObject(made.body());
        String token = share.getString("token");
        assertThat(share.getJsonObject("goal").getString("name")).isEqualTo("More shop visits");
        assertThat(share.getString("expires_at")).isEqualTo(today.plusDays(8) + "T00:00:00Z");

        Http.Reply goal = anonymous.get("/api/shared/" + token + "/goal");
        assertThat(goal.status()).as(goal.body()).isEqualTo(200);
        assertThat(new JsonObject(goal.body())).isEqualTo(new JsonObject(editor.get("/api/goals/" + goalId).body()));
        assertThat(new JsonObject(anonymous.get("/api/shared/" + token + "/goal/series").body()))
                .isEqualTo(new JsonObject(editor.get("/api/goals/" + goalId + "/series").body()));
        assertThat(anonymous.get("/api/shared/" + token + "/dashboard").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/shared/" + token + "/kpis/web_sessions").status()).isEqualTo(404);

        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("UPDATE share_link SET expires_at = now() - interval '1 second' WHERE id = " + share.getLong("id"));
        }
        assertThat(anonymous.get("/api/shared/" + token + "/goal").status()).as("expired").isEqualTo(404);

        Http.Reply second = editor.post("/api/shares", "{\"kind\": \"goal\", \"goal_id\": " + goalId + "}");
        String other = new JsonObject(second.body()).getString("token");
        assertThat(anonymous.get("/api/shared/" + other + "/goal").status()).isEqualTo(200);
        assertThat(editor.post("/api/shares", "{\"kind\": \"goal\", \"goal_id\": 987654}").status()).isEqualTo(404);
        assertThat(editor.post("/api/shares", "{\"kind\": \"goal\", \"goal_id\": " + goalId + ", \"expires_at\": \"2001-01-01\"}")
                .status()).isEqualTo(400);
        assertThat(editor.post("/api/shares", "{\"kind\": \"report\"}").status()).isEqualTo(400);
        JsonArray audit = new JsonObject(Http.admin(server).get("/api/audit?action=share.").body()).getJsonArray("events");
        assertThat(audit.encode()).doesNotContain(other).contains("share.created");
        assertThat(editor.delete("/api/goals/" + goalId).status()).isEqualTo(204);
        assertThat(anonymous.get("/api/shared/" + other + "/goal").status()).as("the goal is gone").isEqualTo(404);
    }

    @Test
    void aSharedViewGetsTheNotesItsChartsMarkWithoutWhoWroteThem() throws Exception {
        Http.Reply g = editor.post("/api/goals", new JsonObject().put("title", "Noted goal").put("objective", "website_traffic")
                .put("kpi", "web_sessions").put("scope", new JsonObject().put("accounts", new JsonArray().add(account)))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                .put("start", today.minusDays(20).toString()).put("deadline", today.plusDays(60).toString()).encode());
        assertThat(g.status()).as(g.body()).isEqualTo(201);
        long noted = new JsonObject(g.body()).getLong("id");
        for (JsonObject n : new JsonObject[] {
                new JsonObject().put("day", today.minusDays(3).toString()).put("text", "Spring campaign starts"),
                new JsonObject().put("day", today.minusDays(2).toString()).put("text", "Only on the noted goal").put("goal_id", noted),
                new JsonObject().put("day", today.minusDays(200).toString()).put("text", "Long before the range")}) {
            assertThat(editor.post("/api/annotations", n.encode()).status()).isEqualTo(201);
        }
        String dash = new JsonObject(editor.post("/api/shares", "{\"kind\": \"dashboard\", \"from\": \"" + today.minusDays(27)
                + "\", \"to\": \"" + today + "\"}").body()).getString("token");
        Http.Reply d = anonymous.get("/api/shared/" + dash + "/annotations");
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        JsonArray onDashboard = new JsonObject(d.body()).getJsonArray("annotations");
        assertThat(onDashboard.stream().map(o -> ((JsonObject) o).getString("text"))).containsExactly("Spring campaign starts");
        assertThat(onDashboard.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("day", "text");

        String goal = new JsonObject(editor.post("/api/shares", "{\"kind\": \"goal\", \"goal_id\": " + noted + "}").body()).getString("token");
        JsonArray onGoal = new JsonObject(anonymous.get("/api/shared/" + goal + "/annotations").body()).getJsonArray("annotations");
        assertThat(onGoal.stream().map(o -> ((JsonObject) o).getString("text")))
                .containsExactly("Long before the range", "Spring campaign starts", "Only on the noted goal");
        assertThat(onGoal.encode()).doesNotContain("created_by");
        assertThat(anonymous.get("/api/shared/not-a-real-token/annotations").status()).isEqualTo(404);
    }
}
