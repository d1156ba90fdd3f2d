package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.imports.ImportSlots;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gated body reader (the CSV import's two places) frees its place whenever the request is over,
 * also when the client went away before the reader was reached: sign-in is checked asynchronously
 * before it, and a client that disconnected during that check once kept its place for good, so two
 * such clients left every later import answered 503 until a restart.
 */
final class GatedBodiesTest {

    private Vertx vertx;
    private HttpServer server;
    private ImportSlots slots;
    /** How long the handler before the reader takes, like a sign-in check against the database. */
    private static final long CHECK_MS = 400;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        slots = new ImportSlots(1);
        Router router = Router.router(vertx);
        router.post("/upload")
                .handler(ctx -> vertx.setTimer(CHECK_MS, t -> ctx.next()))
                .handler(RequestBodies.csv().gatedBy(slots))
                .handler(ctx -> ctx.response().end("stored " + ctx.body().length()));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Socket halfUpload() throws Exception {
        byte[] body = "day,metric,value\n2026-01-01,web_sessions,1\n".getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket("127.0.0.1", server.actualPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return socket;
    }

    private boolean placeFreeWithin(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Runnable> place = slots.enter();
            if (place.isPresent()) {
                place.get().run();
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aClientGoneBeforeTheReaderIsReachedLeavesNoPlaceTaken() throws Exception {
        try (Socket gone = halfUpload()) {
            Thread.sleep(50);
        }
        // The reader runs CHECK_MS after the request arrived, on a connection already closed.
        Thread.sleep(CHECK_MS + 200);
        assertThat(placeFreeWithin(Duration.ofSeconds(5))).as("the import place of a client that went away comes free").isTrue();
    }

    @Test
    void aClientGoneWhileItsBodyIsReadLeavesNoPlaceTaken() throws Exception {
        Socket gone = halfUpload();
        Thread.sleep(CHECK_MS + 300);
        assertThat(slots.enter()).as("the upload holds the only place while its body is read").isEmpty();
        gone.close();
        assertThat(placeFreeWithin(Duration.ofSeconds(5))).as("the place comes free when the client goes away").isTrue();
    }
}
