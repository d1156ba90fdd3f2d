package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Safe defaults of the HTTP server (issue 9, README "Deploying on a shared server"), against the real
 * server on a fresh PostgreSQL database: every answer (API, static file, error, 404) carries the
 * security headers.
 *
 * <p>Requests are written on raw sockets: the JDK client may not set {@code Host}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SafeDefaultsTest {

    private static final Path NO_PLUGINS = Path.of("target/no-plugins");
    private static final List<String> SECURITY_HEADERS = List.of("content-security-policy", "x-content-type-options",
            "referrer-policy", "x-frame-options");

    private TestDatabase db;
    private GoalpostServer server;
    private int port;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-safe"), Optional.of(db.url()),
                NO_PLUGINS, Set.of(), Duration.ofHours(6)));
        port = server.port();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {server, db}) {
            if (c != null) {
                c.close();
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
        answers.put("400 without Host", send(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"));
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

    private static Reply exchange(Socket s, String head, byte[] body) throws IOException {
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read(s.getInputStream());
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
