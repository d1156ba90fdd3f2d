package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.access.SignInLimiter;
import io.goalpost.platform.api.ReverseProxyTest.Reply;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.config.TrustedProxies;
import io.goalpost.platform.sync.Blocking;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-in behind a TLS-terminating reverse proxy, on the real server: with {@code --trusted-proxies}
 * the browser's https origin is recognised (cookie changes pass the CSRF origin check, the cookie is
 * {@code Secure}), sign-in limits count each client behind the proxy on its own, and the audit log
 * records the client's address, not the proxy's. Someone who connects directly and sends the same
 * headers gains nothing from them.
 *
 * <p>127.0.0.2 plays the proxy (trusted), 127.0.0.1 someone connecting directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ProxiedSignInTest {

    private static final String PROXY = "127.0.0.2";
    private static final String DIRECT = "127.0.0.1";
    private static final String ORIGIN = "https://goalpost.example.com";
    private static final String PASSWORD = "correct horse battery";

    private TestDatabase db;
    private GoalpostServer server;
    private int port;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        HttpBinding binding = new HttpBinding("127.0.0.1", Optional.of(URI.create(ORIGIN)), Optional.empty())
                .withTrustedProxies(TrustedProxies.parse(PROXY));
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-proxied"), Optional.of(db.url()),
                Path.of("target/no-plugins"), Set.of(), false, Duration.ofHours(6), binding));
        port = server.port();
        Blocking.await(server.access().users().create("editor", PASSWORD, Role.EDITOR));
        Blocking.await(server.access().users().create("boss", PASSWORD, Role.ADMIN));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aBrowserBehindTheProxySignsInAndChangesThingsAndTheAuditLogNamesIt() throws Exception {
        String forwarded = "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nOrigin: " + ORIGIN + "\r\n";
        Reply signedIn = send(PROXY, "POST", "/api/session", forwarded, "{\"username\": \"editor\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.header("strict-transport-security")).isEqualTo(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
        assertThat(signedIn.header("set-cookie")).contains("; Secure");
        String cookie = "Cookie: " + signedIn.header("set-cookie").split(";")[0] + "\r\n";
        String csrf = "X-CSRF-Token: " + new JsonObject(signedIn.body()).getString("csrf_token") + "\r\n";

        // The browser's Origin is https: a trusted proxy's X-Forwarded-Proto says the request is too, and
        // the public URL's origin is accepted as ours even from an untrusted hop; any other origin is not.
        String account = "{\"network\": \"manual\", \"name\": \"Through the proxy\"}";
        Reply created = send(PROXY, "POST", "/api/accounts", forwarded + cookie + csrf, account);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply direct = send(DIRECT, "POST", "/api/accounts", forwarded + cookie + csrf, account);
        assertThat(direct.status()).as("the public URL's origin sent directly: " + direct.body()).isEqualTo(201);
        String foreign = "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nOrigin: https://evil.example\r\n";
        Reply forged = send(PROXY, "POST", "/api/accounts", foreign + cookie + csrf, account);
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.body()).contains("another origin");

        Reply admin = send(PROXY, "POST", "/api/session", forwarded, "{\"username\": \"boss\", \"password\": \"" + PASSWORD + "\"}");
        String adminCookie = "Cookie: " + admin.header("set-cookie").split(";")[0] + "\r\n";
        Reply audit = send(PROXY, "GET", "/api/audit?action=account.connected", "X-Forwarded-For: 203.0.113.9\r\n" + adminCookie, null);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        JsonArray events = new JsonObject(audit.body()).getJsonArray("events");
        assertThat(events).hasSize(2);
        // Newest first: the direct request names its own address, the proxied one the browser's.
        assertThat(events.getJsonObject(0).getString("address")).isEqualTo(DIRECT);
        assertThat(events.getJsonObject(1).getString("address")).isEqualTo("203.0.113.9");
    }

    @Test
    void signInLimitsCountEachClientBehindTheProxyAndIgnoreSpoofedAddresses() throws Exception {
        // Failed sign-ins (each for another name, below the per-user limit) from one client behind the proxy.
        for (int i = 0; i < SignInLimiter.PER_ADDRESS; i++) {
            assertThat(signIn(PROXY, "198.51.100.1", "nobody" + i).status()).isEqualTo(401);
        }
        Reply locked = signIn(PROXY, "198.51.100.1", "nobody-more");
        assertThat(locked.status()).as(locked.body()).isEqualTo(429);
        assertThat(locked.body()).contains("from your address");
        // another client behind the same proxy is not locked out with it
        assertThat(signIn(PROXY, "198.51.100.2", "someone").status()).isEqualTo(401);

        // Directly, a new X-Forwarded-For per attempt does not escape the limit: the connection's address counts.
        for (int i = 0; i < SignInLimiter.PER_ADDRESS; i++) {
            assertThat(signIn(DIRECT, "192.0.2." + i, "stranger" + i).status()).isEqualTo(401);
        }
        assertThat(signIn(DIRECT, "192.0.2.250", "stranger-more").status()).isEqualTo(429);
    }

    private Reply signIn(String from, String forwardedFor, String username) throws IOException {
        return send(from, "POST", "/api/session", "X-Forwarded-For: " + forwardedFor + "\r\n",
                "{\"username\": \"" + username + "\", \"password\": \"wrong password\"}");
    }

    private Reply send(String from, String method, String path, String headers, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: goalpost.example.com\r\n" + headers
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
            return ReverseProxyTest.read(s.getInputStream());
        }
    }
}
