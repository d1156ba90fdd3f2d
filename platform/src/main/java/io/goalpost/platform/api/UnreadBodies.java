package io.goalpost.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Closes the connection of a request that was answered before its body was read: a 413 (body over
 * its limit), a 415 (wrong Content-Type), a 421 (a name not the server's) and the like. Left open,
 * such a connection stays busy until the client has sent its whole body, however large, or stalls for
 * ever; the rest of the body is not wanted.
 *
 * <p>The answer carries {@code Connection: close}. After it is written the server goes on discarding
 * what the client still sends for at most {@link #LINGER}, so that a client busy sending can still read
 * the answer (closing on unread data makes the client's system discard the answer with a reset); then,
 * or as soon as the body ends, it closes the connection. HTTP/1.x only: an HTTP/2 stream is reset by
 * Vert.x itself and its connection serves other streams.
 */
public final class UnreadBodies implements Handler<RoutingContext> {

    /** How long the rest of a refused body is discarded before the connection is closed. */
    public static final Duration LINGER = Duration.ofSeconds(2);

    private static final String CLOSING = "goalpost.close-after-answer";

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.version() == HttpVersion.HTTP_2 || !RequestBodies.hasBody(request)) {
            ctx.next();
            return;
        }
        ctx.addHeadersEndHandler(v -> {
            if (!request.isEnded()) {
                ctx.put(CLOSING, Boolean.TRUE);
                ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
        });
        ctx.addEndHandler(done -> {
            if (ctx.get(CLOSING) != null) {
                close(ctx);
            }
        });
        ctx.next();
    }

    private static void close(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = ctx.vertx().setTimer(LINGER.toMillis(), id -> connection.close());
        try {
            request.handler(discarded -> {
            });
            request.exceptionHandler(e -> {
            });
            request.endHandler(v -> {
                ctx.vertx().cancelTimer(timer);
                connection.close();
            });
            request.resume();
        } catch (IllegalStateException e) {
            // the body ended meanwhile
            ctx.vertx().cancelTimer(timer);
            connection.close();
        }
    }
}
