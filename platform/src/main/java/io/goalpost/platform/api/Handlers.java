package io.goalpost.platform.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Route handlers built from a request-to-future function: exceptions thrown while reading the request become error answers. */
public final class Handlers {

    private Handlers() {
    }

    /** A handler answering {@code status} with the future's value. */
    public static Handler<RoutingContext> reply(int status, Function<RoutingContext, ? extends Future<?>> body) {
        return ctx -> start(ctx, body).ifPresent(f -> Responses.reply(ctx, status, f));
    }

    /** A handler answering 204 with no body when the future succeeds. */
    public static Handler<RoutingContext> noContent(Function<RoutingContext, ? extends Future<?>> body) {
        return ctx -> start(ctx, body).ifPresent(f -> f.onComplete(ar -> {
            if (ar.failed()) {
                Responses.error(ctx, ar.cause());
            } else if (!ctx.response().ended()) {
                ctx.response().setStatusCode(204).end();
            }
        }));
    }

    /** Runs the body; a request it cannot read is answered at once and yields nothing. */
    private static java.util.Optional<Future<?>> start(RoutingContext ctx, Function<RoutingContext, ? extends Future<?>> body) {
        try {
            return java.util.Optional.of(body.apply(ctx));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return java.util.Optional.empty();
        }
    }
}
