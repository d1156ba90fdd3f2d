package io.goalpost.platform.plugins;

import io.goalpost.platform.testing.BuiltSandboxes;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Plugin operations through the API on a running server (same process throughout): upgrade while an
 * account syncs, disable/enable, uninstall/reinstall keeping history, tampered uploads refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class PluginApiTest {

    private TestDatabase db;
    private GoalpostServer server;
    private Http http;
    private Vertx sandboxVertx;
    private String sandboxUrl;
    private final AtomicInteger delayMillis = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        Path dataDir = Files.createTempDirectory("goalpost-plugin-api-test");
        server = GoalpostServer.start(new ServerConfig(0, dataDir, Optional.of(db.url()), PluginZips.BUILT, Set.of("127.0.0.1"),
                true, Duration.ofHours(6)));
        http = Http.admin(server);
        // The Facebook sandbox, answering while a Facebook plugin runs (as the demo's follows its plugin), a
        // little slow so a sync is still running when the upgrade arrives.
        PluginRegistry plugins = server.plugins();
        NetworkSandbox following = new NetworkSandbox() {
            @Override
            public String networkId() {
                return "facebook";
            }

            @Override
            public HttpResponse handle(HttpRequest request, Clock clock) {
                requests.incrementAndGet();
                try {
                    Thread.sleep(delayMillis.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LoadedNetwork now = plugins.loaded("facebook").orElse(null);
                if (now == null) {
                    return HttpResponse.json(503, "{\"error\":{\"message\":\"sandbox down\",\"code\":2}}");
                }
                SandboxRegistry.LoadedSandbox sandbox = BuiltSandboxes.of("facebook");
                return PluginRegistry.withLoader(sandbox.classLoader(), () -> sandbox.sandbox().handle(request, clock));
            }

            @Override
            public List<DemoAccount> demoAccounts(String baseUrl) {
                SandboxRegistry.LoadedSandbox sandbox = BuiltSandboxes.of("facebook");
                return PluginRegistry.withLoader(sandbox.classLoader(), () -> sandbox.sandbox().demoAccounts(baseUrl));
            }
        };
        sandboxVertx = Vertx.vertx();
        int port = SandboxServer.start(sandboxVertx, following, getClass().getClassLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        sandboxUrl = "http://127.0.0.1:" + port;
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

    private Map<String, String> page(int index) {
        SandboxRegistry.LoadedSandbox fb = BuiltSandboxes.of("facebook");
        return PluginRegistry.withLoader(fb.classLoader(), () -> fb.sandbox().demoAccounts(sandboxUrl)).get(index).config();
    }

    private long connect(String name, Map<String, String> config) throws Exception {
        Http.Reply reply = http.post("/api/accounts", new JsonObject().put("network", "facebook").put("name", name)
                .put("config", new JsonObject(new java.util.HashMap<String, Object>(config))).encode());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new JsonObject(reply.body()).getLong("id");
    }

    private JsonObject account(long id) throws Exception {
        return new JsonObject(http.get("/api/accounts/" + id).body());
    }

    private JsonObject awaitStatus(long id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            JsonObject account = account(id);
            if (account.getJsonObject("sync").getString("status").equals(status)) {
                return account;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("account " + id + " did not reach status " + status + ": " + account(id));
    }

    private JsonObject series(long id) throws Exception {
        LocalDate today = LocalDate.now();
        return new JsonObject(http.get("/api/accounts/" + id + "/metrics?from=" + today.minusDays(800) + "&to=" + today).body())
                .getJsonObject("series");
    }

    private List<String> networks() throws Exception {
        return new JsonArray(http.get("/api/networks").body()).stream().map(n -> ((JsonObject) n).getString("id")).toList();
    }

    private JsonObject plugin(String id) throws Exception {
        return new JsonArray(http.get("/api/plugins").body()).stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals(id) && !p.getString("state").equals("REFUSED")).findFirst().orElse(null);
    }

    private long points(long id) throws Exception {
        return db.count("SELECT count(*) FROM metric_point WHERE account_id = " + id);
    }

    @Test
    @Order(1)
    void upgradingWhileAnAccountSyncsLosesAndRepeatsNoPointAndTheNextSyncRunsUnderTheNewVersion() throws Exception {
        long clean = connect("Coffee (clean)", page(0));
        awaitStatus(clean, "ok");
        JsonObject cleanSeries = series(clean);
        assertThat(http.delete("/api/accounts/" + clean).status()).isEqualTo(204);

        delayMillis.set(60);
        long id = connect("Coffee", page(0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (points(id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(points(id)).as("the sync is under way").isPositive();
        assertThat(account(id).getJsonObject("sync").getString("status")).isIn("backfilling", "syncing");

        Http.Reply upgrade = http.postBytes("/api/plugins?file=facebook-0.2.0.zip", "application/zip",
                PluginZips.version("facebook", "0.2.0"));
        assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(201);
        assertThat(new JsonObject(upgrade.body()).getString("version")).isEqualTo("0.2.0");
        delayMillis.set(0);
        assertThat(plugin("facebook").getString("version")).isEqualTo("0.2.0");
        assertThat(plugin("facebook").getString("publisher")).isEqualTo(PluginTrust.developmentKey().name());

        // The sync the upgrade waited for finished; another one runs under 0.2.0 and changes nothing.
        awaitStatus(id, "ok");
        assertThat(series(id)).isEqualTo(cleanSeries);
        int before = requests.get();
        assertThat(http.post("/api/accounts/" + id + "/sync", "").status()).isEqualTo(202);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (requests.get() == before && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        awaitStatus(id, "ok");
        assertThat(requests.get()).as("a sync ran under the new version").isGreaterThan(before);
        assertThat(series(id)).isEqualTo(cleanSeries);
    }

    @Test
    @Order(2)
    void disablingRemovesTheNetworkAndMarksItsAccountsEnablingBringsThemBackAndTheySync() throws Exception {
        long id = connect("Outdoor", page(1));
        awaitStatus(id, "ok");
        JsonObject history = series(id);

        Http.Reply disabled = http.post("/api/plugins/facebook/disable", "");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(new JsonObject(disabled.body()).getString("state")).isEqualTo("DISABLED");
        assertThat(networks()).doesNotContain("facebook").contains("x");
        JsonObject away = account(id);
        assertThat(away.getJsonObject("sync").getString("status")).isEqualTo("plugin_disabled");
        assertThat(away.getJsonObject("sync").getString("lastError")).contains("disabled by an administrator");
        assertThat(series(id)).as("history kept").isEqualTo(history);

        assertThat(http.post("/api/plugins/facebook/enable", "").status()).isEqualTo(200);
        assertThat(networks()).contains("facebook");
        awaitStatus(id, "ok");
        assertThat(series(id)).isEqualTo(history);

        JsonArray audit = new JsonObject(http.get("/api/audit?limit=50").body()).getJsonArray("events");
        assertThat(audit.stream().map(e -> ((JsonObject) e).getString("action")))
                .contains("plugin.disabled", "plugin.enabled", "plugin.installed");
    }

    @Test
    @Order(3)
    void uninstallingKeepsHistoryAndReinstallingSyncsAgain() throws Exception {
        long id = connect("Bakery", page(2));
        awaitStatus(id, "ok");
        JsonObject history = series(id);

        assertThat(http.delete("/api/plugins/facebook").status()).isEqualTo(200);
        assertThat(plugin("facebook")).isNull();
        assertThat(networks()).doesNotContain("facebook");
        assertThat(account(id).getJsonObject("sync").getString("status")).isEqualTo("plugin_missing");
        assertThat(series(id)).isEqualTo(history);

        Http.Reply reinstall = http.postBytes("/api/plugins?file=goalpost-plugin-facebook.zip", "application/zip",
                PluginZips.built("facebook"));
        assertThat(reinstall.status()).as(reinstall.body()).isEqualTo(201);
        awaitStatus(id, "ok");
        assertThat(series(id)).isEqualTo(history);
    }

    @Test
    @Order(4)
    void aTamperedOrUnsignedUploadIsRefusedWithTheReasonAndListedInHealth() throws Exception {
        Http.Reply tampered = http.postBytes("/api/plugins?file=x-tampered.zip", "application/zip",
                PluginZips.tampered(PluginZips.built("x")));
        assertThat(tampered.status()).isEqualTo(422);
        assertThat(new JsonObject(tampered.body()).getString("error")).contains("bad signature");
        Http.Reply unsigned = http.postBytes("/api/plugins?file=x-unsigned.zip", "application/zip",
                PluginZips.rewrite(PluginZips.built("x"), e -> { }, null));
        assertThat(unsigned.status()).isEqualTo(422);
        assertThat(new JsonObject(unsigned.body()).getString("error")).contains("unsigned");
        assertThat(networks()).contains("x");

        JsonArray audit = new JsonObject(http.get("/api/audit?limit=50").body()).getJsonArray("events");
        assertThat(audit.stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals("plugin.refused")))
                .anySatisfy(e -> assertThat(e.encode()).contains("bad signature"));

        JsonObject health = new JsonObject(http.get("/api/health").body());
        assertThat(health.getJsonArray("refusedPlugins").stream().map(r -> ((JsonObject) r).getString("file")))
                .contains("x-tampered.zip", "x-unsigned.zip");
        assertThat(health.getJsonArray("pluginWarnings").encode()).contains("development signing key");

        Http editor = new Http(server.port(), Http.token(server, Role.EDITOR));
        assertThat(editor.postBytes("/api/plugins", "application/zip", PluginZips.built("x")).status()).isEqualTo(403);
        assertThat(editor.post("/api/plugins/x/disable", "").status()).isEqualTo(403);
        assertThat(http.post("/api/plugins/nope/disable", "").status()).isEqualTo(404);
    }
}
