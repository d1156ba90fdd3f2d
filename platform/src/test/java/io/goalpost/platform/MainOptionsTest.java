package io.goalpost.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.config.TrustedProxies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's HTTP options: loopback by default, and what --host, --public-url and --tls-* take. */
final class MainOptionsTest {

    private static ServerConfig serve(String... args) {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs(args);
        return serve.options.toConfig(Set.of(), false);
    }

    @Test
    void withoutOptionsTheServerListensOnLoopbackOverPlainHttp() {
        for (String env : List.of("GOALPOST_HOST", "GOALPOST_PUBLIC_URL", "GOALPOST_TLS_CERT", "GOALPOST_TLS_KEY",
                "GOALPOST_TRUSTED_PROXIES")) {
            assumeTrue(System.getenv(env) == null, env + " is set in this environment");
        }
        ServerConfig config = serve();
        assertThat(config.http()).isEqualTo(HttpBinding.loopback());
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().hsts()).isFalse();
        assertThat(config.http().url(8080)).isEqualTo("http://localhost:8080/");
        assertThat(config.http().trustedProxies().isEmpty()).as("no proxy is trusted by default").isTrue();
        assertThat(config.http().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
    }

    @Test
    void trustedProxiesAreTakenAndABadEntryStopsTheStart() throws Exception {
        ServerConfig config = serve("--trusted-proxies", "127.0.0.1, ::1,10.0.0.0/8");
        assertThat(config.http().trustedProxies()).isEqualTo(TrustedProxies.parse("127.0.0.1,::1,10.0.0.0/8"));
        assertThat(config.http().trustedProxies().contains(java.net.InetAddress.getByName("10.20.30.40"))).isTrue();
        assertThat(config.http().trustedProxies().contains(java.net.InetAddress.getByName("192.168.0.1"))).isFalse();
        assertThatThrownBy(() -> serve("--trusted-proxies", "127.0.0.1,proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--trusted-proxies: 'proxy.internal' is not an IP address or CIDR range");
        assertThat(new CommandLine(new Main.Serve()).getUsageMessage()).contains("--trusted-proxies")
                .contains("X-Forwarded-For");
    }

    @Test
    void hostPublicUrlAndTlsAreTakenAndChecked() throws Exception {
        ServerConfig config = serve("--host", "0.0.0.0", "--public-url", "https://goalpost.example.com");
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().loopbackOnly()).isFalse();
        assertThat(config.http().hostNames()).contains("goalpost.example.com", "localhost").doesNotContain("0.0.0.0");
        assertThat(config.http().hsts()).as("TLS ends at the proxy of an https public URL").isTrue();
        assertThat(config.http().url(8080)).isEqualTo("https://goalpost.example.com/");

        Path cert = Files.createTempFile("goalpost-cert", ".pem");
        Path key = Files.createTempFile("goalpost-key", ".pem");
        config = serve("--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertThat(config.http().tls()).contains(new HttpBinding.Tls(cert.toAbsolutePath(), key.toAbsolutePath()));
        assertThat(config.http().url(8443)).isEqualTo("https://localhost:8443/");

        assertThatThrownBy(() -> serve("--tls-cert", cert.toString())).hasMessageContaining("both --tls-cert and --tls-key");
        assertThatThrownBy(() -> serve("--tls-cert", cert.toString(), "--tls-key", "/no/such/key.pem"))
                .hasMessageContaining("--tls-key").hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> serve("--public-url", "goalpost.example.com")).hasMessageContaining("https://");
        assertThatThrownBy(() -> serve("--host", " ")).hasMessageContaining("--host");
    }

    @Test
    void aPlainHttpPluginCatalogStopsTheStartWithTheReason() throws Exception {
        Path data = Files.createTempDirectory("goalpost-options");
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs("--data-dir", data.toString(), "--plugin-catalog", "http://plugins.example.com/goalpost/");
        assertThatThrownBy(() -> serve.options.plugins(false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a plugin catalog is an https:// or file: URL, not http://plugins.example.com/goalpost/plugins.json")
                .hasMessageContaining("anyone on the way could change");
        Main.Serve https = new Main.Serve();
        new CommandLine(https).parseArgs("--data-dir", data.toString(), "--plugin-catalog", "https://plugins.example.com/goalpost/",
                "--plugin-catalog-ca", data.resolve("company-ca.pem").toString());
        assertThatThrownBy(() -> https.options.plugins(false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--plugin-catalog-ca").hasMessageContaining("company-ca.pem");
    }
}
