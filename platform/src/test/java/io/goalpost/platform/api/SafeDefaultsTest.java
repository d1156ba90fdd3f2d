package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Safe defaults of the HTTP server (issue 9, README "Deploying on a shared server"), against the real
 * server on a fresh PostgreSQL database: it listens on loopback unless told otherwise; every answer
 * (API, static file, error, 404) carries the security headers; bodies past their limit get 413 and
 * store nothing, refused before they are read whole; bodies of the wrong Content-Type get 415 (a
 * cross-origin form post included); requests for a name that is not the server's get 421; and with a
 * certificate it answers HTTPS with HSTS.
 *
 * <p>Requests are written on raw sockets: the JDK client may not set {@code Host}, and the limits are
 * tested with bodies that are declared but never sent, or streamed without end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SafeDefaultsTest {

    private static final Path NO_PLUGINS = Path.of("target/no-plugins");
    private static final List<String> SECURITY_HEADERS = List.of("content-security-policy", "x-content-type-options",
            "referrer-policy", "x-frame-options");

    /** An admin API token per server port. */
    private static final Map<Integer, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private TestDatabase db;
    private GoalpostServer server;
    private int port;
    private TestDatabase tlsDb;
    private GoalpostServer tlsServer;
    private SelfSignedCertificate certificate;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-safe"), Optional.of(db.url()),
                NO_PLUGINS, Set.of(), Duration.ofHours(6)));
        port = server.port();
        TOKENS.put(port, Http.token(server, Role.ADMIN));

        // HTTPS on another loopback address that is given as --host, with the name a proxy would use.
        certificate = SelfSignedCertificate.create("localhost");
        tlsDb = new TestDatabase();
        HttpBinding tls = new HttpBinding("127.0.0.2", Optional.of(URI.create("https://goalpost.example.com")),
                Optional.of(new HttpBinding.Tls(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()))));
        tlsServer = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-safe-tls"),
                Optional.of(tlsDb.url()), NO_PLUGINS, Set.of(), false, Duration.ofHours(6), tls));
        TOKENS.put(tlsServer.port(), Http.token(tlsServer, Role.ADMIN));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {server, tlsServer, db, tlsDb}) {
            if (c != null) {
                c.close();
            }
        }
        if (certificate != null) {
            certificate.delete();
        }
    }

    // ---- 1. loopback by default ----

    @Test
    void byDefaultTheServerListensOnLoopbackOnly() throws Exception {
        assertThat(HttpBinding.loopback().host()).isEqualTo("127.0.0.1");
        ServerConfig defaults = new ServerConfig(8080, Path.of("data"), Optional.empty(), NO_PLUGINS, Set.of(), Duration.ofHours(6));
        assertThat(defaults.http()).isEqualTo(HttpBinding.loopback());
        assertThat(server.config().http().loopbackOnly()).isTrue();

        // The bound address: loopback answers, this machine's other addresses refuse the connection.
        assertThat(send(port, "GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(200);
        List<InetAddress> others = NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).toList();
        assertThat(others).as("this machine has an address besides loopback to try").isNotEmpty();
        for (InetAddress other : others) {
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(other, port), 2000))
                        .as("connecting to " + other.getHostAddress() + ":" + port).isInstanceOf(ConnectException.class);
            }
        }
    }

    // ---- 3. security headers ----

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        Map<String, Reply> answers = new LinkedHashMap<>();
        answers.put("index", get("/"));
        answers.put("module", get("/app.js"));
        answers.put("stylesheet", get("/styles.css"));
        answers.put("webjar", get("/webjars/chart.js/4.5.1/dist/chart.umd.js"));
        answers.put("static 404", get("/no-such-page.html"));
        answers.put("api", get("/api/health"));
        answers.put("api 404", get("/api/goals/987654"));
        answers.put("unknown endpoint", get("/api/no-such-endpoint"));
        answers.put("400", post("/api/goals", "application/json", "{not json"));
        answers.put("413", post("/api/accounts", "application/json", "{\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
        answers.put("415", post("/api/accounts", "text/plain", "{}"));
        answers.put("421", send(port, "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
        assertThat(answers.get("index").status()).isEqualTo(200);
        assertThat(answers.get("index").header("content-type")).startsWith("text/html");
        assertThat(answers.get("webjar").status()).isEqualTo(200);
        assertThat(answers.get("static 404").status()).isEqualTo(404);
        for (Map.Entry<String, Reply> e : answers.entrySet()) {
            Reply r = e.getValue();
            for (String h : SECURITY_HEADERS) {
                assertThat(r.header(h)).as(e.getKey() + " (" + r.status() + ") has " + h).isNotNull();
            }
            assertThat(r.header("content-security-policy")).as(e.getKey()).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").contains("frame-ancestors 'none'");
            assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(r.header("referrer-policy")).isEqualTo("same-origin");
            assertThat(r.header("x-frame-options")).isEqualTo("DENY");
            assertThat(r.header("strict-transport-security")).as("no HSTS over plain HTTP").isNull();
        }
    }

    // ---- 2. body limits ----

    @Test
    void aJsonBodyOverOneMibIsRefusedWith413AndNothingIsStored() throws Exception {
        long before = db.count("SELECT count(*) FROM account");
        String prefix = "{\"network\": \"manual\", \"name\": \"Big\", \"padding\": \"";
        String under = prefix + "x".repeat((int) RequestBodies.JSON_LIMIT - prefix.length() - 2) + "\"}";
        assertThat(under.length()).isEqualTo((int) RequestBodies.JSON_LIMIT);
        Reply ok = post("/api/accounts", "application/json", under);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);

        String over = prefix + "x".repeat((int) RequestBodies.JSON_LIMIT - prefix.length() - 1) + "\"}";
        Reply r = post("/api/accounts", "application/json", over);
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().getString("error")).contains("larger than 1 MiB").contains("CSV");
        assertThat(r.json().getJsonObject("details").getLong("limit_bytes")).isEqualTo(RequestBodies.JSON_LIMIT);
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before + 1);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        // Content-Length says 100 MiB; not a byte of the body is sent, and the 413 comes anyway.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(signedIn(s, "POST /api/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (100L * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Reply r = read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(r.json().getString("error")).contains("larger than 1 MiB");
        }
        // The CSV import's own limit is 20 MiB.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(signedIn(s, "POST /api/accounts/1/metrics/csv HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: " + (RequestBodies.CSV_LIMIT + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Reply r = read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(r.json().getString("error")).contains("larger than 20 MiB");
        }
    }

    @Test
    void aStreamedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        // Chunked, never finished: the 413 arrives while the request is still open, so the server did not
        // wait for (or keep) the whole body.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(signedIn(s, "POST /api/goals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (long sent = 0; sent <= RequestBodies.JSON_LIMIT; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            Reply r = read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(r.json().getString("error")).contains("larger than 1 MiB");
        }
    }

    @Test
    void aCsvJustUnderTwentyMibIsImportedAndOneByteMoreIsRefusedWithNothingStored() throws Exception {
        long account = post("/api/accounts", "application/json", "{\"network\": \"manual\", \"name\": \"CSV limit\"}").json()
                .getLong("id");
        // 10,000 rows (5,000 days × 2 metrics), each value padded with spaces (allowed around a number)
        // so that the file is exactly the limit.
        int rows = 10_000;
        LocalDate first = LocalDate.now().minusDays(rows / 2);
        String header = "day,metric,value\n";
        int rowBytes = (int) ((RequestBodies.CSV_LIMIT - header.length()) / rows);
        StringBuilder csv = new StringBuilder(header);
        for (int i = 0; i < rows; i++) {
            String start = first.plusDays(i / 2) + "," + (i % 2 == 0 ? "web_sessions" : "conversions") + ",";
            String value = String.valueOf(100 + i);
            csv.append(start).append(" ".repeat(rowBytes - start.length() - value.length() - 1)).append(value).append('\n');
        }
        csv.append(" ".repeat((int) (RequestBodies.CSV_LIMIT - csv.length() - 1))).append('\n');
        String atLimit = csv.toString();
        assertThat(atLimit.length()).isEqualTo((int) RequestBodies.CSV_LIMIT);

        Reply over = post("/api/accounts/" + account + "/metrics/csv", "text/csv", atLimit + "\n");
        assertThat(over.status()).as(over.body()).isEqualTo(413);
        assertThat(over.json().getString("error")).contains("larger than 20 MiB");
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = " + account)).isZero();

        Reply ok = post("/api/accounts/" + account + "/metrics/csv", "text/csv; charset=utf-8", atLimit);
        assertThat(ok.status()).as(ok.body().substring(0, Math.min(500, ok.body().length()))).isEqualTo(200);
        assertThat(ok.json().getInteger("accepted")).isEqualTo(rows);
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = " + account)).isEqualTo(rows);
    }

    // ---- 6. Content-Type ----

    @Test
    void aCrossOriginTextPlainFormPostGets415AndCreatesNothing() throws Exception {
        long before = db.count("SELECT count(*) FROM account");
        // What <form enctype="text/plain" method="post" action="http://127.0.0.1:8080/api/accounts"> on
        // another site sends: no preflight, and a body that parses as JSON.
        Reply r = send(port, "POST /api/accounts HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: https://evil.example\r\n"
                + "Content-Type: text/plain\r\nConnection: close\r\n", "{\"network\":\"manual\",\"name\":\"Planted\",\"x\":\"=\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(415);
        assertThat(r.json().getString("error")).isEqualTo("Content-Type must be application/json, got 'text/plain'");
        assertThat(r.json().getJsonObject("details").getString("expected")).isEqualTo("application/json");
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            assertThat(post("/api/accounts", type, "{\"network\":\"manual\",\"name\":\"Planted\"}").status()).as(type).isEqualTo(415);
        }
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before);
    }

    @Test
    void jsonEndpointsTakeOnlyJsonTheCsvImportOnlyCsvAndBodilessPostsNeedNoContentType() throws Exception {
        String account = "{\"network\": \"manual\", \"name\": \"Typed\"}";
        assertThat(post("/api/accounts", null, account).status()).as("a body without Content-Type").isEqualTo(415);
        assertThat(post("/api/accounts", "application/json; charset=ISO-8859-1", account).status()).isEqualTo(415);
        assertThat(post("/api/accounts", "text/json", account).status()).isEqualTo(415);
        Reply created = post("/api/accounts", "Application/JSON; charset=UTF-8", account);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().getLong("id");

        Reply put = send(port, "PUT /api/accounts/" + id + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Connection: close\r\n", "{\"name\": \"Renamed\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(415);
        assertThat(get("/api/accounts/" + id).json().getString("name")).isEqualTo("Typed");

        String csv = "day,metric,value\n" + LocalDate.now().minusDays(1) + ",web_sessions,5\n";
        for (String type : List.of("text/plain", "application/json", "application/x-www-form-urlencoded")) {
            Reply r = post("/api/accounts/" + id + "/metrics/csv", type, csv);
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.json().getString("error")).contains("text/csv");
        }
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = " + id)).isZero();
        assertThat(post("/api/accounts/" + id + "/metrics/csv", "text/csv", csv).status()).isEqualTo(200);

        // A bodiless POST (sync now) and DELETE need no Content-Type.
        Reply sync = send(port, "POST /api/accounts/" + id + "/sync HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(sync.status()).as(sync.body()).isNotEqualTo(415);
        Reply noLength = send(port, "POST /api/accounts/" + id + "/sync HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(noLength.status()).isEqualTo(sync.status());
        Reply delete = send(port, "DELETE /api/accounts/" + id + "/metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(delete.status()).as(delete.body()).isEqualTo(200);
    }

    // ---- 5. Host check ----

    @Test
    void onlyTheServersOwnNamesAreAnswered() throws Exception {
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST", "localhost.:" + port)) {
            Reply api = send(port, "GET /api/goals HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(api.status()).as(host).isEqualTo(200);
            assertThat(send(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").status()).as(host)
                    .isEqualTo(200);
        }
        long before = db.count("SELECT count(*) FROM account");
        for (String host : List.of("evil.example:" + port, "evil.example", "localhost.evil.example", "127.0.0.1.nip.io:" + port,
                "goalpost.analytics.department.internal.example.com:" + port)) {
            Reply api = send(port, "GET /api/goals HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(api.status()).as(host).isEqualTo(421);
            assertThat(api.json().getString("error")).contains("does not answer to the name '" + host + "'")
                    .contains("--public-url http://" + host).contains("GOALPOST_PUBLIC_URL");
            Reply page = send(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(page.status()).isEqualTo(421);
            assertThat(page.header("content-type")).startsWith("text/plain");
            assertThat(page.body()).contains("--public-url");
            Reply write = send(port, "POST /api/accounts HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\n", "{\"network\": \"manual\", \"name\": \"Rebound\"}");
            assertThat(write.status()).isEqualTo(421);
        }
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before);

        // Probes address the server by an IP address that is none of its names: health answers them.
        Reply probe = send(port, "GET /api/health HTTP/1.1\r\nHost: 10.1.2.3:" + port + "\r\nConnection: close\r\n\r\n");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.json().getString("status")).isEqualTo("ok");
        // A request without a Host, or with two, is refused (HTTP/1.0 may omit it), with the headers.
        for (String request : List.of("GET /api/goals HTTP/1.0\r\n\r\n", "GET /api/goals HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", "GET /api/goals HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n"
                        + "Connection: close\r\n\r\n")) {
            Reply none = send(port, request);
            assertThat(none.status()).as(request).isEqualTo(400);
            assertThat(none.header("content-security-policy")).as(request).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void hostNamesOfABinding() {
        assertThat(HttpBinding.loopback().hostNames()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1");
        assertThat(new HttpBinding("0.0.0.0", Optional.of(URI.create("https://Goalpost.Example.com")), Optional.empty())
                .hostNames()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1", "goalpost.example.com");
        assertThat(new HttpBinding("192.168.1.20", Optional.empty(), Optional.empty()).hostNames())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1", "192.168.1.20");
        assertThat(new HttpBinding("goalpost.lan", Optional.empty(), Optional.empty()).hostNames()).contains("goalpost.lan");
        assertThat(new HttpBinding("::", Optional.empty(), Optional.empty()).hostNames()).doesNotContain("::");
        assertThat(new HttpBinding("0.0.0.0", Optional.empty(), Optional.empty()).url(8080)).isEqualTo("http://localhost:8080/");
        assertThatThrownBy(() -> HttpBinding.parsePublicUrl("goalpost.example.com")).hasMessageContaining("https://");
        assertThatThrownBy(() -> HttpBinding.parsePublicUrl("https://example.com/goalpost")).hasMessageContaining("root");
    }

    // ---- 4. TLS ----

    @Test
    void withACertificateTheServerAnswersHttpsWithHsts() throws Exception {
        int tlsPort = tlsServer.port();
        for (String host : List.of("goalpost.example.com", "goalpost.example.com:443", "127.0.0.2:" + tlsPort, "localhost")) {
            Reply page = sendTls(tlsPort, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(page.status()).as(host).isEqualTo(200);
            assertThat(page.body()).contains("<title>Goalpost</title>");
            assertThat(page.header("strict-transport-security")).isEqualTo("max-age=31536000");
            assertThat(page.header("content-security-policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        }
        Reply api = sendTls(tlsPort, "GET /api/goals HTTP/1.1\r\nHost: goalpost.example.com\r\nConnection: close\r\n\r\n");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("strict-transport-security")).isEqualTo("max-age=31536000");
        Reply foreign = sendTls(tlsPort, "GET /api/goals HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(foreign.status()).isEqualTo(421);
        assertThat(foreign.json().getString("error")).contains("--public-url https://evil.example");
        assertThat(foreign.header("strict-transport-security")).isEqualTo("max-age=31536000");
        // Only the address given to --host: not loopback 127.0.0.1.
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", tlsPort), 2000))
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(tlsServer.config().http().url(tlsPort)).isEqualTo("https://goalpost.example.com/");
    }

    // ---- a raw HTTP/1.1 client ----

    /** An answer: status, headers (lower-case names), body. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonObject json() {
            assertThat(header("content-type")).startsWith("application/json");
            return new JsonObject(body);
        }
    }

    private Reply get(String path) throws IOException {
        return send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
    }

    private Reply post(String path, String contentType, String body) throws IOException {
        return send(port, "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "Connection: close\r\n", body);
    }

    /** Sends head lines (each ending in CRLF, without the blank line) and a body with its Content-Length. */
    private static Reply send(int port, String head, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(port, head + "Content-Length: " + bytes.length + "\r\n\r\n", bytes);
    }

    private static Reply send(int port, String request) throws IOException {
        return send(port, request, new byte[0]);
    }

    private static Reply send(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return exchange(s, head, body);
        }
    }

    private Reply sendTls(int port, String request) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(certificate.certificatePath()))) {
            trust.setCertificateEntry("goalpost", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.2", port)) {
            s.startHandshake(); // fails unless the server presents the certificate given to it
            return exchange(s, request, new byte[0]);
        }
    }

    private static Reply exchange(Socket s, String head, byte[] body) throws IOException {
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(signedIn(s, head).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read(s.getInputStream());
    }

    /**
     * The request with the admin token of the server on the socket's port after its request line:
     * these tests are about the HTTP layer, which answers before and regardless of sign-in.
     */
    private static String signedIn(Socket s, String head) {
        String token = TOKENS.get(s.getPort());
        int eol = head.indexOf("\r\n");
        return token == null || eol < 0 ? head : head.substring(0, eol + 2) + "Authorization: Bearer " + token + "\r\n"
                + head.substring(eol + 2);
    }

    /** Reads one response: head, then a body of its Content-Length (or chunked, or to the end). */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                all.write(in.readNBytes(n));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
