package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.access.ApiTokens;
import io.goalpost.platform.access.Authenticator;
import io.goalpost.platform.access.Sessions;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.TrustedProxies;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behind a reverse proxy ({@code --trusted-proxies}): {@link ClientOrigin} names the client that the
 * proxy reports in {@code X-Forwarded-For} and takes its {@code X-Forwarded-Proto}, but only for
 * connections from a trusted proxy; from anyone else those headers change nothing. The server's own
 * router runs, with a route that shows what {@link ClientOrigin} says.
 *
 * <p>Clients connect from different loopback addresses: 127.0.0.2 plays the trusted proxy, 127.0.0.1
 * anyone else. The proxies trusted are 127.0.0.2 and 10.0.0.0/8 (a chain of inner proxies).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ReverseProxyTest {

    private static final String PROXY = "127.0.0.2";
    private static final String STRANGER = "127.0.0.1";

    private Vertx vertx;
    private int port;
    private int untrustingPort;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpBinding binding = new HttpBinding("127.0.0.1", Optional.of(URI.create("http://goalpost.example.com")), Optional.empty())
                .withTrustedProxies(TrustedProxies.parse(PROXY + ",10.0.0.0/8"));
        port = listen(binding);
        untrustingPort = listen(new HttpBinding("127.0.0.1", Optional.empty(), Optional.empty()));
    }

    private int listen(HttpBinding binding) throws Exception {
        RouteModule whoami = routes -> routes.get("/whoami", Access.ANYONE, ctx -> Responses.json(ctx, 200, new JsonObject()
                .put("address", ClientOrigin.address(ctx)).put("secure", ClientOrigin.secure(ctx))));
        HttpServer server = ApiServer.listen(vertx, ApiServer.router(vertx, List.of(whoami), binding, noSignIn()), 0, binding)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    /** The server's sign-in check without a database: no request here carries a session or token. */
    static Authenticator noSignIn() {
        return new Authenticator(new Sessions(null), new ApiTokens(null), HttpBinding.loopback());
    }

    @AfterAll
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutForwardedHeadersTheClientIsThePeer() throws Exception {
        assertThat(whoami(STRANGER, port, "")).isEqualTo(new JsonObject().put("address", STRANGER).put("secure", false));
        assertThat(whoami(PROXY, port, "")).isEqualTo(new JsonObject().put("address", PROXY).put("secure", false));
    }

    @Test
    void fromATrustedProxyTheClientIsTheRightmostAddressThatIsNoTrustedProxy() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("203.0.113.9", "203.0.113.9");
        // what the client sent itself comes first (nginx's $proxy_add_x_forwarded_for): not believed
        cases.put("198.51.100.66, 203.0.113.9", "203.0.113.9");
        // inner proxies of the trusted range are skipped
        cases.put("198.51.100.66, 203.0.113.9, 10.1.2.3, 10.0.0.7", "203.0.113.9");
        // a chain of trusted proxies only: the first of them
        cases.put("10.9.9.9, 10.1.2.3", "10.9.9.9");
        // ports are dropped; IPv6 comes back in the form the peer address has
        cases.put("203.0.113.9:4711", "203.0.113.9");
        cases.put("[2001:db8::7]:4711", "2001:db8:0:0:0:0:0:7");
        cases.put("2001:db8::7", "2001:db8:0:0:0:0:0:7");
        // something that is no address: the trusted hop that passed it on
        cases.put("203.0.113.9, unknown", PROXY);
        cases.put("203.0.113.9, unknown, 10.1.2.3", "10.1.2.3");
        cases.put("", PROXY);
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThat(whoami(PROXY, port, "X-Forwarded-For: " + c.getKey() + "\r\n").getString("address"))
                    .as(c.getKey()).isEqualTo(c.getValue());
        }
        // several headers are one list, in order
        assertThat(whoami(PROXY, port, "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-For: 198.51.100.1, 10.0.0.1\r\n")
                .getString("address")).isEqualTo("198.51.100.1");
    }

    @Test
    void fromAnyoneElseForwardedHeadersChangeNothing() throws Exception {
        String spoofed = "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: goalpost.example.com\r\n";
        assertThat(whoami(STRANGER, port, spoofed)).isEqualTo(new JsonObject().put("address", STRANGER).put("secure", false));
        Reply page = request(STRANGER, port, "/", spoofed);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("strict-transport-security")).as("no HSTS for a spoofed https").isNull();
        // a server that trusts no proxy believes no one, not even the address a proxy would have
        assertThat(whoami(PROXY, untrustingPort, spoofed)).isEqualTo(new JsonObject().put("address", PROXY).put("secure", false));
        assertThat(request(PROXY, untrustingPort, "/", spoofed).header("strict-transport-security")).isNull();
    }

    @Test
    void aTrustedProxySayingHttpsMakesTheRequestSecureAndTheAnswerCarriesHsts() throws Exception {
        assertThat(whoami(PROXY, port, "X-Forwarded-Proto: https\r\n").getBoolean("secure")).isTrue();
        assertThat(whoami(PROXY, port, "X-Forwarded-Proto: HTTPS\r\n").getBoolean("secure")).isTrue();
        assertThat(whoami(PROXY, port, "X-Forwarded-Proto: http\r\n").getBoolean("secure")).isFalse();
        assertThat(whoami(PROXY, port, "X-Forwarded-Proto: gopher\r\n").getBoolean("secure")).isFalse();
        // the nearest proxy's word (the last value) counts
        assertThat(whoami(PROXY, port, "X-Forwarded-Proto: http, https\r\n").getBoolean("secure")).isTrue();
        assertThat(whoami(PROXY, port, "X-Forwarded-Proto: https\r\nX-Forwarded-Proto: http\r\n").getBoolean("secure")).isFalse();

        for (String path : List.of("/", "/api/whoami", "/api/no-such-endpoint")) {
            Reply secure = request(PROXY, port, path, "X-Forwarded-Proto: https\r\n");
            assertThat(secure.header("strict-transport-security")).as(path).isEqualTo(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
            Reply plain = request(PROXY, port, path, "X-Forwarded-Proto: http\r\n");
            assertThat(plain.header("strict-transport-security")).as(path).isNull();
        }
    }

    @Test
    void theHostCheckReadsHostNotXForwardedHostEvenFromATrustedProxy() throws Exception {
        // A DNS-rebinding page can set any header on its own (same-origin) requests; a proxy that passes
        // X-Forwarded-Host on unchanged would carry it here. Host is what the proxy sets ($host).
        Reply rebound = request(PROXY, port, "/api/whoami", "evil.example", "X-Forwarded-Host: goalpost.example.com\r\n");
        assertThat(rebound.status()).isEqualTo(421);
        Reply proxied = request(PROXY, port, "/api/whoami", "goalpost.example.com", "X-Forwarded-Host: evil.example\r\n");
        assertThat(proxied.status()).isEqualTo(200);
    }

    // ---- a raw HTTP/1.1 client with a chosen source address ----

    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private JsonObject whoami(String from, int to, String headers) throws IOException {
        Reply r = request(from, to, "/api/whoami", headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static Reply request(String from, int to, String path, String headers) throws IOException {
        return request(from, to, path, "localhost", headers);
    }

    private static Reply request(String from, int to, String path, String host, String headers) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", to), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return read(s.getInputStream());
        }
    }

    static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }
}
