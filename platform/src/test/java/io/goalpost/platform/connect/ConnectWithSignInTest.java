package io.goalpost.platform.connect;

import io.goalpost.platform.testing.BuiltSandboxes;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The host's side of "Connect with …" and of accounts that stay connected, on a real server and
 * PostgreSQL: the X plugin and its sandbox (which rotates refresh tokens like X), with a sign-in of
 * the test's own in front (an authorizer whose consent page, token and discovery endpoints the test's
 * sandbox wrapper serves), so the host's rules are tested apart from any plugin's sign-in: the app
 * credentials API, the state (single use, expiry, bound to the user, PKCE), the callback's words, the
 * pick and connect steps, a reconnect that keeps the account; and rotated tokens kept through a
 * reconnect, token expiry warnings, backfill progress, sync now refused with the reason, and a
 * throttled connection check that saves the account as pending.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ConnectWithSignInTest {

    private static final Path PLUGINS = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));
    private static final String CLIENT_ID = "test-x-client";
    private static final String CLIENT_SECRET = "test-x-client-secret-5d8e1f";

    private TestDatabase db;
    private PluginRegistry real;
    private GoalpostServer server;
    private Http admin;
    private Http editor;
    private String editorToken;
    private Vertx vertx;
    private String sandboxUrl;
    private NetworkSandbox xSandbox;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** When set, the sandbox answers X's 429 to the account lookup the connection check makes. */
    private final AtomicBoolean throttle = new AtomicBoolean();
    /** The PKCE challenge of each code the consent page issued; a code is exchanged once. */
    private final Map<String, String> codes = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        real = PluginRegistry.load(PLUGINS);
        xSandbox = BuiltSandboxes.of("x").sandbox();
        List<LoadedNetwork> networks = new ArrayList<>();
        for (LoadedNetwork n : real.loadedNetworks()) {
            // Only X signs in here (with the test's authorizer); the others keep the pasted-token form.
            networks.add(n.descriptor().networkId().equals("x")
                    ? new LoadedNetwork(n.pluginId(), n.descriptor(), n.factory(), n.classLoader(), Optional.of(new Authorizer()))
                    : new LoadedNetwork(n.pluginId(), n.descriptor(), n.factory(), n.classLoader()));
        }
        vertx = Vertx.vertx();
        int port = SandboxServer.start(vertx, new Sandbox(), BuiltSandboxes.of("x").classLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        sandboxUrl = "http://127.0.0.1:" + port;
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-connect"), Optional.of(db.url()),
                PLUGINS, Set.of("127.0.0.1"), true, Duration.ofHours(6)), PluginRegistry.inProcess(networks));
        admin = Http.admin(server);
        editorToken = Http.token(server, Role.EDITOR);
        editor = new Http(server.port(), editorToken);
        Http.Reply app = admin.put("/api/settings/networks/x", new JsonObject().put("client_id", CLIENT_ID)
                .put("client_secret", CLIENT_SECRET).put("base_url", sandboxUrl).encode());
        assertThat(app.status()).as(app.body()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (real != null) {
            real.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void removeAccounts() throws Exception {
        throttle.set(false);
        for (Object o : new JsonArray(admin.get("/api/accounts").body())) {
            admin.delete("/api/accounts/" + ((JsonObject) o).getLong("id"));
        }
    }

    // ---- the test's sign-in: consent page, token and discovery served next to the X sandbox ----

    /** The X sandbox, with a consent page and token endpoint, and a switch that throttles the account lookup. */
    private final class Sandbox implements NetworkSandbox {
        @Override
        public String networkId() {
            return "x";
        }

        @Override
        public HttpResponse handle(HttpRequest request, Clock clock) {
            String path = request.uri().getPath();
            if (path.equals("/test/authorize")) {
                Map<String, String> q = Urls.queryParams(request.uri());
                String back = q.get("redirect_uri");
                if ("yes".equals(q.get("deny"))) {
                    return redirect(back + "?error=access_denied&error_description=" + Urls.encode("The user denied")
                            + "&state=" + Urls.encode(q.get("state")));
                }
                if (!"yes".equals(q.get("approve")) || !CLIENT_ID.equals(q.get("client_id"))) {
                    return new HttpResponse(200, Map.of("Content-Type", List.of("text/html")),
                            "<form><button name=approve value=yes>Approve</button></form>".getBytes(StandardCharsets.UTF_8));
                }
                String code = "code-" + codes.size() + "-" + Long.toHexString(System.nanoTime());
                codes.put(code, q.getOrDefault("code_challenge", ""));
                return redirect(back + "?code=" + Urls.encode(code) + "&state=" + Urls.encode(q.get("state")));
            }
            if (path.equals("/test/token")) {
                Map<String, String> form = Urls.queryParams(URI.create("http://form/?" + request.bodyText()));
                String challenge = codes.remove(form.getOrDefault("code", ""));
                if (challenge == null || !CLIENT_SECRET.equals(form.get("client_secret"))
                        || !OAuthService.s256(form.getOrDefault("code_verifier", "")).equals(challenge)) {
                    return HttpResponse.json(400, "{\"error\":\"invalid_grant\"}");
                }
                return HttpResponse.json(200, "{\"access_token\":\"sandbox-x-acmecoffee\",\"token_type\":\"bearer\"}");
            }
            if (throttle.get() && path.equals("/2/users/me")) {
                return HttpResponse.json(429, "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\","
                        + "\"status\":429}").withHeader("x-rate-limit-reset", Long.toString(Instant.now().getEpochSecond() + 3));
            }
            return xSandbox.handle(request, clock);
        }

        @Override
        public List<DemoAccount> demoAccounts(String baseUrl) {
            return xSandbox.demoAccounts(baseUrl);
        }

        private HttpResponse redirect(String location) {
            return new HttpResponse(302, Map.of("Location", List.of(location)), new byte[0]);
        }
    }

    /** A sign-in in the shape of X's (PKCE), against the sandbox above; it discovers both demo accounts. */
    private final class Authorizer implements NetworkAuthorizer {
        @Override
        public String networkId() {
            return "x";
        }

        @Override
        public AuthorizationSpec spec() {
            return new AuthorizationSpec(List.of("tweet.read", "users.read", "offline.access"), true, "OAuth 2.0 Client ID",
                    Optional.of(Duration.ofHours(2)), Optional.empty(), true, "Register the redirect URI as a callback.");
        }

        @Override
        public URI authorizeUrl(AuthorizationRequest r) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("response_type", "code");
            q.put("client_id", r.app().clientId());
            q.put("redirect_uri", r.redirectUri());
            q.put("state", r.state());
            q.put("code_challenge", r.codeChallenge().orElseThrow());
            q.put("code_challenge_method", "S256");
            return Urls.build(r.app().base("https://x.com"), "/test/authorize", q);
        }

        @Override
        public TokenGrant exchange(CodeExchange e, HttpPort http, Clock clock) throws AdapterException {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", e.code());
            form.put("redirect_uri", e.redirectUri());
            form.put("client_id", e.app().clientId());
            form.put("client_secret", e.app().clientSecret());
            form.put("code_verifier", e.codeVerifier().orElse(""));
            HttpResponse r = http.send(HttpRequest.postForm(Urls.build(e.app().base("https://api.x.com"), "/test/token"), form));
            if (r.status() == 400) {
                throw new AdapterException.AuthExpired("X refused the code");
            }
            String token = new JsonObject(r.bodyText()).getString("access_token");
            return new TokenGrant(token, Optional.empty(), Optional.empty(), Optional.empty(), Set.of("tweet.read", "users.read"));
        }

        @Override
        public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
                throws AdapterException {
            HttpResponse me = http.send(HttpRequest.get(Urls.build(app.base("https://api.x.com"), "/2/users/me"))
                    .withHeader("Authorization", "Bearer " + grant.accessToken()));
            if (me.status() != 200) {
                throw new AdapterException.BadResponse("X answered " + me.status());
            }
            List<DiscoveredAccount> found = new ArrayList<>();
            for (DemoAccount d : xSandbox.demoAccounts(app.base("https://api.x.com"))) {
                Map<String, String> config = new LinkedHashMap<>(d.config());
                config.remove("refresh_token"); // like a long-lived token nothing renews (Instagram's)
                found.add(new DiscoveredAccount(config.get("user_id"), d.name().substring(1), Optional.of(d.name()), config,
                        Optional.of(clock.instant().plus(Duration.ofDays(30))), Optional.empty(),
                        Optional.of("X account " + d.name())));
            }
            return found;
        }
    }

    // ---- helpers ----

    private record Reply(int status, String body, String location) {
    }

    private Reply send(String method, String url, String bearer, String json) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        }
        var r = client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
    }

    private String api(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** {@code start} as {@code bearer}: the consent page's address. */
    private String startSignIn(String bearer, String query) throws Exception {
        Reply start = send("GET", api("/api/oauth/x/start" + query), bearer, null);
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        assertThat(start.location()).startsWith(sandboxUrl + "/test/authorize?");
        return start.location();
    }

    /** The consent page's answer (with {@code approve=yes} or {@code deny=yes}), followed to Goalpost's callback; answers where the callback sends the browser. */
    private String consent(String authorizeUrl, String answer) throws Exception {
        Reply consent = send("GET", authorizeUrl + "&" + answer, null, null);
        assertThat(consent.status()).isEqualTo(302);
        String redirectUri = "http://localhost:" + server.port() + "/api/oauth/x/callback";
        assertThat(consent.location()).startsWith(redirectUri + "?");
        return callback(consent.location().replace("//localhost:", "//127.0.0.1:"));
    }

    private String callback(String url) throws Exception {
        Reply back = send("GET", url, null, null);
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        return back.location();
    }

    /** A finished callback's state, from the UI address it redirects to. */
    private static String stateOf(String location) {
        assertThat(location).startsWith("/#/accounts/connect/x?state=");
        return URLDecoder.decode(location.substring(location.indexOf("state=") + 6), StandardCharsets.UTF_8);
    }

    /** The words of a failed sign-in, from the UI address it redirects to. */
    private static String errorOf(String location) {
        assertThat(location).startsWith("/#/accounts?connect_error=");
        return URLDecoder.decode(location.substring(location.indexOf('=') + 1), StandardCharsets.UTF_8);
    }

    private String signedIn(String bearer, String query) throws Exception {
        return stateOf(consent(startSignIn(bearer, query), "approve=yes"));
    }

    private static String userId(String handle) {
        return handle.equals("acmecoffee") ? "1124712846502117376" : "1437880210374094848";
    }

    /** POST …/sync, again while the account is syncing now (409 with reason "syncing now"), for up to 60 s. */
    private Http.Reply syncNowOnceIdle(long id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Http.Reply reply = editor.post("/api/accounts/" + id + "/sync", "");
        while (reply.status() == 409 && reply.body().contains("syncing now") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            reply = editor.post("/api/accounts/" + id + "/sync", "");
        }
        return reply;
    }

    private JsonObject awaitStatus(long id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonObject account = null;
        while (System.nanoTime() < deadline) {
            account = new JsonObject(admin.get("/api/accounts/" + id).body());
            String now = account.getJsonObject("sync").getString("status");
            if (now.equals(status)) {
                return account;
            }
            if (List.of("needs_reauth", "permission_missing", "config_invalid").contains(now)) {
                break; // waits for a person: it will not get there by itself
            }
            Thread.sleep(250);
        }
        throw new AssertionError("account " + id + " did not reach " + status + ": " + account);
    }

    private JsonObject connectForm(String handle, Map<String, String> changes) throws Exception {
        DemoAccount demo = xSandbox.demoAccounts(sandboxUrl + "").stream().filter(d -> d.name().equals("@" + handle))
                .findFirst().orElseThrow();
        Map<String, Object> config = new LinkedHashMap<>(demo.config());
        config.putAll(changes);
        Http.Reply r = editor.post("/api/accounts", new JsonObject().put("network", "x").put("name", demo.name())
                .put("config", new JsonObject(config)).encode());
        assertThat(r.status()).as(r.body()).isIn(201, 202);
        return new JsonObject(r.body());
    }

    private void sql(String statement) throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    // ---- app credentials ----

    @Test
    void adminsEnterEachNetworksAppOnceAndTheSecretNeverComesBack() throws Exception {
        JsonArray all = new JsonArray(admin.get("/api/settings/networks").body());
        assertThat(all).hasSize(6);
        JsonObject x = find(all, "x");
        assertThat(x.getBoolean("supports_connect")).isTrue();
        assertThat(x.getString("redirect_uri")).isEqualTo("http://localhost:" + server.port() + "/api/oauth/x/callback");
        assertThat(x.getJsonObject("spec").getBoolean("pkce")).isTrue();
        assertThat(x.getJsonObject("spec").getJsonArray("scopes")).contains("offline.access");
        assertThat(x.getJsonObject("spec").getLong("access_token_lifetime_seconds")).isEqualTo(7200);
        assertThat(x.getJsonObject("spec").getString("client_id_label")).isEqualTo("OAuth 2.0 Client ID");
        assertThat(x.getBoolean("configured")).isTrue();
        assertThat(x.getString("client_id")).isEqualTo(CLIENT_ID);
        assertThat(x.getString("base_url")).isEqualTo(sandboxUrl);
        JsonObject facebook = find(all, "facebook");
        assertThat(facebook.getBoolean("supports_connect")).isFalse();
        assertThat(facebook.getValue("redirect_uri")).isNull();
        assertThat(admin.get("/api/settings/networks").body()).doesNotContain(CLIENT_SECRET);

        // Encrypted at rest: the secret's bytes are nowhere in the row.
        assertThat(db.count("SELECT count(*) FROM network_app WHERE network = 'x' AND position(convert_to('" + CLIENT_SECRET
                + "', 'UTF8') in client_secret) = 0")).isEqualTo(1);

        // Editors and viewers may not read or change it.
        assertThat(editor.get("/api/settings/networks").status()).isEqualTo(403);
        assertThat(editor.put("/api/settings/networks/x", "{\"client_id\": \"mine\"}").status()).isEqualTo(403);

        // A new client id, the secret kept when omitted (the sign-in still works with it), the base URL kept when omitted.
        Http.Reply renamed = admin.put("/api/settings/networks/x", new JsonObject().put("client_id", CLIENT_ID).encode());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.body()).doesNotContain(CLIENT_SECRET);
        assertThat(new JsonObject(renamed.body()).getString("base_url")).isEqualTo(sandboxUrl);
        assertThat(stateOf(consent(startSignIn(editorToken, ""), "approve=yes"))).isNotBlank();

        // What is refused, naming the field.
        assertThat(admin.put("/api/settings/networks/x", "{\"client_secret\": \"s\"}").status()).isEqualTo(400);
        for (String bad : List.of("ftp://example.com", "http://169.254.169.254/latest", "http://user:pw@127.0.0.1:1/")) {
            Http.Reply r = admin.put("/api/settings/networks/x", new JsonObject().put("client_id", CLIENT_ID)
                    .put("base_url", bad).encode());
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("base_url");
        }
        Http.Reply noFlow = admin.put("/api/settings/networks/facebook", new JsonObject().put("client_id", "a")
                .put("client_secret", "b").encode());
        assertThat(noFlow.status()).isEqualTo(400);
        assertThat(new JsonObject(noFlow.body()).getString("error")).contains("pasted token");
        assertThat(admin.put("/api/settings/networks/myspace", "{\"client_id\": \"a\", \"client_secret\": \"b\"}").status())
                .isEqualTo(404);

        // Removed: the sign-in says an admin must set it up; a first PUT without the secret is refused.
        assertThat(admin.delete("/api/settings/networks/x").status()).isEqualTo(204);
        assertThat(admin.delete("/api/settings/networks/x").status()).isEqualTo(404);
        assertThat(find(new JsonArray(admin.get("/api/settings/networks").body()), "x").getBoolean("configured")).isFalse();
        Reply unset = send("GET", api("/api/oauth/x/start"), editorToken, null);
        assertThat(unset.status()).isEqualTo(409);
        assertThat(new JsonObject(unset.body()).getString("error")).contains("PUT /api/settings/networks/x").contains("/api/oauth/x/callback");
        // A browser following the "Connect with X" link is sent back to the accounts page with the words.
        var page = client.send(java.net.http.HttpRequest.newBuilder(URI.create(api("/api/oauth/x/start")))
                .header("Authorization", "Bearer " + editorToken).header("Accept", "text/html,application/xhtml+xml").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        String back = java.net.URLDecoder.decode(page.headers().firstValue("Location").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(back).startsWith("/#/accounts?connect_error=").contains("PUT /api/settings/networks/x");
        Http.Reply first = admin.put("/api/settings/networks/x", new JsonObject().put("client_id", CLIENT_ID).encode());
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.body()).contains("client_secret");
        assertThat(admin.put("/api/settings/networks/x", new JsonObject().put("client_id", CLIENT_ID)
                .put("client_secret", CLIENT_SECRET).put("base_url", sandboxUrl).encode()).status()).isEqualTo(200);

        // Audited by field name, never the secret.
        String audit = admin.get("/api/audit?action=settings.network_app_changed&limit=50").body();
        JsonArray events = new JsonObject(audit).getJsonArray("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(4);
        assertThat(audit).doesNotContain(CLIENT_SECRET).contains("client_secret").contains("removed");
    }

    private static JsonObject find(JsonArray list, String network) {
        return list.stream().map(JsonObject.class::cast).filter(o -> o.getString("network").equals(network)).findFirst()
                .orElseThrow();
    }

    // ---- the flow ----

    @Test
    void signsInListsTheDiscoveredAccountsAndConnectsThePickedOneWhichSyncs() throws Exception {
        String authorize = startSignIn(editorToken, "");
        Map<String, String> q = Urls.queryParams(URI.create(authorize));
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("code_challenge")).hasSize(43);
        assertThat(q.get("redirect_uri")).isEqualTo("http://localhost:" + server.port() + "/api/oauth/x/callback");
        assertThat(db.count("SELECT count(*) FROM oauth_flow WHERE position(convert_to('" + q.get("state")
                + "', 'UTF8') in state_hash) > 0")).as("the state is stored hashed").isZero();
        String state = stateOf(consent(authorize, "approve=yes"));
        assertThat(state).isEqualTo(q.get("state"));

        Http.Reply listed = editor.get("/api/oauth/x/accounts?state=" + state);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonObject list = new JsonObject(listed.body());
        assertThat(list.getString("network")).isEqualTo("x");
        assertThat(list.getValue("reconnect_account_id")).isNull();
        assertThat(list.getJsonArray("accounts")).hasSize(2);
        JsonObject coffee = list.getJsonArray("accounts").getJsonObject(0);
        assertThat(coffee.fieldNames()).containsExactlyInAnyOrder("external_id", "name", "handle", "note", "connected_account_id");
        assertThat(coffee.getString("external_id")).isEqualTo(userId("acmecoffee"));
        assertThat(coffee.getString("handle")).isEqualTo("@acmecoffee");
        assertThat(listed.body()).doesNotContain("sandbox-x-").doesNotContain("access_token");

        Http.Reply connected = editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmecoffee"))).encode());
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        JsonObject result = new JsonObject(connected.body());
        assertThat(result.getJsonArray("failed")).isEmpty();
        JsonObject account = result.getJsonArray("accounts").getJsonObject(0);
        long id = account.getLong("id");
        assertThat(account.getString("name")).isEqualTo("acmecoffee");
        assertThat(account.getJsonObject("identity").getString("externalId")).isEqualTo(userId("acmecoffee"));
        assertThat(connected.body()).doesNotContain("sandbox-x-acmecoffee");
        // The expiry the discovery reported is kept; nothing renews this token, but it lapses in 30 days: no warning yet.
        assertThat(account.getJsonObject("tokenHealth").getString("accessExpiresAt")).isNotNull();
        assertThat(account.getJsonObject("tokenHealth").getValue("warning")).isNull();
        awaitStatus(id, "ok");

        // The state is used up.
        assertThat(editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmeoutdoor"))).encode()).status()).isEqualTo(410);
        assertThat(editor.get("/api/oauth/x/accounts?state=" + state).status()).isEqualTo(410);
        assertThat(db.count("SELECT count(*) FROM oauth_flow WHERE discovered IS NOT NULL")).as("tokens forgotten").isZero();
        JsonArray audit = new JsonObject(admin.get("/api/audit?action=account.connected").body()).getJsonArray("events");
        assertThat(audit.getJsonObject(0).getJsonObject("details").getString("via")).isEqualTo("oauth");
        assertThat(audit.getJsonObject(0).getJsonObject("target").getString("id")).isEqualTo(Long.toString(id));

        // A new sign-in lists the connected account as connected, and connecting it again is refused in words.
        String again = signedIn(editorToken, "");
        JsonObject relisted = new JsonObject(editor.get("/api/oauth/x/accounts?state=" + again).body());
        assertThat(relisted.getJsonArray("accounts").getJsonObject(0).getLong("connected_account_id")).isEqualTo(id);
        Http.Reply twice = editor.post("/api/oauth/x/connect", new JsonObject().put("state", again)
                .put("external_ids", new JsonArray().add(userId("acmecoffee"))).encode());
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(new JsonObject(twice.body()).getString("error")).contains("already connected as account " + id);
        // Nothing was connected, so the state may be used to pick again.
        Http.Reply unknownPick = editor.post("/api/oauth/x/connect", new JsonObject().put("state", again)
                .put("external_ids", new JsonArray().add("42")).encode());
        assertThat(unknownPick.status()).isEqualTo(400);
        assertThat(editor.get("/api/oauth/x/accounts?state=" + again).status()).isEqualTo(200);
    }

    @Test
    void theStateIsSingleUseExpiresAndBelongsToWhoeverStartedIt() throws Exception {
        // Unknown, missing, or another network's state: words on the accounts page.
        assertThat(errorOf(callback(api("/api/oauth/x/callback?code=c&state=made-up")))).contains("unknown");
        assertThat(errorOf(callback(api("/api/oauth/x/callback?code=c")))).contains("without the sign-in's state");
        String authorize = startSignIn(editorToken, "");
        Map<String, String> q = Urls.queryParams(URI.create(authorize));
        assertThat(errorOf(callback(api("/api/oauth/facebook/callback?code=c&state=" + q.get("state"))))).contains("unknown");
        assertThat(errorOf(callback(api("/api/oauth/myspace/callback?code=c&state=" + q.get("state"))))).contains("unknown");

        // Single use: the callback once.
        Reply consent = send("GET", authorize + "&approve=yes", null, null);
        String back = consent.location().replace("//localhost:", "//127.0.0.1:");
        String state = stateOf(callback(back));
        assertThat(errorOf(callback(back))).contains("already used");

        // Bound to the user who started it.
        String otherEditor = Http.token(server, Role.ADMIN);
        Http other = new Http(server.port(), otherEditor);
        Http.Reply foreign = other.get("/api/oauth/x/accounts?state=" + state);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(new JsonObject(foreign.body()).getString("error")).contains("another user");
        assertThat(other.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmecoffee"))).encode()).status()).isEqualTo(403);
        assertThat(editor.get("/api/oauth/x/accounts?state=" + state).status()).isEqualTo(200);
        assertThat(editor.get("/api/oauth/x/accounts?state=nope").status()).isEqualTo(404);

        // Expired before the callback, and after it (the pick).
        String late = startSignIn(editorToken, "");
        sql("UPDATE oauth_flow SET expires_at = now() - interval '1 second' WHERE called_back_at IS NULL");
        assertThat(errorOf(consent(late, "approve=yes"))).contains("expired");
        sql("UPDATE oauth_flow SET expires_at = now() - interval '1 second'");
        Http.Reply expired = editor.get("/api/oauth/x/accounts?state=" + state);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(new JsonObject(expired.body()).getString("error")).contains("expired");
        assertThat(editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmecoffee"))).encode()).status()).isEqualTo(410);

        // Denied consent, in words; the state is over.
        String denied = startSignIn(editorToken, "");
        assertThat(errorOf(consent(denied, "deny=yes"))).contains("did not allow Goalpost");

        // Networks: unknown, and one without a sign-in.
        Reply unknown = send("GET", api("/api/oauth/myspace/start"), editorToken, null);
        assertThat(unknown.status()).isEqualTo(404);
        Reply noSignIn = send("GET", api("/api/oauth/facebook/start"), editorToken, null);
        assertThat(noSignIn.status()).isEqualTo(400);
        assertThat(new JsonObject(noSignIn.body()).getString("error")).contains("pasted token");
        // Viewers may not start one.
        assertThat(send("GET", api("/api/oauth/x/start"), Http.token(server, Role.VIEWER), null).status()).isEqualTo(403);
        assertThat(send("GET", api("/api/oauth/x/start"), null, null).status()).isEqualTo(401);
        assertThat(db.count("SELECT count(*) FROM account")).isZero();
    }

    @Test
    void aReconnectThroughTheSignInKeepsTheAccountAndItsHistory() throws Exception {
        long id = connectForm("acmecoffee", Map.of()).getLong("id");
        awaitStatus(id, "ok");
        long points = db.count("SELECT count(*) FROM metric_point WHERE account_id = " + id);
        assertThat(points).isPositive();
        // A goal that counts the account: it must still count it, with its history, after the reconnect.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Http.Reply goal = editor.post("/api/goals", new JsonObject().put("title", "More followers on X")
                .put("objective", "brand_awareness").put("kpi", "followers")
                .put("scope", new JsonObject().put("accounts", new JsonArray().add(id)))
                .put("target", new JsonObject().put("type", "increase_by").put("value", 1000))
                .put("start", today.minusDays(10).toString()).put("deadline", today.plusDays(30).toString()).encode());
        assertThat(goal.status()).as(goal.body()).isEqualTo(201);
        long goalId = new JsonObject(goal.body()).getLong("id");
        sql("UPDATE sync_state SET status = 'needs_reauth', last_error = 'X rejected the access token', "
                + "last_error_kind = 'auth_expired' WHERE account_id = " + id);
        JsonObject broken = new JsonObject(admin.get("/api/accounts/" + id).body());
        assertThat(broken.getBoolean("canSync")).isFalse();
        assertThat(broken.getString("cannotSyncReason")).contains("reconnect");
        Http.Reply refused = editor.post("/api/accounts/" + id + "/sync", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(new JsonObject(refused.body()).getString("error")).contains("reconnect");

        String state = signedIn(editorToken, "?account_id=" + id);
        JsonObject list = new JsonObject(editor.get("/api/oauth/x/accounts?state=" + state).body());
        assertThat(list.getLong("reconnect_account_id")).isEqualTo(id);
        // Another account than the one reconnected is refused, and the state may be used again.
        Http.Reply wrong = editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmeoutdoor"))).encode());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(409);
        Http.Reply two = editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmeoutdoor")).add(userId("acmecoffee"))).encode());
        assertThat(two.status()).isEqualTo(400);
        Http.Reply reconnected = editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmecoffee"))).encode());
        assertThat(reconnected.status()).as(reconnected.body()).isEqualTo(200);
        JsonObject result = new JsonObject(reconnected.body());
        assertThat(result.getLong("reconnect_account_id")).isEqualTo(id);
        JsonObject account = result.getJsonArray("accounts").getJsonObject(0);
        assertThat(account.getLong("id")).isEqualTo(id);
        assertThat(account.getString("name")).isEqualTo("@acmecoffee");
        assertThat(account.getBoolean("canSync")).isTrue();
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(1);
        awaitStatus(id, "ok");
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = " + id)).isGreaterThanOrEqualTo(points);
        Http.Reply kept = editor.get("/api/goals/" + goalId);
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        JsonArray scope = new JsonObject(kept.body()).getJsonObject("scope").getJsonArray("accounts");
        assertThat(scope).hasSize(1);
        assertThat(scope.getLong(0)).isEqualTo(id);
        assertThat(admin.delete("/api/goals/" + goalId).status()).isEqualTo(204);
        JsonObject updated = new JsonObject(admin.get("/api/audit?action=account.updated").body()).getJsonArray("events")
                .getJsonObject(0);
        assertThat(updated.getJsonObject("details").getString("via")).isEqualTo("oauth");
        assertThat(updated.getJsonObject("details").getBoolean("credentials_changed")).isTrue();
        assertThat(updated.encode()).doesNotContain("sandbox-x-");
    }

    @Test
    void aRenameAloneKeepsEverySettingAndCallsNoNetworkAndOmittedSettingsAreKept() throws Exception {
        long id = connectForm("acmecoffee", Map.of()).getLong("id");
        JsonObject before = awaitStatus(id, "ok");
        JsonObject config = before.getJsonObject("config");
        assertThat(config.getString("api_base_url")).startsWith(sandboxUrl);
        // An account that needs a new sign-in, while the network throttles: a rename still works, and
        // leaves the settings, the tokens and the status as they were (no check ran).
        sql("UPDATE sync_state SET status = 'needs_reauth' WHERE account_id = " + id);
        throttle.set(true);
        Http.Reply renamed = editor.put("/api/accounts/" + id, new JsonObject().put("name", "Coffee on X").encode());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        JsonObject after = new JsonObject(renamed.body());
        assertThat(after.getString("name")).isEqualTo("Coffee on X");
        assertThat(after.getJsonObject("config")).isEqualTo(config);
        assertThat(after.getJsonObject("sync").getString("status")).isEqualTo("needs_reauth");
        throttle.set(false);
        sql("UPDATE sync_state SET status = 'ok' WHERE account_id = " + id);
        // A PUT with one setting keeps the others (before, it dropped every non-secret one it did not name:
        // the API address went back to X's own and the client id was lost).
        Http.Reply one = editor.put("/api/accounts/" + id, new JsonObject().put("config", new JsonObject()
                .put("user_id", config.getString("user_id"))).encode());
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(new JsonObject(one.body()).getJsonObject("config")).isEqualTo(config);
        assertThat(new JsonObject(one.body()).getString("name")).isEqualTo("Coffee on X");
        awaitStatus(id, "ok");
    }

    // ---- accounts that stay connected ----

    @Test
    void rotatedTokensAreKeptThroughAConnectAndEveryReconnect() throws Exception {
        // An access token that expired long ago: the check renews it with the refresh token, which X
        // then voids. Before, the host saved the voided pair and the account broke at its next sync.
        String expired = "sandbox-x-acmeoutdoor-a1-1000";
        JsonObject account = connectForm("acmeoutdoor", Map.of("access_token", expired,
                "refresh_token", "sandbox-x-acmeoutdoor-refresh-0"));
        long id = account.getLong("id");
        awaitStatus(id, "ok");
        // Renamed hours later (the stored access token expired): the check renews it again; the rotated
        // refresh token must be what is stored, or the next edit (or sync) fails.
        // As the edit form sends it: every setting but the secrets left empty, here with an expired access token.
        Map<String, Object> config = new LinkedHashMap<>(xSandbox.demoAccounts(sandboxUrl).get(1).config());
        config.remove("refresh_token");
        config.put("access_token", expired);
        for (String name : List.of("Outdoor (renamed)", "Outdoor (renamed again)", "Outdoor")) {
            Http.Reply renamed = editor.put("/api/accounts/" + id, new JsonObject().put("name", name)
                    .put("config", new JsonObject(config)).encode());
            assertThat(renamed.status()).as(name + ": " + renamed.body()).isEqualTo(200);
        }
        // A settings change makes a sync due: while it runs, "Sync now" answers 409 "syncing now"; then 202.
        assertThat(syncNowOnceIdle(id).status()).isEqualTo(202);
        Thread.sleep(500);
        JsonObject synced = awaitStatus(id, "ok");
        assertThat(synced.getString("name")).isEqualTo("Outdoor");
        assertThat(synced.getJsonObject("sync").getValue("lastErrorKind")).isNull();
    }

    @Test
    void tokensThatLapseSoonNeedAttentionAndLapsedOnesCannotSync() throws Exception {
        long id = connectForm("acmecoffee", Map.of()).getLong("id");
        JsonObject ok = awaitStatus(id, "ok");
        assertThat(ok.getJsonObject("tokenHealth").getValue("warning")).isNull();
        assertThat(ok.getBoolean("canSync")).isTrue();

        // A refresh token (LinkedIn's lasts 365 days) that lapses in 10 days.
        sql("UPDATE account SET refresh_expires_at = now() + interval '10 days 1 hour' WHERE id = " + id);
        JsonObject soon = new JsonObject(admin.get("/api/accounts/" + id).body());
        assertThat(soon.getJsonObject("sync").getString("status")).isEqualTo("needs_attention");
        assertThat(soon.getJsonObject("sync").getString("statusText")).contains("lapses on").contains("in 10 days")
                .contains("reconnect");
        assertThat(soon.getJsonObject("tokenHealth").getString("refreshExpiresAt")).isNotNull();
        assertThat(soon.getJsonObject("tokenHealth").getString("warning")).contains("refresh token");
        assertThat(soon.getBoolean("canSync")).isTrue();
        // 20 days away: no warning yet.
        sql("UPDATE account SET refresh_expires_at = now() + interval '20 days' WHERE id = " + id);
        assertThat(new JsonObject(admin.get("/api/accounts/" + id).body()).getJsonObject("sync").getString("status"))
                .isEqualTo("ok");

        // An access token nothing renews (Instagram's 60-day token) lapses in 5 days.
        sql("UPDATE account SET refresh_expires_at = NULL, access_expires_at = now() + interval '5 days' WHERE id = " + id);
        // This account holds a refresh token, so its access token's end is no concern.
        assertThat(new JsonObject(admin.get("/api/accounts/" + id).body()).getJsonObject("tokenHealth").getValue("warning"))
                .isNull();
        String state = signedIn(editorToken, "");
        long other = new JsonObject(editor.post("/api/oauth/x/connect", new JsonObject().put("state", state)
                .put("external_ids", new JsonArray().add(userId("acmeoutdoor"))).encode()).body())
                .getJsonArray("accounts").getJsonObject(0).getLong("id");
        awaitStatus(other, "ok");
        sql("UPDATE account SET access_expires_at = now() + interval '5 days' WHERE id = " + other);
        JsonObject attention = new JsonObject(admin.get("/api/accounts/" + other).body());
        assertThat(attention.getJsonObject("sync").getString("status")).isEqualTo("needs_attention");
        assertThat(attention.getJsonObject("tokenHealth").getString("warning")).contains("access token")
                .contains("cannot be renewed");

        // Lapsed: cannot sync, and sync now says why.
        sql("UPDATE account SET access_expires_at = now() - interval '1 hour' WHERE id = " + other);
        JsonObject lapsed = new JsonObject(admin.get("/api/accounts/" + other).body());
        assertThat(lapsed.getJsonObject("sync").getString("status")).isEqualTo("needs_reauth");
        assertThat(lapsed.getBoolean("canSync")).isFalse();
        assertThat(lapsed.getString("cannotSyncReason")).contains("lapsed");
        Http.Reply refused = editor.post("/api/accounts/" + other + "/sync", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(new JsonObject(refused.body()).getString("error")).contains("lapsed");

        // A manual source has nothing to sync.
        long manual = new JsonObject(editor.post("/api/accounts", "{\"network\": \"manual\", \"name\": \"Web\"}").body()).getLong("id");
        assertThat(editor.post("/api/accounts/" + manual + "/sync", "").status()).isEqualTo(409);
    }

    @Test
    void theFirstSyncShowsItsProgressAndTheDashboardMarksTheAccount() throws Exception {
        JsonObject account = connectForm("acmecoffee", Map.of());
        long id = account.getLong("id");
        assertThat(account.getJsonObject("sync").getString("status")).isNotEqualTo("ok");
        JsonObject backfill = account.getJsonObject("backfill");
        assertThat(backfill).isNotNull();
        int total = server.plugins().network("x").orElseThrow().history().maxLookbackDays();
        assertThat(backfill.getInteger("daysToFetch")).isEqualTo(total);
        JsonObject done = awaitStatus(id, "ok");
        assertThat(done.getValue("backfill")).isNull();
        assertThat(db.count("SELECT count(*) FROM sync_state WHERE account_id = " + id
                + " AND backfill_done_at IS NOT NULL AND backfill_days_done = " + total)).isEqualTo(1);
        assertThat(new JsonObject(admin.get("/api/dashboard").body()).getJsonArray("accounts_backfilling")).isEmpty();

        // Midway through a long backfill (as the first sync of a two-year history looks after 10 minutes).
        sql("UPDATE sync_state SET status = 'backfilling', backfill_done_at = NULL, backfill_started_at = now() - "
                + "interval '10 minutes', backfill_days_total = 730, backfill_days_done = 73, backfill_posts = 12, "
                + "lease_owner = 'a running sync', lease_expires_at = now() + interval '1 hour' "
                + "WHERE account_id = " + id);
        JsonObject midway = new JsonObject(admin.get("/api/accounts/" + id).body());
        JsonObject progress = midway.getJsonObject("backfill");
        assertThat(progress.getInteger("daysFetched")).isEqualTo(73);
        assertThat(progress.getInteger("daysToFetch")).isEqualTo(730);
        assertThat(progress.getInteger("postsFetched")).isEqualTo(12);
        Instant estimate = Instant.parse(progress.getString("estimatedDoneAt"));
        assertThat(estimate).isBetween(Instant.now().plus(Duration.ofMinutes(85)), Instant.now().plus(Duration.ofMinutes(95)));
        assertThat(midway.getJsonObject("sync").getString("status")).isEqualTo("backfilling");
        assertThat(midway.getJsonObject("sync").getString("statusText")).contains("73 of 730 days").contains("12 posts")
                .doesNotContainIgnoringCase("up to date");
        JsonArray marked = new JsonObject(admin.get("/api/dashboard").body()).getJsonArray("accounts_backfilling");
        assertThat(marked).hasSize(1);
        assertThat(marked.getJsonObject(0).getLong("id")).isEqualTo(id);
        assertThat(marked.getJsonObject(0).getString("network")).isEqualTo("x");
        assertThat(marked.getJsonObject(0).getString("name")).isEqualTo("@acmecoffee");
        assertThat(marked.getJsonObject(0).getJsonObject("progress").getInteger("daysFetched")).isEqualTo(73);
    }

    @Test
    void aThrottledConnectionCheckSavesTheAccountAsPendingAndChecksItLater() throws Exception {
        throttle.set(true);
        DemoAccount demo = xSandbox.demoAccounts(sandboxUrl).get(0);
        Http.Reply r = editor.post("/api/accounts", new JsonObject().put("network", "x").put("name", "Throttled")
                .put("config", new JsonObject(new LinkedHashMap<String, Object>(demo.config()))).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonObject account = new JsonObject(r.body());
        JsonObject sync = account.getJsonObject("sync");
        assertThat(sync.getString("status")).isEqualTo("pending_check");
        assertThat(sync.getString("lastErrorKind")).isEqualTo("rate_limited");
        assertThat(sync.getString("retryAt")).isNotNull();
        assertThat(sync.getString("statusText")).contains("throttling").contains("checks it at");
        assertThat(sync.getString("lastError")).contains("checks it at");
        assertThat(r.body()).doesNotContain("sandbox-x-acmecoffee");
        throttle.set(false);
        JsonObject checked = awaitStatus(account.getLong("id"), "ok");
        assertThat(checked.getJsonObject("identity").getString("externalId")).isEqualTo(userId("acmecoffee"));
        assertThat(checked.getValue("backfill")).isNull();
    }
}
