package io.goalpost.platform.connect;

import io.goalpost.platform.testing.BuiltSandboxes;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AppCredentials;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Connect with …" over HTTP for every network, as issue 10 asks, with the real plugins and their
 * sandboxes: {@code GET /api/oauth/{network}/start} as an editor answers 302 to the sandbox's consent
 * page; following the redirects with {@code approve=yes} ends on Goalpost's callback, which sends the
 * browser to the pick page; {@code GET /api/oauth/{network}/accounts?state=…} lists the discovered
 * accounts; {@code POST /api/oauth/{network}/connect} creates one, which then syncs.
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
            int port = SandboxServer.start(vertx, sandbox.get().sandbox(), sandbox.get().classLoader(), Clock.systemUTC())
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

    @ParameterizedTest
    @ValueSource(strings = {"facebook", "instagram", "linkedin", "tiktok", "x", "pinterest"})
    void connectsAnAccountThroughTheNetworksSignIn(String network) throws Exception {
        assertThat(sandboxes).as("the " + network + " plugin has a sign-in and a sandbox").containsKey(network);
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> start = get(base + "/api/oauth/" + network + "/start", editorToken);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(sandboxes.get(network));

        // The consent page, approved without a page; the sandbox may redirect within itself, and ends on our callback.
        String callback = "http://localhost:" + server.port() + "/api/oauth/" + network + "/callback";
        String next = location + (location.contains("?") ? "&" : "?") + "approve=yes";
        for (int hops = 0; !next.startsWith(callback); hops++) {
            assertThat(hops).as("redirects before the callback, at " + next).isLessThan(5);
            HttpResponse<String> r = get(next, null);
            assertThat(r.statusCode()).as(next + ": " + r.body()).isBetween(301, 303);
            next = URI.create(next).resolve(r.headers().firstValue("Location").orElseThrow()).toString();
        }
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
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> start = get(base + "/api/oauth/" + network + "/start", editorToken);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String callback = "http://localhost:" + server.port() + "/api/oauth/" + network + "/callback";
        String next = start.headers().firstValue("Location").orElseThrow() + "&approve=yes&decline=" + permission;
        for (int hops = 0; !next.startsWith(callback); hops++) {
            assertThat(hops).as("redirects before the callback, at " + next).isLessThan(5);
            HttpResponse<String> r = get(next, null);
            assertThat(r.statusCode()).as(next + ": " + r.body()).isBetween(301, 303);
            next = URI.create(next).resolve(r.headers().firstValue("Location").orElseThrow()).toString();
        }
        HttpResponse<String> back = get(next.replace("//localhost:", "//127.0.0.1:"), null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String ui = URLDecoder.decode(back.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(ui).startsWith("/#/accounts?connect_error=").contains("did not grant every permission Goalpost needs")
                .contains(permission).contains("connect again");
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before);
    }
}
