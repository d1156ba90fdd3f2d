package io.goalpost.platform.plugins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestCertificates;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A catalog at an https URL whose certificate a CA the server is told to trust signed
 * ({@code --plugin-catalog-ca}): listed and installed from; without that CA it is a listed problem;
 * a plain http catalog is refused before the server starts.
 */
final class PluginCatalogHttpsTest {

    private static Path dir;
    private static Path caPem;
    private static WireMockServer catalog;
    private static URI index;
    private static byte[] x2;

    @BeforeAll
    static void serveTheCatalogOverHttps() throws Exception {
        dir = Files.createTempDirectory("goalpost-https-catalog");
        Path keystore = TestCertificates.selfSigned(dir, "catalog", "localhost", "dns:localhost,ip:127.0.0.1");
        caPem = dir.resolve("catalog.pem");
        catalog = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(keystore.toString()).keystorePassword(TestCertificates.PASSWORD).keyManagerPassword(TestCertificates.PASSWORD)
                .keystoreType("PKCS12"));
        catalog.start();
        x2 = PluginZips.version("x", "0.2.0");
        JsonArray plugins = new JsonArray().add(new JsonObject().put("id", "x").put("provider", "Goalpost")
                .put("releases", new JsonArray().add(new JsonObject().put("version", "0.2.0").put("requires", ">=2.0.0 & <3.0.0")
                        .put("url", "x-0.2.0.zip").put("sha512sum", PluginPackage.sha512(x2)))))
                .add(new JsonObject().put("id", "tiktok").put("releases", new JsonArray().add(new JsonObject()
                        .put("version", "0.9.0").put("url", "http://127.0.0.1:9/tiktok-0.9.0.zip"))));
        catalog.stubFor(get(urlEqualTo("/goalpost/plugins.json")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(plugins.encode())));
        catalog.stubFor(get(urlEqualTo("/goalpost/x-0.2.0.zip")).willReturn(aResponse().withBody(x2)));
        index = URI.create("https://localhost:" + catalog.httpsPort() + "/goalpost/plugins.json");
    }

    @AfterAll
    static void stop() {
        if (catalog != null) {
            catalog.stop();
        }
    }

    @Test
    void aCatalogOnAnHttpsServerWhoseCaIsTrustedListsAndInstallsAnUpgrade() throws Exception {
        Path data = Files.createTempDirectory("goalpost-https-catalog-data");
        PluginSettings settings = new PluginSettings(PluginTrust.load(data, List.of(), false), List.of(index), List.of(caPem));
        try (TestDatabase db = new TestDatabase(); GoalpostServer server = GoalpostServer.start(new ServerConfig(0, data,
                Optional.of(db.url()), PluginZips.BUILT, Set.of(), false, Duration.ofHours(6)), null, settings)) {
            Http http = Http.admin(server);
            JsonObject available = new JsonObject(http.get("/api/plugins/available").body());
            assertThat(available.getJsonArray("problems")).as("a release over plain http is left out, and said so").singleElement()
                    .satisfies(p -> assertThat(((JsonObject) p).getString("problem"))
                            .isEqualTo("tiktok 0.9.0 is not offered: its url http://127.0.0.1:9/tiktok-0.9.0.zip is not https"));
            assertThat(available.getJsonArray("plugins")).as(available.encode()).hasSize(1);
            JsonObject x = available.getJsonArray("plugins").getJsonObject(0);
            assertThat(x.getString("id")).isEqualTo("x");
            assertThat(x.getString("catalog")).isEqualTo(index.toString());
            assertThat(x.getBoolean("upgrade")).isTrue();
            Http.Reply upgrade = http.post("/api/plugins/available/install", "{\"id\":\"x\",\"version\":\"0.2.0\"}");
            assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(201);
            assertThat(new JsonObject(upgrade.body()).getString("state")).isEqualTo("STARTED");
            assertThat(http.get("/api/plugins").body()).contains("\"id\":\"x\",\"version\":\"0.2.0\"");
        }
        catalog.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/goalpost/x-0.2.0.zip")));
    }

    @Test
    void withoutItsCaTheCatalogIsAProblemThatSaysWhyWithoutTheUrlsToken() {
        URI withToken = URI.create(index + "?token=s3cret");
        PluginCatalogs.Listing listing = new PluginCatalogs(List.of(withToken)).list();
        assertThat(listing.releases()).isEmpty();
        assertThat(listing.problems().get(withToken)).contains("TLS certificate is not trusted").contains("--plugin-catalog-ca")
                .contains(index.toString()).as("a token in the catalog's URL is not shown").doesNotContain("s3cret");
        assertThatThrownBy(() -> new PluginCatalogs(List.of(index), List.of(dir.resolve("missing.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--plugin-catalog-ca")
                .hasMessageContaining("missing.pem");
    }

    @Test
    void aPlainHttpCatalogIsRefusedWithTheReason() {
        URI plain = URI.create("http://127.0.0.1:" + catalog.httpsPort() + "/goalpost/plugins.json");
        assertThatThrownBy(() -> new PluginCatalogs(List.of(plain))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https:// or file:").hasMessageContaining(plain.toString())
                .hasMessageContaining("anyone on the way could change");
    }
}
