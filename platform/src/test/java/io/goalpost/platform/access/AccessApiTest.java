package io.goalpost.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and trust against a real server on PostgreSQL (platform/API-access.md): every route of the
 * route table refuses anonymous requests (401) and roles below its own (403); sessions, CSRF, API
 * tokens, the sign-in lockout, user administration and the audit log; and no password, session id or
 * token in any answer, audit entry or log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessApiTest {

    private static final Path NO_PLUGINS = Path.of("target/no-plugins");
    private static final String PASSWORD = "correct horse battery";

    private TestDatabase db;
    private GoalpostServer server;
    private Http admin;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    /** Every secret the tests handle, to look for where it must not be. */
    private final List<String> secrets = new ArrayList<>(List.of(PASSWORD));

    @BeforeAll
    void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-access"), Optional.of(db.url()),
                NO_PLUGINS, Set.of(), Duration.ofHours(6)));
        String adminToken = Http.token(server, Role.ADMIN);
        secrets.add(adminToken);
        admin = new Http(server.port(), adminToken);
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    // ---- every route ----

    @Test
    void everyRouteAnswers401AnonymousAnd403ToARoleBelowItsOwn() throws Exception {
        List<ApiRoutes.Route> routes = server.routes();
        Set<String> open = routes.stream().filter(r -> r.access() == Access.ANYONE).map(AccessApiTest::name)
                .collect(Collectors.toSet());
        assertThat(open).as("the routes anyone may call").containsExactlyInAnyOrder("GET /health", "GET /session",
                "POST /session", "DELETE /session", "POST /setup", "GET /shared/:token", "GET /shared/:token/kpis",
                "GET /shared/:token/kpis/:id", "GET /shared/:token/dashboard", "GET /shared/:token/goal",
                "GET /shared/:token/goal/series", "GET /oauth/:network/callback");
        assertThat(routes.stream().filter(r -> r.access() == Access.ADMIN).map(AccessApiTest::name))
                .contains("GET /users", "POST /users", "PUT /users/:id", "DELETE /users/:id", "GET /audit",
                        "GET /settings/networks", "PUT /settings/networks/:network", "DELETE /settings/networks/:network",
                        "GET /settings/smtp", "PUT /settings/smtp");
        assertThat(routes.stream().filter(r -> r.access() == Access.EDITOR).map(AccessApiTest::name))
                .contains("POST /accounts", "DELETE /accounts/:id", "POST /goals", "PUT /goals/:id", "DELETE /goals/:id",
                        "POST /accounts/:id/metrics/csv", "POST /goals/:id/tactics", "GET /oauth/:network/start",
                        "GET /oauth/:network/accounts", "POST /oauth/:network/connect", "POST /notification-channels",
                        "PUT /notification-channels/:id", "DELETE /notification-channels/:id", "PUT /notification-rules");

        String viewer = Http.token(server, Role.VIEWER);
        String editor = Http.token(server, Role.EDITOR);
        Map<Access, String> below = Map.of(Access.EDITOR, viewer, Access.ADMIN, editor);
        long goals = db.count("SELECT count(*) FROM goal");
        long accounts = db.count("SELECT count(*) FROM account");
        int checked = 0;
        for (ApiRoutes.Route r : routes) {
            if (r.access() == Access.ANYONE) {
                continue;
            }
            String path = "/api" + r.path().replaceAll(":[A-Za-z]+", "1");
            Reply anonymous = send(r.method().name(), path, null, Map.of());
            assertThat(anonymous.status()).as(name(r) + " anonymous: " + anonymous.body()).isEqualTo(401);
            assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("sign in required");
            String lower = below.get(r.access());
            if (lower != null) {
                Reply refused = send(r.method().name(), path, "{}", Map.of("Authorization", "Bearer " + lower));
                assertThat(refused.status()).as(name(r) + " with a role below " + r.access()).isEqualTo(403);
                assertThat(new JsonObject(refused.body()).getString("error")).contains("needs the " + r.access().name().toLowerCase());
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(25);
        assertThat(db.count("SELECT count(*) FROM goal")).isEqualTo(goals);
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(accounts);
        // Unknown paths do not reveal themselves to strangers either.
        assertThat(send("GET", "/api/no-such-thing", null, Map.of()).status()).isEqualTo(401);
        assertThat(send("GET", "/api/health", null, Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", "/", null, Map.of()).status()).as("the web UI's files").isEqualTo(200);
    }

    // ---- sessions and CSRF ----

    @Test
    void signInGivesAStrictHttpOnlyCookieWhoseChangesMustProveTheyComeFromOurPage() throws Exception {
        user("casey", Role.EDITOR);
        Reply wrong = signIn("casey", "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("wrong username or password");
        assertThat(signIn("nobody-here", PASSWORD).body()).isEqualTo(wrong.body());

        Reply ok = signIn("Casey", PASSWORD);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        String setCookie = ok.header("set-cookie");
        assertThat(setCookie).startsWith(Sessions.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
        String cookie = cookie(ok);
        secrets.add(cookie.substring(cookie.indexOf('=') + 1));
        JsonObject session = new JsonObject(ok.body());
        assertThat(session.getJsonObject("user").getString("username")).isEqualTo("casey");
        assertThat(session.getJsonObject("user").getString("role")).isEqualTo("editor");
        String csrf = session.getString("csrf_token");
        assertThat(csrf).hasSizeGreaterThan(30);
        assertThat(new JsonObject(send("GET", "/api/session", null, Map.of("Cookie", cookie)).body()).getString("csrf_token"))
                .isEqualTo(csrf);

        String account = "{\"network\": \"manual\", \"name\": \"Forged\"}";
        long before = db.count("SELECT count(*) FROM account");
        Map<String, Map<String, String>> forged = Map.of(
                "no CSRF header", Map.of("Cookie", cookie, "Content-Type", "application/json"),
                "another session's token", Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", "x" + csrf),
                "another origin", Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf,
                        "Origin", "https://evil.example"),
                "a cross-site fetch", Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf,
                        "Sec-Fetch-Site", "cross-site"),
                "a text/plain form post", Map.of("Cookie", cookie, "Content-Type", "text/plain", "Origin", "https://evil.example"));
        for (Map.Entry<String, Map<String, String>> e : forged.entrySet()) {
            Reply r = send("POST", "/api/accounts", account, e.getValue());
            assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(403);
            assertThat(new JsonObject(r.body()).getString("error")).startsWith("cross-site request refused");
        }
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before);

        Reply created = send("POST", "/api/accounts", account, Map.of("Cookie", cookie, "Content-Type", "application/json",
                "X-CSRF-Token", csrf, "Origin", "http://127.0.0.1:" + server.port(), "Sec-Fetch-Site", "same-origin"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // Reading needs no CSRF proof.
        assertThat(send("GET", "/api/accounts", null, Map.of("Cookie", cookie)).status()).isEqualTo(200);

        Reply out = send("DELETE", "/api/session", null, Map.of("Cookie", cookie));
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("set-cookie")).contains("Max-Age=0");
        assertThat(send("GET", "/api/accounts", null, Map.of("Cookie", cookie)).status()).as("the session ended").isEqualTo(401);
        assertThat(db.count("SELECT count(*) FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'casey'"))
                .isZero();
    }

    @Test
    void aSessionEndsWhenIdleTooLongAndDoesNotStoreTheCookie() throws Exception {
        user("idler", Role.VIEWER);
        String cookie = cookie(signIn("idler", PASSWORD));
        String value = cookie.substring(cookie.indexOf('=') + 1);
        // Stored as its SHA-256 only.
        assertThat(db.count("SELECT count(*) FROM user_session WHERE id_hash = sha256(convert_to('" + value + "', 'UTF8'))"))
                .isEqualTo(1);
        assertThat(send("GET", "/api/goals", null, Map.of("Cookie", cookie)).status()).isEqualTo(200);
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("UPDATE user_session SET last_seen_at = now() - interval '8 days' FROM app_user u "
                    + "WHERE u.id = user_session.user_id AND u.username = 'idler'");
        }
        assertThat(send("GET", "/api/goals", null, Map.of("Cookie", cookie)).status()).isEqualTo(401);
    }

    @Test
    void fiveFailuresLockTheUserEvenWithTheRightPasswordButNotOthers() throws Exception {
        user("target", Role.VIEWER);
        user("bystander", Role.VIEWER);
        for (int i = 0; i < SignInLimiter.PER_USER; i++) {
            assertThat(signIn("target", "guess number " + i).status()).isEqualTo(401);
        }
        Reply locked = signIn("TARGET", PASSWORD);
        assertThat(locked.status()).as(locked.body()).isEqualTo(429);
        JsonObject body = new JsonObject(locked.body());
        assertThat(body.getString("error")).contains("too many failed sign-ins for this user").contains("15 minutes");
        long retry = Long.parseLong(locked.header("retry-after"));
        assertThat(retry).isBetween(1L, SignInLimiter.WINDOW.toSeconds());
        assertThat(body.getJsonObject("details").getLong("retry_after_seconds")).isEqualTo(retry);
        assertThat(signIn("bystander", PASSWORD).status()).as("another user signs in").isEqualTo(200);

        // When the failures are older than the window, the right password works again.
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("UPDATE sign_in_failure SET at = at - interval '16 minutes' WHERE username = 'target'");
        }
        assertThat(signIn("target", PASSWORD).status()).isEqualTo(200);
        JsonArray failures = new JsonObject(admin.get("/api/audit?action=session.sign_in_failed&limit=50").body())
                .getJsonArray("events");
        assertThat(failures.stream().map(o -> (JsonObject) o)
                .filter(e -> e.getJsonObject("target") != null && "target".equals(e.getJsonObject("target").getString("name"))))
                .hasSize(SignInLimiter.PER_USER);
    }

    // ---- API tokens ----

    @Test
    void anApiTokenIsShownOnceActsWithItsRoleAndStopsWhenRevokedExpiredOrItsUserDisabled() throws Exception {
        User owner = user("scripter", Role.EDITOR);
        Http asOwner = new Http(server.port(), Http.token(server, Role.EDITOR));
        Reply tooHigh = reply(asOwner.post("/api/tokens", "{\"name\": \"x\", \"role\": \"admin\"}"));
        assertThat(tooHigh.status()).isEqualTo(403);
        Reply forOther = reply(asOwner.post("/api/tokens", "{\"name\": \"x\", \"user_id\": " + owner.id() + "}"));
        assertThat(forOther.status()).as("only admins make tokens for others").isEqualTo(403);

        Reply made = reply(admin.post("/api/tokens", "{\"name\": \"nightly export\", \"role\": \"viewer\", \"user_id\": "
                + owner.id() + ", \"expires_at\": \"" + LocalDate.now().plusDays(30) + "\"}"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        JsonObject token = new JsonObject(made.body());
        String value = token.getString("token");
        secrets.add(value);
        assertThat(value).startsWith("gp_").hasSizeGreaterThan(40);
        assertThat(token.getString("role")).isEqualTo("viewer");
        assertThat(token.getJsonObject("user").getString("username")).isEqualTo("scripter");
        assertThat(db.count("SELECT count(*) FROM api_token WHERE token_hash = sha256(convert_to('" + value + "', 'UTF8'))"))
                .as("stored as its SHA-256 only").isEqualTo(1);

        Http script = new Http(server.port(), value);
        assertThat(script.get("/api/goals").status()).isEqualTo(200);
        assertThat(script.post("/api/goals", "{}").status()).as("a viewer token cannot write").isEqualTo(403);
        assertThat(new JsonObject(script.get("/api/session").body()).getString("via")).isEqualTo("token");

        JsonArray listed = new JsonArray(admin.get("/api/tokens?all=true").body());
        JsonObject shown = listed.stream().map(o -> (JsonObject) o).filter(t -> t.getLong("id").equals(token.getLong("id")))
                .findFirst().orElseThrow();
        assertThat(shown.containsKey("token")).as("the value is shown only once").isFalse();
        assertThat(shown.getString("last_used_at")).as("its use is noted").isNotNull();
        assertThat(new JsonArray(script.get("/api/tokens").body()).size()).as("a user sees their own tokens").isEqualTo(1);
        assertThat(script.get("/api/tokens?all=true").status()).isEqualTo(403);

        // The user's role caps the token's: an editor demoted to viewer keeps no editor token.
        Reply editorToken = reply(admin.post("/api/tokens", "{\"name\": \"editing\", \"user_id\": " + owner.id() + "}"));
        String editing = new JsonObject(editorToken.body()).getString("token");
        secrets.add(editing);
        assertThat(new Http(server.port(), editing).post("/api/accounts", "{\"network\": \"manual\", \"name\": \"By script\"}")
                .status()).isEqualTo(201);
        assertThat(admin.put("/api/users/" + owner.id(), "{\"role\": \"viewer\"}").status()).isEqualTo(200);
        assertThat(new Http(server.port(), editing).post("/api/accounts", "{\"network\": \"manual\", \"name\": \"After\"}")
                .status()).isEqualTo(403);

        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = " + token.getLong("id"));
        }
        Reply expired = reply(script.get("/api/goals"));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(new JsonObject(expired.body()).getString("error")).contains("not valid");
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("UPDATE api_token SET expires_at = NULL WHERE id = " + token.getLong("id"));
        }
        assertThat(script.get("/api/goals").status()).isEqualTo(200);
        assertThat(admin.put("/api/users/" + owner.id(), "{\"disabled\": true}").status()).isEqualTo(200);
        assertThat(script.get("/api/goals").status()).as("a disabled user's token").isEqualTo(401);
        assertThat(admin.put("/api/users/" + owner.id(), "{\"disabled\": false}").status()).isEqualTo(200);
        assertThat(script.get("/api/goals").status()).isEqualTo(200);
        assertThat(admin.delete("/api/tokens/" + token.getLong("id")).status()).isEqualTo(204);
        assertThat(script.get("/api/goals").status()).as("revoked").isEqualTo(401);
        assertThat(admin.delete("/api/tokens/" + token.getLong("id")).status()).isEqualTo(404);
    }

    // ---- users ----

    @Test
    void adminsManageUsersButTheLastAdminStays() throws Exception {
        Reply made = reply(admin.post("/api/users", "{\"username\": \"dana\", \"password\": \"" + PASSWORD + "\", \"role\": \"viewer\"}"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long dana = new JsonObject(made.body()).getLong("id");
        assertThat(made.body()).doesNotContain(PASSWORD).doesNotContain("argon2");
        assertThat(admin.post("/api/users", "{\"username\": \"DANA\", \"password\": \"" + PASSWORD + "\", \"role\": \"viewer\"}")
                .status()).isEqualTo(409);
        Reply shortPassword = reply(admin.post("/api/users", "{\"username\": \"eve\", \"password\": \"short\", \"role\": \"viewer\"}"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("at least 10 characters");
        assertThat(admin.post("/api/users", "{\"username\": \"eve\", \"password\": \"" + PASSWORD + "\", \"role\": \"owner\"}")
                .status()).isEqualTo(400);

        String cookie = cookie(signIn("dana", PASSWORD));
        Reply reset = reply(admin.put("/api/users/" + dana + "/password", "{\"password\": \"another long password\"}"));
        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertThat(send("GET", "/api/goals", null, Map.of("Cookie", cookie)).status()).as("a reset ends the sessions").isEqualTo(401);
        assertThat(signIn("dana", PASSWORD).status()).isEqualTo(401);
        assertThat(signIn("dana", "another long password").status()).isEqualTo(200);

        // The only admins are the tests' own; demoting or deleting the last one is refused.
        JsonArray users = new JsonArray(admin.get("/api/users").body());
        List<Long> admins = users.stream().map(o -> (JsonObject) o).filter(u -> u.getString("role").equals("admin"))
                .map(u -> u.getLong("id")).toList();
        assertThat(admins).hasSize(1);
        Reply demote = reply(admin.put("/api/users/" + admins.get(0), "{\"role\": \"editor\"}"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.body()).contains("no enabled admin");
        assertThat(admin.delete("/api/users/" + admins.get(0)).status()).isEqualTo(409);
        assertThat(admin.get("/api/users").status()).as("still admin").isEqualTo(200);

        assertThat(admin.delete("/api/users/" + dana).status()).isEqualTo(204);
        assertThat(signIn("dana", "another long password").status()).isEqualTo(401);
        JsonArray deleted = new JsonObject(admin.get("/api/audit?action=user.deleted").body()).getJsonArray("events");
        assertThat(deleted.getJsonObject(0).getJsonObject("target").getString("name")).isEqualTo("dana");
    }

    @Test
    void aUserChangesTheirOwnPasswordWithTheCurrentOne() throws Exception {
        user("frankie", Role.VIEWER);
        Reply in = signIn("frankie", PASSWORD);
        String cookie = cookie(in);
        String csrf = new JsonObject(in.body()).getString("csrf_token");
        String other = cookie(signIn("frankie", PASSWORD));
        Map<String, String> headers = Map.of("Cookie", cookie, "Content-Type", "application/json", "X-CSRF-Token", csrf);
        Reply wrong = send("PUT", "/api/session/password", "{\"current_password\": \"nope nope nope\", \"new_password\": "
                + "\"brand new password\"}", headers);
        assertThat(wrong.status()).isEqualTo(403);
        Reply changed = send("PUT", "/api/session/password", "{\"current_password\": \"" + PASSWORD + "\", \"new_password\": "
                + "\"brand new password\"}", headers);
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(send("GET", "/api/goals", null, Map.of("Cookie", cookie)).status()).as("this session stays").isEqualTo(200);
        assertThat(send("GET", "/api/goals", null, Map.of("Cookie", other)).status()).as("the other one ends").isEqualTo(401);
        assertThat(signIn("frankie", "brand new password").status()).isEqualTo(200);
    }

    // ---- audit and secrets ----

    @Test
    void theAuditLogSaysWhoDidWhatAndNoSecretAppearsInAnswersTheLogOrTheServerLog() throws Exception {
        user("auditee", Role.EDITOR);
        Reply in = signIn("auditee", PASSWORD);
        String cookie = cookie(in);
        secrets.add(cookie.substring(cookie.indexOf('=') + 1));
        Map<String, String> headers = Map.of("Cookie", cookie, "Content-Type", "application/json",
                "X-CSRF-Token", new JsonObject(in.body()).getString("csrf_token"));
        Reply account = send("POST", "/api/accounts", "{\"network\": \"manual\", \"name\": \"Audited site\"}", headers);
        long id = new JsonObject(account.body()).getLong("id");
        assertThat(send("PUT", "/api/accounts/" + id, "{\"name\": \"Renamed site\"}", headers).status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/accounts/" + id, null, headers).status()).isEqualTo(204);
        Reply made = reply(admin.post("/api/tokens", "{\"name\": \"audit me\"}"));
        secrets.add(new JsonObject(made.body()).getString("token"));
        assertThat(admin.delete("/api/tokens/" + new JsonObject(made.body()).getLong("id")).status()).isEqualTo(204);

        JsonObject page = new JsonObject(admin.get("/api/audit?limit=200").body());
        List<JsonObject> events = page.getJsonArray("events").stream().map(o -> (JsonObject) o).toList();
        Map<String, JsonObject> latest = new java.util.HashMap<>();
        for (JsonObject e : events) {
            latest.putIfAbsent(e.getString("action"), e);
        }
        assertThat(latest).containsKeys("session.signed_in", "account.connected", "account.updated", "account.deleted",
                "token.created", "token.revoked", "user.created");
        JsonObject connected = latest.get("account.connected");
        assertThat(connected.getJsonObject("actor").getString("username")).isEqualTo("auditee");
        assertThat(connected.getString("via")).isEqualTo("session");
        assertThat(connected.getString("address")).isEqualTo("127.0.0.1");
        assertThat(connected.getJsonObject("target")).isEqualTo(new JsonObject().put("type", "account").put("id", String.valueOf(id))
                .put("name", "Audited site"));
        assertThat(latest.get("account.updated").getJsonObject("details").getJsonArray("fields")).containsExactly("name");
        assertThat(latest.get("token.created").getString("via")).isEqualTo("token");
        // Newest first, and pages link on.
        assertThat(events.get(0).getLong("id")).isGreaterThan(events.get(events.size() - 1).getLong("id"));
        JsonObject first = new JsonObject(admin.get("/api/audit?limit=2").body());
        JsonObject next = new JsonObject(admin.get("/api/audit?limit=2&before=" + first.getLong("next_before")).body());
        assertThat(next.getJsonArray("events").getJsonObject(0).getLong("id")).isLessThan(first.getLong("next_before"));

        String everything = page.encode() + admin.get("/api/users").body() + admin.get("/api/tokens?all=true").body();
        String logged = logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertThat(secrets).hasSizeGreaterThan(3);
        for (String secret : secrets) {
            assertThat(everything).as("answers and audit").doesNotContain(secret);
            assertThat(logged).as("server log").doesNotContain(secret);
        }
    }

    // ---- helpers ----

    private static String name(ApiRoutes.Route r) {
        return r.method().name() + " " + r.path();
    }

    private User user(String name, Role role) throws Exception {
        return io.goalpost.platform.sync.Blocking.await(server.access().users().create(name, PASSWORD, role));
    }

    private Reply signIn(String username, String password) throws Exception {
        return send("POST", "/api/session", new JsonObject().put("username", username).put("password", password).encode(),
                Map.of("Content-Type", "application/json"));
    }

    private static String cookie(Reply signedIn) {
        String set = signedIn.header("set-cookie");
        assertThat(set).as("a session cookie").isNotNull();
        return set.substring(0, set.indexOf(';'));
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }
    }

    private static Reply reply(Http.Reply r) {
        return new Reply(r.status(), r.body(), null);
    }

    private Reply send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers());
    }
}
