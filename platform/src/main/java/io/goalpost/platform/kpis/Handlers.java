package io.goalpost.platform.kpis;

import io.goalpost.platform.api.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Small helpers for route handlers: exceptions thrown while reading the request become error answers. */
public final class Handlers {

    private Handlers() {
    }

    /** A handler answering {@code status} with the future's value. */
    public static Handler<RoutingContext> reply(int status, Function<RoutingContext, Future<?>> body) {
        return ctx -> {
            Future<?> f;
            try {
                f = body.apply(ctx);
            } catch (RuntimeException e) {
                Responses.error(ctx, e);
                return;
            }
            Responses.reply(ctx, status, f);
        };
    }

    /** A handler answering 204 with no body when the future succeeds. */
    public static Handler<RoutingContext> noContent(Function<RoutingContext, Future<?>> body) {
        return ctx -> {
            Future<?> f;
            try {
                f = body.apply(ctx);
            } catch (RuntimeException e) {
                Responses.error(ctx, e);
                return;
            }
            f.onComplete(ar -> {
                if (ar.succeeded()) {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(204).end();
                    }
                } else {
                    Responses.error(ctx, ar.cause());
                }
            });
        };
    }
}
