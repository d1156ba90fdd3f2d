package io.goalpost.platform;

import io.goalpost.platform.plugins.SandboxRegistry;
import io.goalpost.platform.testing.BuiltSandboxes;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbound requests through the whole platform (real plugins, real PostgreSQL): URLs that would point
 * the server at itself or at internal addresses are refused when an account is saved, before anything
 * is sent; a redirect to another host does not carry the token there; and moving a stored token to a
 * new address needs the token again.
 *
 * <p>Two servers: one as it runs in production (no {@code --allow-private-api-hosts}; the test
 * addresses are even on its extra-hosts list, so the address rules are what refuse them), and one with
 * the flag, as the demo and the other tests run, whose first hop to a loopback sandbox is allowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class OutboundRequestsTest {

    private static final Path PLUGINS = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));
    private static final String TOKEN = "ssrf-test-token-7c1f";

    private final TestDatabase[] dbs = new TestDatabase[2];
    private GoalpostServer closed;
    private GoalpostServer open;
    private Http closedHttp;
    private Http openHttp;
    private Vertx vertx;
    /** Loopback listeners that count every TCP connection (an SSRF attempt must not make one). */
    private final AtomicInteger loopbackConnections = new AtomicInteger();
    private int loopbackPort;
    private int loopback6Port;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        dbs[0] = new TestDatabase();
        dbs[1] = new TestDatabase();
        closed = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-outbound-closed"),
                Optional.of(dbs[0].url()), PLUGINS, Set.of("127.0.0.1", "localhost", "::1", "169.254.169.254", "10.0.0.1"),
                false, Duration.ofHours(6)));
        open = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-outbound-open"),
                Optional.of(dbs[1].url()), PLUGINS, Set.of("127.0.0.1", "127.0.0.2"), true, Duration.ofHours(6)));
        closedHttp = Http.admin(closed);
        openHttp = Http.admin(open);
        loopbackPort = countingListener("127.0.0.1");
        loopback6Port = countingListener("::1");
    }

    @AfterAll
    void stop() throws Exception {
        for (GoalpostServer s : new GoalpostServer[] {closed, open}) {
            if (s != null) {
                s.close();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        for (TestDatabase db : dbs) {
            if (db != null) {
                db.close();
            }
        }
    }

    private int countingListener(String host) throws Exception {
        NetServer server = vertx.createNetServer().connectHandler(socket -> {
            loopbackConnections.incrementAndGet();
            socket.close();
        });
        return server.listen(0, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private static String facebook(String name, Map<String, String> config) {
        return new JsonObject().put("network", "facebook").put("name", name)
                .put("config", new JsonObject(new HashMap<String, Object>(config))).encode();
    }

    private static Map<String, String> page(String apiBaseUrl) {
        return Map.of("page_id", "1234567890", "page_access_token", TOKEN, "api_base_url", apiBaseUrl);
    }

    /** A 400 whose details name api_base_url with the given words, and no secret. */
    private static void refusedNamingTheField(Http.Reply reply, String... words) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonObject body = new JsonObject(reply.body());
        assertThat(body.getJsonArray("details")).singleElement().satisfies(d -> {
            JsonObject detail = (JsonObject) d;
            assertThat(detail.getString("field")).isEqualTo("api_base_url");
            assertThat(detail.getString("message")).startsWith("api_base_url ").contains(words);
        });
        assertThat(body.getString("error")).contains(words);
        assertThat(reply.body()).doesNotContain(TOKEN);
    }

    @Test
    void internalAddressesAreRefusedWhenTheAccountIsSavedAndNothingIsSent() throws Exception {
        String loopbackMessage = "a loopback address";
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Loopback",
                page("https://127.0.0.1:" + loopbackPort + "/v25.0"))), loopbackMessage, "(127.0.0.1)",
                "Goalpost refuses it unless started with --allow-private-api-hosts");
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Named loopback",
                page("https://localhost:" + loopbackPort + "/v25.0"))), loopbackMessage, "(127.0.0.1)");
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("IPv6 loopback",
                page("https://[::1]:" + loopback6Port + "/v25.0"))), loopbackMessage, "(::1)");
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Metadata",
                page("https://169.254.169.254/latest/meta-data"))), "a link-local address", "(169.254.169.254)",
                "Goalpost never calls such addresses");
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Private",
                page("https://10.0.0.1/v25.0"))), "api_base_url points at a private address (10.0.0.1); Goalpost refuses it "
                + "unless started with --allow-private-api-hosts");
        // The server's own API: loopback, so refused already.
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Itself",
                page("https://127.0.0.1:" + closed.port() + "/api"))), loopbackMessage);
        // Plain http, even to the network's own host, and hosts the plugin does not call.
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Cleartext",
                page("http://graph.facebook.com/v25.0"))), "must start with https://", "--allow-private-api-hosts");
        refusedNamingTheField(closedHttp.post("/api/accounts", facebook("Elsewhere",
                page("https://collector.example/v25.0"))), "'collector.example'", "may not call", "graph.facebook.com");

        assertThat(loopbackConnections.get()).as("connections the SSRF attempts made").isZero();
        assertThat(new JsonArray(closedHttp.get("/api/accounts").body())).as("nothing saved").isEmpty();
    }

    @Test
    void withTheFlagTheSandboxIsReachableButTheServersOwnPortAndLinkLocalAreNot() throws Exception {
        refusedNamingTheField(openHttp.post("/api/accounts", facebook("Itself",
                page("http://127.0.0.1:" + open.port() + "/api"))), "points at Goalpost itself (127.0.0.1:" + open.port() + ")",
                "never sends requests to its own port");
        refusedNamingTheField(openHttp.post("/api/accounts", facebook("Itself, by another address",
                page("http://127.0.0.2:" + open.port() + "/api"))), "points at Goalpost itself");
        assertThat(new JsonArray(openHttp.get("/api/accounts").body()).stream()
                .map(a -> ((JsonObject) a).getString("name"))).doesNotContain("Itself", "Itself, by another address");

        Sandbox sandbox = sandbox(1);
        Http.Reply connected = openHttp.post("/api/accounts", facebook("Sandbox page", sandbox.page().config()));
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        assertThat(sandbox.requests().get()).isPositive();
        assertThat(openHttp.delete("/api/accounts/" + new JsonObject(connected.body()).getLong("id")).status()).isEqualTo(204);
    }

    /** What a server saw of one request. */
    record Seen(String uri, String authorization) {
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedWithTheToken() throws Exception {
        ConcurrentLinkedQueue<Seen> trapped = new ConcurrentLinkedQueue<>();
        int trap = recorder("127.0.0.1", trapped, 200, null);
        int trap2 = recorder("127.0.0.2", trapped, 200, null);
        for (String target : List.of("http://127.0.0.1:" + trap + "/collect", "http://127.0.0.2:" + trap2 + "/collect")) {
            ConcurrentLinkedQueue<Seen> first = new ConcurrentLinkedQueue<>();
            int redirecting = recorder("127.0.0.1", first, 302, target);
            Http.Reply reply = openHttp.post("/api/accounts", facebook("Redirected",
                    page("http://127.0.0.1:" + redirecting + "/v25.0")));
            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(new JsonObject(reply.body()).getString("error")).contains("connection check failed")
                    .contains("redirecting to " + target.substring(0, target.indexOf("/collect")))
                    .contains("Goalpost does not follow redirects to another host");
            assertThat(reply.body()).doesNotContain(TOKEN);
            // The first hop carried the token (so the test means something); the second was never made.
            assertThat(first).isNotEmpty().allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN));
        }
        assertThat(trapped).as("requests that reached the other hosts").isEmpty();
    }

    private int recorder(String host, ConcurrentLinkedQueue<Seen> seen, int status, String location) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            seen.add(new Seen(req.uri(), req.getHeader("Authorization")));
            var response = req.response().setStatusCode(status);
            if (location != null) {
                response.putHeader("Location", location + req.uri());
            }
            response.end("{}");
        });
        return server.listen(0, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @Test
    void changingWhereTheTokenGoesRequiresTheToken() throws Exception {
        Sandbox first = sandbox(0);
        Map<String, String> config = first.page().config();
        Http.Reply created = openHttp.post("/api/accounts", facebook("Moving page", config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = new JsonObject(created.body()).getLong("id");
        String token = config.get("page_access_token");
        Sandbox second = sandbox(0);
        String oldUrl = config.get("api_base_url");
        String newUrl = oldUrl.replace(first.base(), second.base());

        JsonObject withoutToken = new JsonObject().put("page_id", config.get("page_id")).put("api_base_url", newUrl);
        Http.Reply refused = openHttp.put("/api/accounts/" + id, new JsonObject().put("config", withoutToken).encode());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonObject body = new JsonObject(refused.body());
        assertThat(body.getString("error")).contains("to send the token to a new address, enter the token again")
                .contains("api_base_url").contains("page_access_token").contains("nothing was saved");
        assertThat(body.getJsonArray("details")).singleElement()
                .satisfies(d -> assertThat(((JsonObject) d).getString("field")).isEqualTo("page_access_token"));
        assertThat(second.requests().get()).as("requests the new address received").isZero();
        JsonObject stored = new JsonObject(openHttp.get("/api/accounts/" + id).body());
        assertThat(stored.getJsonObject("config").getString("api_base_url")).isEqualTo(oldUrl);

        // A blank token counts as not given.
        Http.Reply blank = openHttp.put("/api/accounts/" + id, new JsonObject()
                .put("config", withoutToken.copy().put("page_access_token", "  ")).encode());
        assertThat(blank.status()).as(blank.body()).isEqualTo(400);
        assertThat(second.requests().get()).isZero();

        // Renaming without moving needs no token.
        Http.Reply renamed = openHttp.put("/api/accounts/" + id, new JsonObject().put("name", "Moving page (renamed)")
                .put("config", new JsonObject().put("page_id", config.get("page_id")).put("api_base_url", oldUrl + "/"))
                .encode());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(second.requests().get()).isZero();

        // With the token in the same request the account moves.
        Http.Reply moved = openHttp.put("/api/accounts/" + id, new JsonObject()
                .put("config", withoutToken.copy().put("page_access_token", token)).encode());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(new JsonObject(moved.body()).getJsonObject("config").getString("api_base_url")).isEqualTo(newUrl);
        assertThat(second.requests().get()).isPositive();
        assertThat(openHttp.delete("/api/accounts/" + id).status()).isEqualTo(204);
    }

    /** A Facebook sandbox of its own on a loopback port, counting the requests it answers. */
    record Sandbox(String base, DemoAccount page, AtomicInteger requests) {
    }

    private Sandbox sandbox(int demoPage) throws Exception {
        SandboxRegistry.LoadedSandbox facebook = BuiltSandboxes.of("facebook");
        NetworkSandbox real = facebook.sandbox();
        AtomicInteger requests = new AtomicInteger();
        NetworkSandbox counting = new NetworkSandbox() {
            @Override
            public String networkId() {
                return real.networkId();
            }

            @Override
            public HttpResponse handle(HttpRequest request, Clock clock) {
                requests.incrementAndGet();
                return real.handle(request, clock);
            }

            @Override
            public List<DemoAccount> demoAccounts(String baseUrl) {
                return real.demoAccounts(baseUrl);
            }
        };
        int port = SandboxServer.start(vertx, counting, facebook.classLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        String base = "http://127.0.0.1:" + port;
        return new Sandbox(base, real.demoAccounts(base).get(demoPage), requests);
    }
}
