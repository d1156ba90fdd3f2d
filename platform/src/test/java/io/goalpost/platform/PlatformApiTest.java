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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole path for real: the platform with the built plugin zips on a fresh PostgreSQL database, the
 * Facebook sandbox served over HTTP, accounts connected through the API and synced by the real adapter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PlatformApiTest {

    private static final Path PLUGINS = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));

    private Path dataDir;
    private TestDatabase db;
    private GoalpostServer server;
    private Http http;
    private Vertx sandboxVertx;
    private String sandboxUrl;
    private final AtomicInteger failRequest = new AtomicInteger(-1);
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        dataDir = java.nio.file.Files.createTempDirectory("goalpost-api-test");
        server = GoalpostServer.start(config());
        http = Http.admin(server);
        SandboxRegistry.LoadedSandbox facebook = BuiltSandboxes.of("facebook");
        NetworkSandbox real = facebook.sandbox();
        // The real sandbox, failing one chosen request with a 500 to interrupt a sync midway.
        NetworkSandbox flaky = new NetworkSandbox() {
            @Override
            public String networkId() {
                return real.networkId();
            }

            @Override
            public HttpResponse handle(HttpRequest request, Clock clock) {
                if (requests.incrementAndGet() == failRequest.get()) {
                    return HttpResponse.json(500, "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,\"type\":\"OAuthException\"}}");
                }
                return real.handle(request, clock);
            }

            @Override
            public List<DemoAccount> demoAccounts(String baseUrl) {
                return real.demoAccounts(baseUrl);
            }
        };
        sandboxVertx = Vertx.vertx();
        int port = SandboxServer.start(sandboxVertx, flaky, facebook.classLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        sandboxUrl = "http://127.0.0.1:" + port;
    }

    private ServerConfig config() {
        // The sandbox is a loopback http server: allowed only with --allow-private-api-hosts.
        return new ServerConfig(0, dataDir, Optional.of(db.url()), PLUGINS, Set.of("127.0.0.1"), true, Duration.ofHours(6));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sandboxVertx != null) {
            sandboxVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    private DemoAccount demoPage(int index) {
        return BuiltSandboxes.of("facebook").sandbox().demoAccounts(sandboxUrl).get(index);
    }

    private JsonObject connect(String name, Map<String, String> config) throws Exception {
        Http.Reply reply = http.post("/api/accounts", new JsonObject().put("network", "facebook").put("name", name)
                .put("config", new JsonObject(new java.util.HashMap<String, Object>(config))).encode());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new JsonObject(reply.body());
    }

    private JsonObject awaitSync(long id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            JsonObject account = new JsonObject(http.get("/api/accounts/" + id).body());
            if (account.getJsonObject("sync").getString("status").equals(status)) {
                return account;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("account " + id + " did not reach status " + status + ": " + http.get("/api/accounts/" + id).body());
    }

    private JsonObject series(long id) throws Exception {
        LocalDate today = LocalDate.now();
        return new JsonObject(http.get("/api/accounts/" + id + "/metrics?from=" + today.minusDays(800) + "&to=" + today).body())
                .getJsonObject("series");
    }

    @Test
    void connectsSyncsAndServesTwoYearsOfHistoryWithoutExposingTheToken() throws Exception {
        DemoAccount page = demoPage(0);
        String token = page.config().get("page_access_token");
        JsonObject account = connect("Coffee Page", page.config());
        assertThat(account.getJsonObject("identity").getString("displayName")).isNotBlank();
        long id = account.getLong("id");

        awaitSync(id, "ok");
        JsonObject series = series(id);
        assertThat(series.getJsonArray("followers").size()).isGreaterThanOrEqualTo(300);
        assertThat(series.getJsonArray("views").size()).isGreaterThanOrEqualTo(300);
        assertThat(http.get("/api/accounts").body()).doesNotContain(token).contains("page_access_token");
        assertThat(http.get("/api/accounts/" + id).body()).doesNotContain(token);
    }

    @Test
    void rejectsBadAccountsWithMessagesNamingTheProblemAndKeepsServing() throws Exception {
        Http.Reply unknown = http.post("/api/accounts", "{\"network\":\"myspace\",\"name\":\"A\",\"config\":{}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(new JsonObject(unknown.body()).getString("error")).contains("unknown network 'myspace'").contains("facebook");

        Http.Reply missing = http.post("/api/accounts", "{\"network\":\"facebook\",\"name\":\"A\",\"config\":{\"page_access_token\":\"t\"}}");
        assertThat(missing.status()).isEqualTo(400);
        JsonObject body = new JsonObject(missing.body());
        assertThat(body.getString("error")).contains("Page");
        assertThat(body.getJsonArray("details")).anySatisfy(d -> assertThat(((JsonObject) d).getString("field")).isEqualTo("page_id"));

        Http.Reply malformed = http.post("/api/accounts", "{\"network\": \"facebook\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(new JsonObject(malformed.body()).getString("error")).contains("malformed JSON");

        Http.Reply revoked = http.post("/api/accounts", new JsonObject().put("network", "facebook").put("name", "Old")
                .put("config", new JsonObject(new java.util.HashMap<String, Object>(demoPage(2).config())).put("page_access_token", "revoked-token")).encode());
        assertThat(revoked.status()).isEqualTo(422);
        assertThat(revoked.body()).contains("connection check failed").contains("auth_expired").doesNotContain("revoked-token");

        assertThat(http.get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void anInterruptedSyncResumesWithoutLosingOrRepeatingPoints() throws Exception {
        // The same Page cannot be connected twice at once: sync it cleanly, keep its series, remove it.
        long clean = connect("Outdoor (clean)", demoPage(1).config()).getLong("id");
        awaitSync(clean, "ok");
        JsonObject cleanSeries = series(clean);
        assertThat(http.delete("/api/accounts/" + clean).status()).isEqualTo(204);

        requests.set(0);
        failRequest.set(6); // a few batches in: some windows stored, the cursor of the next one committed
        long interrupted = connect("Outdoor (interrupted)", demoPage(1).config()).getLong("id");
        JsonObject failed = awaitSync(interrupted, "error");
        assertThat(failed.getJsonObject("sync").getString("lastError")).isNotBlank();
        long partial = db.count("SELECT count(*) FROM metric_point WHERE account_id = " + interrupted);
        assertThat(partial).isPositive();

        failRequest.set(-1);
        assertThat(http.post("/api/accounts/" + interrupted + "/sync", "").status()).isEqualTo(202);
        awaitSync(interrupted, "ok");
        assertThat(series(interrupted)).isEqualTo(cleanSeries);
        assertThat(http.delete("/api/accounts/" + interrupted).status()).isEqualTo(204);
    }

    @Test
    void theSameExternalAccountCannotBeConnectedTwice() throws Exception {
        DemoAccount page = demoPage(2);
        long first = connect("Acme Outdoor", page.config()).getLong("id");
        // Same Page id, any token: refused before any call to the network, naming the account that has it.
        int before = requests.get();
        Http.Reply again = http.post("/api/accounts", new JsonObject().put("network", "facebook").put("name", "Outdoor again")
                .put("config", new JsonObject(new java.util.HashMap<String, Object>(page.config()))
                        .put("page_access_token", "another-token-for-the-same-page")).encode());
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        JsonObject body = new JsonObject(again.body());
        assertThat(body.getString("error")).contains("already connected as account " + first).contains("Acme Outdoor");
        assertThat(body.getJsonObject("details").getJsonObject("existing").getLong("id")).isEqualTo(first);
        assertThat(body.encode()).doesNotContain("another-token-for-the-same-page");
        assertThat(requests.get()).isEqualTo(before);
        assertThat(new JsonArray(http.get("/api/accounts").body()).stream()
                .filter(a -> ((JsonObject) a).getString("name").equals("Outdoor again"))).isEmpty();
        // A network whose configuration does not name the account (Pinterest: only a token): the identity
        // the connection check returns is already connected.
        SandboxRegistry.LoadedSandbox pinterest = BuiltSandboxes.of("pinterest");
        int port = SandboxServer.start(sandboxVertx, pinterest.sandbox(), pinterest.classLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        DemoAccount board = pinterest.sandbox().demoAccounts("http://127.0.0.1:" + port).get(0);
        JsonObject pin = new JsonObject().put("network", "pinterest").put("name", "Acme Pins")
                .put("config", new JsonObject(new java.util.HashMap<String, Object>(board.config())));
        Http.Reply pinFirst = http.post("/api/accounts", pin.encode());
        assertThat(pinFirst.status()).as(pinFirst.body()).isEqualTo(201);
        Http.Reply pinAgain = http.post("/api/accounts", pin.copy().put("name", "Acme Pins again").encode());
        assertThat(pinAgain.status()).as(pinAgain.body()).isEqualTo(409);
        assertThat(new JsonObject(pinAgain.body()).getString("error"))
                .contains("already connected as account " + new JsonObject(pinFirst.body()).getLong("id"));
        assertThat(http.delete("/api/accounts/" + new JsonObject(pinFirst.body()).getLong("id")).status()).isEqualTo(204);
        // Renaming the account itself (same Page) is not a duplicate.
        JsonObject plain = new JsonObject(new java.util.HashMap<String, Object>(page.config()));
        plain.remove("page_access_token");
        Http.Reply rename = http.put("/api/accounts/" + first, new JsonObject().put("name", "Acme Outdoor Co").put("config", plain).encode());
        assertThat(rename.status()).as(rename.body()).isEqualTo(200);
        // Editing its settings to another Page (with that Page's token) would mix two Pages' histories in one
        // account: refused, and the account keeps its Page.
        Http.Reply switched = http.put("/api/accounts/" + first, new JsonObject().put("name", "Acme Outdoor Co")
                .put("config", new JsonObject(new java.util.HashMap<String, Object>(demoPage(1).config()))).encode());
        assertThat(switched.status()).as(switched.body()).isEqualTo(409);
        assertThat(new JsonObject(switched.body()).getString("error")).contains("would mix two accounts");
        assertThat(new JsonObject(http.get("/api/accounts/" + first).body()).getJsonObject("identity").getString("externalId"))
                .isEqualTo(page.config().get("page_id"));
        assertThat(http.delete("/api/accounts/" + first).status()).isEqualTo(204);
    }

    @Test
    void listsPluginsAndNetworksWithWhatTheyCannotReport() throws Exception {
        JsonArray plugins = new JsonArray(http.get("/api/plugins").body());
        assertThat(plugins).hasSize(6);
        JsonArray networks = new JsonArray(http.get("/api/networks").body());
        JsonObject x = networks.stream().map(JsonObject.class::cast).filter(n -> n.getString("id").equals("x")).findFirst().orElseThrow();
        assertThat(x.getJsonObject("unavailable").getString("follower_gains")).contains("history");
        assertThat(x.getJsonArray("config")).anySatisfy(f -> {
            JsonObject field = (JsonObject) f;
            if (field.getString("key").equals("access_token")) {
                assertThat(field.getBoolean("secret")).isTrue();
            }
        });
        // The network's declared quotas, as the plugin's README lists them: X's monthly cap on post reads.
        assertThat(x.getJsonArray("quotas")).anySatisfy(q -> {
            JsonObject quota = (JsonObject) q;
            assertThat(quota.getString("scope")).isEqualTo("APP");
            assertThat(quota.getString("window")).isEqualTo("MONTH");
            assertThat(quota.getLong("limit")).isEqualTo(20_000L);
            assertThat(quota.getString("calls")).isEqualTo("/users/[^/]+/tweets$");
        });
    }
}
