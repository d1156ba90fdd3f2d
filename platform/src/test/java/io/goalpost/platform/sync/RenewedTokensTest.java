package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.testing.BuiltSandboxes;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the host records when a plugin renews a token, with the real plugins and their sandboxes: the
 * end of a token the renewal does not mention is kept (Pinterest renews the access token only; its
 * 365-day sign-in must still be warned about before it lapses), Instagram's renewed 60-day token says
 * when it lapses and when it was renewed (so the next sync does not renew it again), and a pasted
 * token replaces the end of the token it replaces (a lapsed sign-in no longer blocks the account).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RenewedTokensTest {

    private static final Path PLUGINS = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));

    /** The network's own time, which the test moves on (the host's stays real). */
    private static final class NetworkClock extends Clock {
        final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }
    }

    private TestDatabase db;
    private GoalpostServer server;
    private Http admin;
    private Http editor;
    private String editorToken;
    private Vertx vertx;
    private final NetworkClock pinterestClock = new NetworkClock();
    private String pinterestUrl;
    private String instagramUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-renewed"), Optional.of(db.url()),
                PLUGINS, Set.of("127.0.0.1"), true, Duration.ofHours(6)));
        admin = Http.admin(server);
        editorToken = Http.token(server, Role.EDITOR);
        editor = new Http(server.port(), editorToken);
        vertx = Vertx.vertx();
        var pinterest = BuiltSandboxes.of("pinterest");
        pinterestUrl = "http://127.0.0.1:" + SandboxServer.start(vertx, pinterest.sandbox(), pinterest.classLoader(), pinterestClock)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        Optional<AppCredentials> app = PluginRegistry.withLoader(pinterest.classLoader(), () -> pinterest.sandbox().demoApp(pinterestUrl));
        Http.Reply set = admin.put("/api/settings/networks/pinterest", new JsonObject().put("client_id", app.orElseThrow().clientId())
                .put("client_secret", app.get().clientSecret()).put("base_url", pinterestUrl).encode());
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        var instagram = BuiltSandboxes.of("instagram");
        instagramUrl = "http://127.0.0.1:" + SandboxServer.start(vertx, instagram.sandbox(), instagram.classLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void removeAccounts() throws Exception {
        pinterestClock.ahead.set(Duration.ZERO);
        for (Object o : new JsonArray(admin.get("/api/accounts").body())) {
            admin.delete("/api/accounts/" + ((JsonObject) o).getLong("id"));
        }
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void sql(String statement) throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private JsonObject account(long id) throws Exception {
        return new JsonObject(admin.get("/api/accounts/" + id).body());
    }

    /** Polls the account until {@code done} holds (at most 4 minutes: Instagram's first sync fetches two years). */
    private JsonObject awaitAccount(long id, Predicate<JsonObject> done, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        JsonObject now = account(id);
        while (!done.test(now) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            now = account(id);
        }
        assertThat(done.test(now)).as(what + ": " + now.encode()).isTrue();
        return now;
    }

    private static String status(JsonObject account) {
        return account.getJsonObject("sync").getString("status");
    }

    /** Sync now, again while a sync of the account still runs. */
    private void syncNow(long id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Http.Reply r = editor.post("/api/accounts/" + id + "/sync", "");
        while (r.status() == 409 && r.body().contains("syncing now") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = editor.post("/api/accounts/" + id + "/sync", "");
        }
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    /** Connects the Pinterest sandbox's first account through "Connect with Pinterest", as a browser would. */
    private long connectPinterestThroughItsSignIn() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> start = get(base + "/api/oauth/pinterest/start", editorToken);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String next = start.headers().firstValue("Location").orElseThrow() + "&approve=yes";
        String callback = "http://localhost:" + server.port() + "/api/oauth/pinterest/callback";
        for (int hops = 0; !next.startsWith(callback); hops++) {
            assertThat(hops).isLessThan(5);
            HttpResponse<String> r = get(next, null);
            assertThat(r.statusCode()).as(next + ": " + r.body()).isBetween(301, 303);
            next = URI.create(next).resolve(r.headers().firstValue("Location").orElseThrow()).toString();
        }
        String ui = get(next.replace("//localhost:", "//127.0.0.1:"), null).headers().firstValue("Location").orElseThrow();
        String state = URLDecoder.decode(ui.substring(ui.indexOf("state=") + 6), StandardCharsets.UTF_8);
        JsonArray found = new JsonObject(editor.get("/api/oauth/pinterest/accounts?state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8)).body()).getJsonArray("accounts");
        Http.Reply connected = editor.post("/api/oauth/pinterest/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(found.getJsonObject(0).getString("external_id"))).encode());
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        return new JsonObject(connected.body()).getJsonArray("accounts").getJsonObject(0).getLong("id");
    }

    @Test
    void aRenewalThatSaysNothingOfTheRefreshTokenKeepsItsEndAndItsWarning() throws Exception {
        long id = connectPinterestThroughItsSignIn();
        JsonObject connected = awaitAccount(id, a -> status(a).equals("ok"), "first sync");
        JsonObject tokens = connected.getJsonObject("tokenHealth");
        Instant signInEnds = Instant.parse(tokens.getString("refreshExpiresAt"));
        Instant accessEnds = Instant.parse(tokens.getString("accessExpiresAt"));
        assertThat(signInEnds).isAfter(Instant.now().plus(Duration.ofDays(360)));

        // 31 days later at Pinterest: the access token has lapsed; the sync renews it with the refresh
        // token, and Pinterest answers a new access token only. Before, the host then erased the sign-in's end.
        pinterestClock.ahead.set(Duration.ofDays(31));
        syncNow(id);
        JsonObject renewed = awaitAccount(id, a -> status(a).equals("ok") && !Instant.parse(a.getJsonObject("tokenHealth")
                .getString("accessExpiresAt")).equals(accessEnds), "a sync that renewed the access token");
        assertThat(renewed.getJsonObject("tokenHealth").getString("refreshExpiresAt")).isEqualTo(signInEnds.toString());
        assertThat(Instant.parse(renewed.getJsonObject("tokenHealth").getString("accessExpiresAt"))).isAfter(accessEnds);

        // So the warning still comes before the sign-in lapses.
        sql("UPDATE account SET refresh_expires_at = now() + interval '10 days 1 hour' WHERE id = " + id);
        Instant soon = Instant.parse(account(id).getJsonObject("tokenHealth").getString("refreshExpiresAt"));
        JsonObject warned = account(id);
        assertThat(status(warned)).isEqualTo("needs_attention");
        assertThat(warned.getJsonObject("tokenHealth").getString("warning")).contains("refresh token").contains("in 10 days");

        // Edited with a pasted access token that Pinterest refuses as expired: the check renews it with the
        // stored refresh token, whose end stays too.
        String lapsedAccess = "sandbox-pinterest-acmecoffee-act-" + Instant.now().minus(Duration.ofDays(40)).getEpochSecond() + "-1";
        Http.Reply edited = editor.put("/api/accounts/" + id, new JsonObject().put("config", new JsonObject()
                .put("access_token", lapsedAccess)).encode());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonObject after = new JsonObject(edited.body());
        assertThat(after.getJsonObject("tokenHealth").getString("refreshExpiresAt")).isEqualTo(soon.toString());
        assertThat(after.getJsonObject("tokenHealth").getString("accessExpiresAt")).isNotNull();
    }

    @Test
    void pastedTokensReplaceTheEndOfALapsedSignIn() throws Exception {
        long id = connectPinterestThroughItsSignIn();
        awaitAccount(id, a -> status(a).equals("ok"), "first sync");
        sql("UPDATE account SET refresh_expires_at = now() - interval '1 hour' WHERE id = " + id);
        JsonObject lapsed = account(id);
        assertThat(status(lapsed)).isEqualTo("needs_reauth");
        assertThat(lapsed.getBoolean("canSync")).isFalse();

        // "Reconnect" with tokens made by hand: the lapsed sign-in's end is gone with its refresh token.
        long now = Instant.now().getEpochSecond();
        Http.Reply pasted = editor.put("/api/accounts/" + id, new JsonObject().put("config", new JsonObject()
                .put("access_token", "sandbox-pinterest-acmecoffee-act-" + now + "-7")
                .put("refresh_token", "sandbox-pinterest-acmecoffee-rft-" + now + "-7")).encode());
        assertThat(pasted.status()).as(pasted.body()).isEqualTo(200);
        JsonObject after = new JsonObject(pasted.body());
        assertThat(after.getJsonObject("tokenHealth").getValue("refreshExpiresAt")).isNull();
        assertThat(after.getJsonObject("tokenHealth").getValue("warning")).isNull();
        assertThat(after.getBoolean("canSync")).isTrue();
        awaitAccount(id, a -> status(a).equals("ok"), "the sync after the new tokens");
    }

    @Test
    void instagramsRenewedTokenSaysWhenItLapsesAndWhenItWasRenewed() throws Exception {
        var sandbox = BuiltSandboxes.of("instagram").sandbox();
        DemoAccount demo = sandbox.demoAccounts(instagramUrl).stream()
                .filter(d -> "instagram_login".equals(d.config().get("login_type"))).findFirst().orElseThrow();
        Http.Reply r = editor.post("/api/accounts", new JsonObject().put("network", "instagram").put("name", "Coffee on Instagram")
                .put("config", new JsonObject(new LinkedHashMap<String, Object>(demo.config()))).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = new JsonObject(r.body()).getLong("id");
        JsonObject first = awaitAccount(id, a -> status(a).equals("ok"), "first sync");
        assertThat(first.getJsonObject("tokenHealth").getValue("accessExpiresAt")).as("not renewed yet: not known").isNull();

        // The token was issued two days ago: the next sync renews it (Instagram allows that once it is a day old).
        Instant issued = Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sql("UPDATE account SET config = config || jsonb_build_object('access_refreshed_at', '" + issued + "') WHERE id = " + id);
        syncNow(id);
        JsonObject renewed = awaitAccount(id, a -> a.getJsonObject("tokenHealth").getValue("accessExpiresAt") != null
                && status(a).equals("ok"), "a sync that renewed the token");
        Instant lapses = Instant.parse(renewed.getJsonObject("tokenHealth").getString("accessExpiresAt"));
        assertThat(lapses).isBetween(Instant.now().plus(Duration.ofDays(59)), Instant.now().plus(Duration.ofDays(60)));
        assertThat(renewed.getJsonObject("tokenHealth").getValue("warning")).isNull();
        // When it was renewed is stored with the settings (before, the host kept only the token), so the
        // next sync does not renew it again.
        Instant renewedAt = Instant.parse(renewed.getJsonObject("config").getString("access_refreshed_at"));
        assertThat(renewedAt).isAfter(issued.plus(Duration.ofDays(1)));
        assertThat(renewed.encode()).doesNotContain("sandbox-instagram-");
    }
}
