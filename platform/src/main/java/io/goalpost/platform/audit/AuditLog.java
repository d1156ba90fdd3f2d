package io.goalpost.platform.audit;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.ClientOrigin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what and when (platform/API-access.md, "Audit actions"). Entries are written after the
 * action succeeded; one that cannot be written is logged and does not undo or fail the action.
 * Details name what changed, never a secret's value: callers pass field names, not values, for
 * credentials and passwords.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /** Most entries one page answers. */
    public static final int MAX_PAGE = 500;

    private final Pool pool;

    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * What an action was done to.
     *
     * @param type e.g. {@code goal}, {@code account}, {@code user}
     * @param id its id
     * @param name its name when known, for reading the log after it is gone
     */
    public record Target(String type, String id, String name) {
        public Target {
            Objects.requireNonNull(type, "type");
        }

        /** A target by numeric id. */
        public static Target of(String type, long id, String name) {
            return new Target(type, Long.toString(id), name);
        }

        JsonObject toJson() {
            return new JsonObject().put("type", type).put("id", id).put("name", name);
        }
    }

    /**
     * Who acted, when it is not a request's principal.
     *
     * @param userId the user, if any
     * @param username their name, if any
     * @param via {@code setup} (the first admin) or {@code system} (the server itself)
     */
    public record Actor(Long userId, String username, String via) {
        /** The server itself (e.g. the first admin from {@code GOALPOST_ADMIN_PASSWORD}). */
        public static Actor system() {
            return new Actor(null, null, "system");
        }
    }

    /** Records an action of a request's principal (or of nobody, e.g. a failed sign-in). */
    public Future<Void> record(RoutingContext ctx, String action, Target target, JsonObject details) {
        Actor actor = Principal.of(ctx).map(p -> new Actor(p.userId(), p.username(), p.via().id()))
                .orElse(new Actor(null, null, "session"));
        return record(actor, ClientOrigin.address(ctx), action, target, details);
    }

    /** Records an action of an actor. */
    public Future<Void> record(Actor actor, String address, String action, Target target, JsonObject details) {
        return pool.preparedQuery("INSERT INTO audit_event (actor_id, actor_name, via, address, action, target_type, target_id, "
                + "target_name, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] {actor.userId(), actor.username(), actor.via(), address, action,
                        target == null ? null : target.type(), target == null ? null : target.id(),
                        target == null ? null : target.name(), details == null ? new JsonObject() : details}))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("Audit entry '{}' could not be written: {}", action, e.getMessage());
                    return Future.succeededFuture();
                });
    }

    /**
     * Wraps a route's work so that, once it succeeds, the action is recorded with the target the
     * result names; the answer waits for the entry, so a client that reads the log next sees it.
     */
    public <T> Function<RoutingContext, Future<T>> after(String action, Function<RoutingContext, Future<T>> work,
            BiFunction<RoutingContext, T, Target> target) {
        return ctx -> work.apply(ctx).compose(result -> record(ctx, action, target.apply(ctx, result), null).map(result));
    }

    /** Like {@link #after}, with details drawn from the request and result. */
    public <T> Function<RoutingContext, Future<T>> after(String action, Function<RoutingContext, Future<T>> work,
            BiFunction<RoutingContext, T, Target> target, BiFunction<RoutingContext, T, JsonObject> details) {
        return ctx -> work.apply(ctx).compose(result -> record(ctx, action, target.apply(ctx, result),
                details.apply(ctx, result)).map(result));
    }

    /** Newest first: at most {@code limit} entries older than {@code before} (if given) whose action starts with {@code prefix}. */
    public Future<JsonObject> page(int limit, Long before, String actionPrefix) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        String like = actionPrefix == null || actionPrefix.isBlank() ? null
                : actionPrefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return pool.preparedQuery("SELECT id, at, actor_id, actor_name, via, address, action, target_type, target_id, target_name, "
                + "details FROM audit_event WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR action LIKE $2) "
                + "ORDER BY id DESC LIMIT $3").execute(Tuple.of(before, like, n + 1))
                .map(rows -> {
                    JsonArray events = new JsonArray();
                    Long next = null;
                    for (Row r : rows) {
                        if (events.size() == n) {
                            next = events.getJsonObject(n - 1).getLong("id");
                            break;
                        }
                        events.add(json(r));
                    }
                    return new JsonObject().put("events", events).put("next_before", next);
                });
    }

    private static JsonObject json(Row r) {
        Long actorId = r.getLong("actor_id");
        String actorName = r.getString("actor_name");
        String type = r.getString("target_type");
        Object details = r.getValue("details");
        return new JsonObject().put("id", r.getLong("id")).put("at", r.getOffsetDateTime("at").toInstant().toString())
                .put("actor", actorId == null && actorName == null ? null : new JsonObject().put("id", actorId).put("username", actorName))
                .put("via", r.getString("via")).put("address", r.getString("address")).put("action", r.getString("action"))
                .put("target", type == null ? null : new Target(type, r.getString("target_id"), r.getString("target_name")).toJson())
                .put("details", details instanceof JsonObject j ? j : new JsonObject());
    }
}
