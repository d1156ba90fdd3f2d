package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.api.ReverseProxyTest.Reply;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connections cannot be held open for ever: a request answered before its body was read (413, 415)
 * gets {@code Connection: close} and its connection is closed, without the rest of the body being read
 * to its end; and a connection with nothing going on is closed after the idle timeout. Connections
 * whose requests are answered normally stay open for the next request.
 *
 * <p>The clients are raw sockets that declare bodies they never send, or send without end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HttpTimeoutsTest {

    /** Far below the idle timeout: a close seen within it is the server's answer to the refused body. */
    private static final int WAIT_MS = 10_000;

    private TestDatabase db;
    private GoalpostServer server;
    private int port;
    /** An editor's API token: the requests below are refused for their bodies, not for want of sign-in. */
    private String auth;

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, Files.createTempDirectory("goalpost-timeouts"), Optional.of(db.url()),
                Path.of("target/no-plugins"), Set.of(), Duration.ofHours(6)));
        port = server.port();
        auth = "Authorization: Bearer " + Http.token(server, Role.EDITOR) + "\r\n";
        assertThat(server.config().http().idleTimeout()).isEqualTo(HttpBinding.IDLE_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        assertThat(UnreadBodies.LINGER.toMillis()).isLessThan(WAIT_MS / 2);
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
    void aClientThatDeclaresAnOversizedBodyAndStallsGets413AndTheConnectionClosed() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /api/accounts HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: application/json\r\n"
                    + "Content-Length: " + (100L * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Reply r = ReverseProxyTest.read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(new JsonObject(r.body()).getString("error")).contains("larger than 1 MiB");
            assertThat(r.header("connection")).isEqualTo("close");
            assertClosedSoon(s);
        }
        // the CSV import's larger limit too, with part of the body sent
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/accounts/1/metrics/csv HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: text/csv\r\n"
                    + "Content-Length: " + (RequestBodies.CSV_LIMIT + 1) + "\r\n\r\nday,metric,value\n").getBytes(StandardCharsets.US_ASCII));
            Reply r = ReverseProxyTest.read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(r.header("connection")).isEqualTo("close");
            assertClosedSoon(s);
        }
    }

    @Test
    void anUploadWithoutSignInGets401AndTheConnectionClosed() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /api/accounts/1/metrics/csv HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: " + RequestBodies.CSV_LIMIT + "\r\n\r\nday,metric,value\n").getBytes(StandardCharsets.US_ASCII));
            Reply r = ReverseProxyTest.read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.header("connection")).isEqualTo("close");
            assertClosedSoon(s);
        }
    }

    @Test
    void aBodyOfTheWrongTypeIsNotWaitedFor() throws Exception {
        long before = db.count("SELECT count(*) FROM account");
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /api/accounts HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: text/plain\r\n"
                    + "Content-Length: 5000\r\n\r\n{\"network\":").getBytes(StandardCharsets.US_ASCII));
            Reply r = ReverseProxyTest.read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(415);
            assertThat(r.header("connection")).isEqualTo("close");
            assertClosedSoon(s);
        }
        assertThat(db.count("SELECT count(*) FROM account")).isEqualTo(before);
    }

    @Test
    void anUploadThatGoesOnAfterItsRefusalIsCutOffNotReadToItsEnd() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/goals HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            // Sends without end (at most 60 s); only the server closing the connection stops it.
            CompletableFuture<IOException> writer = CompletableFuture.supplyAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                try {
                    while (System.nanoTime() < end) {
                        out.write(size);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        sent.addAndGet(chunk.length);
                    }
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Reply r = ReverseProxyTest.read(s.getInputStream());
            assertThat(r.status()).as(r.body()).isEqualTo(413);
            assertThat(r.header("connection")).isEqualTo("close");
            long started = System.nanoTime();
            IOException stopped = writer.get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(stopped).as("the upload was cut off (sent %,d bytes)", sent.get()).isNotNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(WAIT_MS);
        }
    }

    @Test
    void answeredRequestsKeepTheirConnectionForTheNext() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET /api/health HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
            Reply health = ReverseProxyTest.read(in);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("connection")).isNull();
            String body = "{\"network\": \"manual\", \"name\": \"Kept alive\"}";
            out.write(("POST /api/accounts HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            Reply created = ReverseProxyTest.read(in);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("connection")).isNull();
            // a refusal after the whole body was read leaves the connection open too
            out.write(("POST /api/goals HTTP/1.1\r\nHost: localhost\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n"
                    + "{not json").getBytes(StandardCharsets.US_ASCII));
            assertThat(ReverseProxyTest.read(in).status()).isEqualTo(400);
            out.write(("GET /api/accounts HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
            Reply accounts = ReverseProxyTest.read(in);
            assertThat(accounts.status()).isEqualTo(200);
            assertThat(accounts.body()).contains("Kept alive");
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpBinding binding = HttpBinding.loopback().withIdleTimeout(Duration.ofMillis(800));
            RouteModule ping = routes -> routes.get("/ping", Access.ANYONE, ctx -> Responses.json(ctx, 200, new JsonObject()));
            int idlePort = ApiServer.listen(vertx, ApiServer.router(vertx, List.of(ping), binding, ReverseProxyTest.noSignIn()), 0,
                    binding)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            for (String sent : List.of("", "GET /api/health HTTP/1.1\r\nHost: loc")) { // nothing; half a request, then silence
                try (Socket s = new Socket("127.0.0.1", idlePort)) {
                    s.setSoTimeout(WAIT_MS);
                    s.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
                    long started = System.nanoTime();
                    assertThat(s.getInputStream().read()).as("closed: '%s'", sent).isEqualTo(-1);
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(500L, 5000L);
                }
            }
            // a connection in use is not idle
            try (Socket s = new Socket("127.0.0.1", idlePort)) {
                s.setSoTimeout(WAIT_MS);
                for (int i = 0; i < 4; i++) {
                    s.getOutputStream().write("GET /api/ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(ReverseProxyTest.read(s.getInputStream()).status()).isEqualTo(200);
                    Thread.sleep(500);
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> HttpBinding.loopback().withIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(WAIT_MS);
        return s;
    }

    /** The server closes the connection well before the idle timeout (a reset counts as closed too). */
    private static void assertClosedSoon(Socket s) throws IOException {
        long started = System.nanoTime();
        try {
            assertThat(s.getInputStream().read()).as("nothing after the answer, then the end of the stream").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open " + WAIT_MS + " ms after the answer", e);
        } catch (SocketException e) {
            // reset: closed as well
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(WAIT_MS);
    }
}
