package io.goalpost.platform.api;

import io.goalpost.platform.storage.DatabaseOutage;
import io.goalpost.platform.storage.OutageLog;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing JSON answers and errors in one shape. */
public final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private Responses() {
    }

    /** Writes a value as JSON with the status. */
    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
        if (body instanceof io.vertx.core.buffer.Buffer json) {
            // Encoded JSON already (a cached answer's bytes): written as it is.
            response.end(json);
        } else {
            response.end(body instanceof String s ? s : Json.encode(body));
        }
    }

    /** Completes a request from a future: 200 with its value, or the error it failed with. */
    public static <T> void reply(RoutingContext ctx, Future<T> future) {
        reply(ctx, 200, future);
    }

    /** Completes a request from a future with the given success status. */
    public static <T> void reply(RoutingContext ctx, int status, Future<T> future) {
        future.onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, status, ar.result());
            } else {
                error(ctx, ar.cause());
            }
        });
    }

    /** Writes an error: ApiError as its status, an unreachable database as 503 with Retry-After, anything else as 500 without internals. */
    public static void error(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ApiError e) {
            json(ctx, e.status(), new JsonObject().put("error", e.getMessage()).put("details", e.details()));
            return;
        }
        if (failure instanceof io.vertx.core.http.HttpClosedException) {
            // The client went away (e.g. mid-upload): nothing wrong here, and nobody reads the answer; it is
            // still ended so that what waits for the end of the request (an import's place) is freed.
            json(ctx, 400, new JsonObject().put("error", "the client closed the connection"));
            return;
        }
        java.util.Optional<String> vanished = vanishedParent(failure);
        if (vanished.isPresent()) {
            // The goal or account a write belongs to was deleted while it was written (a foreign key
            // found no parent): the same answer as writing to it after the delete.
            json(ctx, 404, new JsonObject().put("error", vanished.get() + " not found (it was deleted)"));
            return;
        }
        if (DatabaseOutage.isOutage(failure)) {
            // The database is down or unreachable: a state that passes, not a bug (storage/DatabaseOutage).
            OutageLog.warn(LOG, failure, "serving " + ctx.request().method() + " " + ctx.request().path());
            if (!ctx.response().ended()) {
                ctx.response().putHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
            }
            json(ctx, 503, new JsonObject().put("error", "the database is not reachable right now; try again shortly"));
            return;
        }
        LOG.error("Unexpected error serving {} {}", ctx.request().method(), ctx.request().path(), failure);
        json(ctx, 500, new JsonObject().put("error", "internal error; see the server log"));
    }

    /**
     * The parent a write referred to that no longer exists ("goal 12", "account 3"), when the write
     * failed on a foreign key for that reason (SQLSTATE 23503 with "is not present in table").
     */
    static java.util.Optional<String> vanishedParent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState()) && pg.getDetail() != null) {
                var m = java.util.regex.Pattern.compile("Key \\((\\w+)\\)=\\(([^)]*)\\) is not present in table \"(\\w+)\"")
                        .matcher(pg.getDetail());
                if (m.find()) {
                    return java.util.Optional.of(m.group(3) + " " + m.group(2));
                }
            }
        }
        return java.util.Optional.empty();
    }
}
