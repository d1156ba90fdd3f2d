package io.goalpost.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.plugins.PluginZips;
import io.goalpost.platform.testing.BuiltSandboxes;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The demo's sandboxes come from their own zips and follow their plugin; accounts connected to them
 * are marked {@code origin: "sandbox"} for good, even when the demo's data directory is later served
 * with {@code serve}; a plugin installed after the demo started gets its sandbox and demo accounts.
 */
final class DemoSandboxesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void sandboxAccountsAreMarkedForGoodAndAPluginInstalledAfterTheDemoGetsItsSandbox() throws Exception {
        Path dataDir = Files.createTempDirectory("goalpost-demo-sandboxes");
        // Only Facebook at first: Instagram is installed while the demo runs.
        Path plugins = Files.createDirectories(dataDir.resolve("plugins-in"));
        Files.write(plugins.resolve("goalpost-plugin-facebook.zip"), PluginZips.built("facebook"));
        try (TestDatabase db = new TestDatabase()) {
            ServerConfig config = new ServerConfig(0, dataDir, Optional.of(db.url()), plugins, Set.of("127.0.0.1", "localhost"),
                    true, Duration.ofHours(6)); // the demo's loopback sandboxes
            try (GoalpostServer demo = GoalpostServer.start(config)) {
                Demo.Summary summary = demo.runDemo(Optional.of(BuiltSandboxes.DIR));
                assertThat(summary.networks()).containsExactly("facebook");
                Http http = Http.admin(demo);
                JsonArray accounts = accounts(http);
                assertThat(accounts).isNotEmpty();
                assertThat(accounts).allSatisfy(a -> assertThat(((JsonObject) a).getString("origin")).isEqualTo("sandbox"));
                JsonObject first = (JsonObject) accounts.getValue(0);
                assertThat(new JsonObject(http.get("/api/accounts/" + first.getLong("id")).body()).getString("origin"))
                        .as("account detail").isEqualTo("sandbox");
                Http.Reply manual = http.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Website\"}");
                assertThat(manual.status()).as(manual.body()).isEqualTo(201);
                assertThat(new JsonObject(manual.body()).getString("origin")).isEqualTo("manual");

                // The summary report's cover says its numbers are simulated.
                LocalDate to = LocalDate.now();
                assertThat(pdfText(demo, "/api/reports/summary.pdf?from=" + to.minusDays(27) + "&to=" + to))
                        .contains("Demo data: simulated networks").contains("Facebook")
                        .contains("connected to the demo's simulated networks");

                // The sandbox follows its plugin: unavailable while Facebook is disabled, back when enabled.
                String sandbox = first.getJsonObject("config").getString("api_base_url");
                assertThat(sandbox).startsWith("http://127.0.0.1:");
                assertThat(status(sandbox + "/me")).isNotEqualTo(503);
                assertThat(http.post("/api/plugins/facebook/disable", "").status()).isEqualTo(200);
                assertThat(status(sandbox + "/me")).as("disabled plugin: its sandbox is not offered").isEqualTo(503);
                assertThat(http.post("/api/plugins/facebook/enable", "").status()).isEqualTo(200);
                assertThat(status(sandbox + "/me")).isNotEqualTo(503);

                // Instagram installed now: its sandbox starts and its demo accounts connect to it and sync.
                Http.Reply installed = http.postBytes("/api/plugins", "application/zip", PluginZips.built("instagram"));
                assertThat(installed.status()).as(installed.body()).isEqualTo(201);
                JsonArray instagram = waitFor(http, list -> list.stream().map(JsonObject.class::cast)
                        .anyMatch(a -> a.getString("network").equals("instagram") && "ok".equals(a.getJsonObject("sync").getString("status"))));
                assertThat(instagram.stream().map(JsonObject.class::cast).filter(a -> a.getString("network").equals("instagram")))
                        .isNotEmpty().allSatisfy(a -> assertThat(a.getString("origin")).isEqualTo("sandbox"));
            }

            // The same data directory served for real: no sandbox is loaded, the mark stays.
            ServerConfig serve = new ServerConfig(0, dataDir, Optional.of(db.url()), plugins, Set.of(), false, Duration.ofHours(6));
            try (GoalpostServer server = GoalpostServer.start(serve)) {
                assertThat(server.sandboxes()).isEmpty();
                JsonArray accounts = accounts(Http.admin(server));
                assertThat(accounts.stream().map(JsonObject.class::cast).filter(a -> !a.getString("network").equals("manual")))
                        .isNotEmpty().allSatisfy(a -> assertThat(a.getString("origin")).isEqualTo("sandbox"));
                assertThat(accounts.stream().map(JsonObject.class::cast).filter(a -> a.getString("network").equals("manual")))
                        .singleElement().satisfies(a -> assertThat(a.getString("origin")).isEqualTo("manual"));
            }
        }
    }

    private static JsonArray accounts(Http http) throws Exception {
        Http.Reply r = http.get("/api/accounts");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    private static JsonArray waitFor(Http http, Predicate<JsonArray> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonArray last = accounts(http);
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as("waited %s for the accounts: %s", WAIT, last.encode()).isLessThan(deadline);
            Thread.sleep(500);
            last = accounts(http);
        }
        return last;
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The text of a PDF the API renders, as a viewer reads it. */
    private static String pdfText(GoalpostServer server, String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).header("Authorization", "Bearer "
                + Http.token(server, io.goalpost.platform.access.Role.VIEWER)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
