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
import io.goalpost.platform.plugins.PluginSettings;
import io.goalpost.platform.plugins.PluginTrust;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.goalpost.plugin.signing.SigningKey;
import io.goalpost.plugin.signing.ZipSigner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Writing a new network adapter", end to end, as an author outside the repository does it: generate a
 * project from goalpost-plugin-archetype with Maven's own {@code mvn archetype:generate}, put a minimal Mastodon adapter on plugin-support into it
 * (test resources {@code archetype-mastodon/}), run its own {@code mvn verify} (its conformance test
 * included) against this build's artifacts with no network access, sign the zip it yields with the
 * author's key and install it into a server that trusts that key, connect an account on a WireMock'd Mastodon server (allowed by the plugin's per-account
 * host, not by any operator setting) and read the synced points back through the API.
 */
class PluginArchetypeTest {

    private static final String VERSION = System.getProperty("goalpost.test.version", "0.1.0-SNAPSHOT");
    /** The maven-archetype-plugin version pinned in the root pom's pluginManagement. */
    private static final String ARCHETYPE_PLUGIN = System.getProperty("goalpost.test.archetype-plugin-version", "3.3.1");
    private static final String TOKEN = "mastodon-token-0001";

    @Test
    void aGeneratedPluginBuildsInstallsAndSyncsIntoARunningServer() throws Exception {
        Path work = Files.createTempDirectory("goalpost-archetype");
        Path settings = localRepository(work);
        // What the guide tells an author to type, in batch mode, from this build's installed archetype.
        mvn(work, settings, "generate", "org.apache.maven.plugins:maven-archetype-plugin:" + ARCHETYPE_PLUGIN + ":generate",
                "-DarchetypeGroupId=io.goalpost", "-DarchetypeArtifactId=goalpost-plugin-archetype",
                "-DarchetypeVersion=" + VERSION, "-DgroupId=org.example", "-DartifactId=goalpost-mastodon",
                "-Dversion=1.0.0", "-Dpackage=org.example.mastodon", "-DnetworkId=mastodon",
                "-DnetworkName=Mastodon", "-DclassName=Mastodon");
        Path project = work.resolve("goalpost-mastodon");
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

        String output = mvn(project, settings, "verify", "verify");
        assertThat(output).contains("Tests run: 15, Failures: 0, Errors: 0").contains("MastodonConformanceTest");
        Path zip = project.resolve("target/goalpost-mastodon-1.0.0.zip");
        assertThat(zip).exists();
        assertThat(project.resolve("target/goalpost-mastodon-1.0.0.zip.sha512")).exists();

        // The author signs the zip with their key ('goalpost plugin sign'); the operator trusts their .pub.
        SigningKey key = SigningKey.generate("example-publisher");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        ZipSigner.sign(zip, key);
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        PluginSettings trustTheAuthor = new PluginSettings(new PluginTrust(List.of(key.publicKey()), false), List.of());

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

    private static void overlay(Path dir, String... files) throws IOException {
        for (String f : files) {
            try (InputStream in = PluginArchetypeTest.class.getResourceAsStream("/archetype-mastodon/" + f)) {
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * A local repository of the test's own, as an author's would be after the Goalpost artifacts are
     * published: this build's artifacts copied in (nothing needs to be installed first), everything else
     * (the archetype plugin included, which the archetype module's packaging resolves) read from the
     * local repository this build uses, set as the only mirror (no network). Returns the settings file.
     */
    private static Path localRepository(Path work) throws IOException {
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path root = Path.of("").toAbsolutePath().getParent();
        install(repo, "goalpost-parent", root.resolve("pom.xml"), null);
        install(repo, "plugin-api-parent", root.resolve("plugin-api/pom.xml"), null);
        install(repo, "goalpost-bom", root.resolve("plugin-api/bom/pom.xml"), null);
        for (String[] m : new String[][] {{"plugin-api", "api"}, {"plugin-testkit", "testkit"}, {"plugin-support", "support"},
                {"goalpost-plugin-archetype", "archetype"}}) {
            Path module = root.resolve("plugin-api/" + m[1]);
            install(repo, m[0], module.resolve("pom.xml"), module.resolve("target/" + m[0] + "-" + VERSION + ".jar"));
        }
        Path m2 = Path.of(System.getProperty("goalpost.test.m2", System.getProperty("user.home") + "/.m2/repository"));
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + repo + "</localRepository><mirrors><mirror>"
                + "<id>this-build</id><mirrorOf>*</mirrorOf><url>" + m2.toUri() + "</url></mirror></mirrors></settings>");
        return settings;
    }

    /** Runs {@code mvn -B} with those settings in {@code dir}; returns its output, having asserted it succeeded. */
    private static String mvn(Path dir, Path settings, String name, String... args) throws Exception {
        Path log = settings.resolveSibling("mvn-" + name + ".log");
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-s", settings.toString()));
        command.addAll(List.of(args));
        Process mvn = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn " + name + " took more than 10 minutes");
        }
        String output = Files.readString(log);
        assertThat(mvn.exitValue()).as("mvn " + name + ":\n" + tail(output)).isZero();
        return output;
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
