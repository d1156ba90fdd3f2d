package io.goalpost.platform.connect;

import io.goalpost.platform.testing.BuiltSandboxes;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.function.Predicate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Connect with …" over HTTP for every network, as issue 10 asks, with the real plugins and their
 * sandboxes: {@code GET /api/oauth/{network}/start} as an editor answers 302 to the sandbox's consent
 * page; following the redirects with {@code approve=yes} ends on Goalpost's callback, which sends the
 * browser to the pick page; {@code GET /api/oauth/{network}/accounts?state=…} lists the discovered
 * accounts; {@code POST /api/oauth/{network}/connect} creates one, which then syncs. A permission
 * switched off on the consent page comes back in words. And what the host records when a plugin renews
 * a token: the end of a token the renewal does not mention is kept (Pinterest renews the access token
 * only; its 365-day sign-in must still be warned about), Instagram's renewed 60-day token says when it
 * lapses and when it was renewed, and a pasted token replaces the end of the token it replaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SignInEndToEndTest {

    private static final Path PLUGINS = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));

    private TestDatabase db;
    private GoalpostServer server;
    private Http admin;
    private Http editor;
    private String editorToken;
    private Vertx vertx;
    private final Map<String, String> sandboxes = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Pinterest's own time (noon UTC of a day), which a test moves on to make its access tokens lapse. */
    private final AnalyticsHarness.SettableClock pinterestClock = new AnalyticsHarness.SettableClock(LocalDate.now(ZoneOffset.UTC));

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-signin"), Optional.of(db.url()),
                PLUGINS, Set.of("127.0.0.1"), true, Duration.ofHours(6)));
        admin = Http.admin(server);
        editorToken = Http.token(server, Role.EDITOR);
        editor = new Http(server.port(), editorToken);
        vertx = Vertx.vertx();
        // Every network's sandbox, and its app set up as the demo does it.
        for (LoadedNetwork n : server.plugins().loadedNetworks()) {
            var sandbox = BuiltSandboxes.all().forNetwork(n.descriptor().networkId());
            if (sandbox.isEmpty() || n.authorizer().isEmpty()) {
                continue;
            }
            Clock clock = n.descriptor().networkId().equals("pinterest") ? pinterestClock : Clock.systemUTC();
            int port = SandboxServer.start(vertx, sandbox.get().sandbox(), sandbox.get().classLoader(), clock)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            String url = "http://127.0.0.1:" + port;
            Optional<AppCredentials> app = PluginRegistry.withLoader(sandbox.get().classLoader(),
                    () -> sandbox.get().sandbox().demoApp(url));
            assertThat(app).as(n.descriptor().networkId() + "'s sandbox has a demo app").isPresent();
            Http.Reply set = admin.put("/api/settings/networks/" + n.descriptor().networkId(), new JsonObject()
                    .put("client_id", app.get().clientId()).put("client_secret", app.get().clientSecret())
                    .put("base_url", app.get().baseUrl().orElse(url)).encode());
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            sandboxes.put(n.descriptor().networkId(), url);
        }
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

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code GET /api/oauth/{network}/start} as the editor (302 to the sandbox's consent page), then the
     * consent page with {@code answer} (e.g. {@code approve=yes}) followed through the sandbox's
     * redirects; answers Goalpost's callback address, as the sandbox sent the browser there.
     */
    private String consentToCallback(String network, String answer) throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> start = get(base + "/api/oauth/" + network + "/start", editorToken);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(sandboxes.get(network));
        String callback = "http://localhost:" + server.port() + "/api/oauth/" + network + "/callback";
        String next = location + (location.contains("?") ? "&" : "?") + answer;
        for (int hops = 0; !next.startsWith(callback); hops++) {
            assertThat(hops).as("redirects before the callback, at " + next).isLessThan(5);
            HttpResponse<String> r = get(next, null);
            assertThat(r.statusCode()).as(next + ": " + r.body()).isBetween(301, 303);
            next = URI.create(next).resolve(r.headers().firstValue("Location").orElseThrow()).toString();
        }
        return next;
    }

    @ParameterizedTest
    @ValueSource(strings = {"facebook", "instagram", "linkedin", "tiktok", "x", "pinterest"})
    void connectsAnAccountThroughTheNetworksSignIn(String network) throws Exception {
        assertThat(sandboxes).as("the " + network + " plugin has a sign-in and a sandbox").containsKey(network);
        // The consent page, approved without a page; the sandbox may redirect within itself, and ends on our callback.
        String next = consentToCallback(network, "approve=yes");
        if (network.equals("tiktok")) {
            // TikTok's API for Business sends the code as auth_code alone: the callback reads that too.
            assertThat(next).contains("auth_code=");
            next = next.replaceAll("([?&])code=[^&]*&?", "$1");
        }
        HttpResponse<String> back = get(next.replace("//localhost:", "//127.0.0.1:"), null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String ui = back.headers().firstValue("Location").orElseThrow();
        assertThat(ui).as(URLDecoder.decode(ui, StandardCharsets.UTF_8)).startsWith("/#/accounts/connect/" + network + "?state=");
        String state = URLDecoder.decode(ui.substring(ui.indexOf("state=") + 6), StandardCharsets.UTF_8);

        Http.Reply listed = editor.get("/api/oauth/" + network + "/accounts?state=" + java.net.URLEncoder.encode(state,
                StandardCharsets.UTF_8));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonArray found = new JsonObject(listed.body()).getJsonArray("accounts");
        assertThat(found).isNotEmpty();
        assertThat(listed.body()).doesNotContain("access_token").doesNotContain("\"config\"");
        JsonObject pick = found.stream().map(JsonObject.class::cast).filter(a -> a.getValue("connected_account_id") == null)
                .findFirst().orElseThrow();

        Http.Reply connected = editor.post("/api/oauth/" + network + "/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(pick.getString("external_id"))).encode());
        assertThat(connected.status()).as(connected.body()).isIn(201, 202);
        JsonObject account = new JsonObject(connected.body()).getJsonArray("accounts").getJsonObject(0);
        long id = account.getLong("id");
        assertThat(account.getString("network")).isEqualTo(network);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonObject now = account;
        while (!now.getJsonObject("sync").getString("status").equals("ok") && System.nanoTime() < deadline) {
            Thread.sleep(300);
            now = new JsonObject(admin.get("/api/accounts/" + id).body());
        }
        assertThat(now.getJsonObject("sync").getString("status")).as(now.encode()).isEqualTo("ok");
        assertThat(now.getValue("backfill")).isNull();
        assertThat(now.getBoolean("canSync")).isTrue();
        JsonObject tokens = now.getJsonObject("tokenHealth");
        if (network.equals("linkedin")) {
            // LinkedIn's sign-in lasts 365 days: the refresh token's end is known from the connect on.
            assertThat(tokens.getString("refreshExpiresAt")).as(tokens.encode()).isNotNull();
        }
        assertThat(tokens.getValue("warning")).as(tokens.encode()).isNull();
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = " + id)).isPositive();
        assertThat(admin.delete("/api/accounts/" + id).status()).isEqualTo(204);
    }

    /**
     * A permission switched off on the consent page (the sandboxes' {@code decline=}) comes back to the
     * accounts page in words naming it, and nothing is connected.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"facebook, read_insights", "instagram, instagram_manage_insights",
            "linkedin, rw_organization_admin"})
    void aPermissionLeftOutOnTheConsentPageComesBackInWords(String network, String permission) throws Exception {
        long before = db.count("SELECT count(*) FROM account");
        String next = consentToCallback(network, "approve=yes&decline=" + permission);
        HttpResponse<String> back = get(next.replace("//localhost:", "//127.0.0.1:"), null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String ui = URLDecoder.decode(back.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(ui).startsWith("/#/accounts?connect_error=").contains("did not grant every permission Goalpost needs")
                .contains(permission).contains("connect again");
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before);
    }

    // ---- what the host records when a plugin renews a token (the real plugins and their sandboxes) ----

    @AfterEach
    void removeAccounts() throws Exception {
        pinterestClock.set(LocalDate.now(ZoneOffset.UTC));
        for (Object o : new JsonArray(admin.get("/api/accounts").body())) {
            admin.delete("/api/accounts/" + ((JsonObject) o).getLong("id"));
        }
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
        String next = consentToCallback("pinterest", "approve=yes");
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
        pinterestClock.set(LocalDate.now(ZoneOffset.UTC).plusDays(31));
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
        DemoAccount demo = sandbox.demoAccounts(sandboxes.get("instagram")).stream()
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
