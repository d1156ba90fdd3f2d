package io.goalpost.platform.plugins.archetype;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Writing a new network adapter", end to end, as an author outside the repository does it: generate a
 * project from goalpost-plugin-archetype, put a minimal Mastodon adapter on plugin-support into it
 * (test resources {@code archetype-mastodon/}), run its own {@code mvn verify} (its conformance test
 * included) against this build's artifacts with no network access, install the zip it yields into a
 * server, connect an account on a WireMock'd Mastodon server (allowed by the plugin's per-account
 * host, not by any operator setting) and read the synced points back through the API.
 */
class PluginArchetypeTest {

    private static final String VERSION = System.getProperty("goalpost.test.version", "0.1.0-SNAPSHOT");
    private static final String TOKEN = "mastodon-token-0001";

    @Test
    void aGeneratedPluginBuildsInstallsAndSyncsIntoARunningServer() throws Exception {
        Path work = Files.createTempDirectory("goalpost-archetype");
        Path project = ArchetypeGenerator.generate(archetype(), work, Map.of("groupId", "org.example",
                "artifactId", "goalpost-mastodon", "version", "1.0.0", "package", "org.example.mastodon",
                "networkId", "mastodon", "networkName", "Mastodon", "className", "Mastodon")).get(0).getParent();
        assertThat(project.resolve("src/main/java/org/example/mastodon/MastodonAdapterFactory.java")).exists();
        assertThat(project.resolve("src/test/java/org/example/mastodon/MastodonConformanceTest.java")).exists();
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<plugin.id>mastodon</plugin.id>")
                .contains("<artifactId>goalpost-bom</artifactId>").doesNotContain("${networkId}");

        // The author's own adapter and tests replace the generated example.
        try (var generated = Files.list(project.resolve("src/test/java/org/example/mastodon"))) {
            for (Path p : generated.toList()) {
                Files.delete(p);
            }
        }
        overlay(project.resolve("src/main/java/org/example/mastodon"), "MastodonAdapter.java", "MastodonAdapterFactory.java");
        overlay(project.resolve("src/test/java/org/example/mastodon"), "MastodonStubs.java", "MastodonConformanceTest.java");

        mvnVerify(project, work);
        Path zip = project.resolve("target/goalpost-mastodon-1.0.0.zip");
        assertThat(zip).exists();
        assertThat(project.resolve("target/goalpost-mastodon-1.0.0.zip.sha512")).exists();

        // The author signs the zip with their own key ('goalpost plugin keygen', 'goalpost plugin sign', which
        // rewrites the .sha512); the operator trusts the .pub. An unsigned zip would be refused.
        Path keys = Files.createDirectories(work.resolve("keys"));
        assertThat(new picocli.CommandLine(new io.goalpost.platform.Main()).execute("plugin", "keygen", "example-publisher",
                "--out", keys.toString())).isZero();
        assertThat(new picocli.CommandLine(new io.goalpost.platform.Main()).execute("plugin", "sign",
                keys.resolve("example-publisher.key").toString(), zip.toString())).isZero();
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        Files.copy(project.resolve("target/goalpost-mastodon-1.0.0.zip.sha512"), plugins.resolve("goalpost-mastodon-1.0.0.zip.sha512"));
        io.goalpost.platform.plugins.PluginSettings trustTheAuthor = new io.goalpost.platform.plugins.PluginSettings(
                io.goalpost.platform.plugins.PluginTrust.load(null, List.of(keys.resolve("example-publisher.pub")), false),
                List.of());

        WireMockServer mastodon = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        mastodon.start();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        stubMastodon(mastodon, today);
        try (TestDatabase db = new TestDatabase()) {
            // Loopback needs --allow-private-api-hosts; no extra allowed host: the plugin allows the account's server.
            GoalpostServer server = GoalpostServer.start(new ServerConfig(0, work.resolve("data"), Optional.of(db.url()),
                    plugins, Set.of(), true, Duration.ofHours(6)), null, trustTheAuthor);
            try {
                Http http = Http.admin(server);
                JsonArray networks = new JsonArray(http.get("/api/networks").body());
                JsonObject described = networks.stream().map(JsonObject.class::cast)
                        .filter(n -> n.getString("id").equals("mastodon")).findFirst().orElseThrow();
                assertThat(described.getJsonArray("accountHostFields").getList()).containsExactly("server_url");

                Http.Reply created = http.post("/api/accounts", new JsonObject().put("network", "mastodon").put("name", "Acme")
                        .put("config", new JsonObject().put("server_url", mastodon.baseUrl()).put("access_token", TOKEN)).encode());
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                long id = new JsonObject(created.body()).getLong("id");
                awaitSynced(http, id);

                JsonObject series = new JsonObject(http.get("/api/accounts/" + id + "/metrics?from=" + today.minusDays(30)
                        + "&to=" + today).body()).getJsonObject("series");
                assertThat(series.getJsonArray("followers").getJsonObject(0).getMap())
                        .containsEntry("day", today.toString()).containsEntry("value", 1234.0);
                assertThat(value(series, "posts_published", today)).isEqualTo(1.0);
                assertThat(value(series, "posts_published", today.minusDays(10))).isEqualTo(1.0);
                assertThat(value(series, "posts_published", today.minusDays(2))).isEqualTo(0.0);
            } finally {
                server.close();
            }
        } finally {
            mastodon.stop();
        }
    }

    private static double value(JsonObject series, String metric, LocalDate day) {
        return series.getJsonArray(metric).stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("day").equals(day.toString())).findFirst()
                .orElseThrow(() -> new AssertionError(metric + " has no point on " + day + ": " + series.getJsonArray(metric)))
                .getDouble("value");
    }

    private static void awaitSynced(Http http, long id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = http.get("/api/accounts/" + id).body();
            if (new JsonObject(last).getJsonObject("sync").getString("status").equals("ok")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("account " + id + " did not sync: " + last);
    }

    /** The archetype jar (or its classes folder) on the test class path. */
    private static Path archetype() throws Exception {
        URL descriptor = PluginArchetypeTest.class.getClassLoader().getResource("META-INF/maven/archetype-metadata.xml");
        assertThat(descriptor).as("goalpost-plugin-archetype on the test class path").isNotNull();
        String url = descriptor.toString();
        if (url.startsWith("jar:")) {
            return Path.of(URI.create(url.substring(4, url.indexOf("!/"))));
        }
        return Path.of(descriptor.toURI()).getParent().getParent().getParent();
    }

    private static void overlay(Path dir, String... files) throws IOException {
        for (String f : files) {
            try (InputStream in = PluginArchetypeTest.class.getResourceAsStream("/archetype-mastodon/" + f)) {
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Runs the generated project's {@code mvn verify} as its author would, with a local repository of its
     * own: this build's Goalpost artifacts copied in (nothing needs to be installed first), everything
     * else read from the local repository this build uses, set as its only mirror (no network).
     */
    private static void mvnVerify(Path project, Path work) throws Exception {
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path root = Path.of("").toAbsolutePath().getParent();
        install(repo, "goalpost-parent", root.resolve("pom.xml"), null);
        install(repo, "plugin-api-parent", root.resolve("plugin-api/pom.xml"), null);
        install(repo, "goalpost-bom", root.resolve("plugin-api/bom/pom.xml"), null);
        for (String[] m : new String[][] {{"plugin-api", "api"}, {"plugin-testkit", "testkit"}, {"plugin-support", "support"}}) {
            Path module = root.resolve("plugin-api/" + m[1]);
            install(repo, m[0], module.resolve("pom.xml"), module.resolve("target/" + m[0] + "-" + VERSION + ".jar"));
        }
        Path m2 = Path.of(System.getProperty("goalpost.test.m2", System.getProperty("user.home") + "/.m2/repository"));
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>"
                + m2.toUri() + "</url></mirror></mirrors></settings>");
        Path log = work.resolve("mvn.log");
        Process mvn = new ProcessBuilder(List.of("mvn", "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repo, "verify"))
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn verify of the generated project took more than 10 minutes");
        }
        String output = Files.readString(log);
        assertThat(mvn.exitValue()).as("mvn verify of the generated project:\n" + tail(output)).isZero();
        assertThat(output).contains("Tests run: 15, Failures: 0, Errors: 0").contains("MastodonConformanceTest");
    }

    private static void install(Path repo, String artifactId, Path pom, Path jar) throws IOException {
        assertThat(pom).exists();
        Path dir = Files.createDirectories(repo.resolve("io/goalpost/" + artifactId + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("built by this build before the platform").exists();
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    private static void stubMastodon(WireMockServer wm, LocalDate today) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/accounts/verify_credentials")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json("{\"id\":\"109\",\"acct\":\"acme\",\"display_name\":\"Acme\",\"followers_count\":1234}")));
        String statuses = "/api/v1/accounts/109/statuses";
        wm.stubFor(get(urlPathEqualTo(statuses)).withQueryParam("max_id", absent()).willReturn(json("["
                + status("5", today) + "," + status("4", today.minusDays(10)) + "]")
                .withHeader("Link", "<" + wm.baseUrl() + statuses + "?limit=40&max_id=4>; rel=\"next\"")));
        wm.stubFor(get(urlPathEqualTo(statuses)).withQueryParam("max_id", equalTo("4"))
                .willReturn(json("[" + status("3", today.minusDays(500)) + "]")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String status(String id, LocalDate day) {
        return "{\"id\":\"" + id + "\",\"created_at\":\"" + day + "T09:30:00.000Z\",\"favourites_count\":3,"
                + "\"reblogs_count\":1,\"replies_count\":0}";
    }
}
