package io.goalpost.platform.access;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * API tokens for scripts ({@code Authorization: Bearer gp_…}). A token is shown once, when created;
 * only its SHA-256 is stored. It acts with the lower of its own role and its user's current role, and
 * stops when revoked (deleted), expired, or its user is disabled or deleted.
 */
public final class ApiTokens {

    /** What every token starts with, so secret scanners and people recognise one. */
    public static final String PREFIX = "gp_";

    private static final String COLUMNS = "t.id, t.name, t.role, t.user_id, u.username, t.created_at, t.expires_at, t.last_used_at";

    private final Pool pool;

    public ApiTokens(Pool pool) {
        this.pool = pool;
    }

    /** A new token's description and, once, its value. */
    public record Created(JsonObject json, String value) {
        @Override
        public String toString() {
            return "Created[" + json + ", value redacted]";
        }
    }

    /**
     * Creates a token for {@code owner} named {@code name} with {@code role} (at most the owner's role:
     * 403 otherwise), valid through the end of {@code expiresOn} (UTC) if given.
     */
    public Future<Created> create(User owner, String name, Role role, Optional<LocalDate> expiresOn, LocalDate today) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw ApiError.badRequest("the token needs a name of 1 to 100 characters");
        }
        if (!owner.role().includes(role)) {
            throw new ApiError(403, "a token's role cannot be higher than its user's (" + owner.role().id() + ")", null);
        }
        if (expiresOn.isPresent() && expiresOn.get().isBefore(today)) {
            throw ApiError.badRequest("expires_at (" + expiresOn.get() + ") is in the past");
        }
        String value = Secrets.random(PREFIX);
        OffsetDateTime expires = expiresOn.map(d -> d.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)).orElse(null);
        return pool.preparedQuery("INSERT INTO api_token (user_id, name, role, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) "
                + "RETURNING id").execute(Tuple.of(owner.id(), name.strip(), role.id(), Buffer.buffer(Secrets.digest(value)), expires))
                .compose(rows -> get(rows.iterator().next().getLong(0)))
                .map(json -> new Created(json, value));
    }

    /** The tokens of a user, or everyone's ({@code userId} empty), newest first. */
    public Future<JsonArray> list(Optional<Long> userId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_token t JOIN app_user u ON u.id = t.user_id "
                + "WHERE $1::bigint IS NULL OR t.user_id = $1 ORDER BY t.id DESC").execute(Tuple.of(userId.orElse(null)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r)));
                    return out;
                });
    }

    /** One token's description; 404 when there is none. */
    public Future<JsonObject> get(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1")
                .execute(Tuple.of(id)).compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("API token " + id))
                        : Future.succeededFuture(json(rows.iterator().next())));
    }

    /** Revokes a token; only its owner or an admin may (404 for others, so ids of others' tokens are not confirmed). */
    public Future<JsonObject> revoke(long id, Principal by) {
        return pool.preparedQuery("DELETE FROM api_token t USING app_user u WHERE t.id = $1 AND u.id = t.user_id "
                + "AND ($2 OR t.user_id = $3) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, by.role() == Role.ADMIN, by.userId()))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("API token " + id))
                        : Future.succeededFuture(json(rows.iterator().next())));
    }

    /** Revokes a user's tokens of a given name (the demo replaces its script token at each start). */
    public Future<Integer> revokeNamed(long userId, String name) {
        return pool.preparedQuery("DELETE FROM api_token WHERE user_id = $1 AND name = $2").execute(Tuple.of(userId, name))
                .map(r -> r.rowCount());
    }

    /** The principal of a bearer value, if it is a live token of an enabled user; notes its use. */
    public Future<Optional<Principal>> resolve(String value) {
        if (!value.startsWith(PREFIX)) {
            return Future.succeededFuture(Optional.empty());
        }
        return pool.preparedQuery("SELECT t.id, t.role, u.id AS user_id, u.username, u.role AS user_role, "
                + "(t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale "
                + "FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = $1 AND NOT u.disabled "
                + "AND (t.expires_at IS NULL OR t.expires_at > now())")
                .execute(Tuple.of(Buffer.buffer(Secrets.digest(value))))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    Row r = rows.iterator().next();
                    Role role = Role.lower(Role.stored(r.getString("role")), Role.stored(r.getString("user_role")));
                    Optional<Principal> p = Optional.of(new Principal(r.getLong("user_id"), r.getString("username"), role,
                            Principal.Via.TOKEN, Optional.empty(), Optional.of(r.getLong("id"))));
                    // last_used_at to the minute: one write a minute per token, not one per request
                    return r.getBoolean("stale")
                            ? pool.preparedQuery("UPDATE api_token SET last_used_at = now() WHERE id = $1")
                                    .execute(Tuple.of(r.getLong("id"))).map(p).otherwise(p)
                            : Future.succeededFuture(p);
                });
    }

    private static JsonObject json(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("role", r.getString("role"))
                .put("user", new JsonObject().put("id", r.getLong("user_id")).put("username", r.getString("username")))
                .put("created_at", instant(r.getOffsetDateTime("created_at")))
                .put("expires_at", instant(r.getOffsetDateTime("expires_at")))
                .put("last_used_at", instant(r.getOffsetDateTime("last_used_at")));
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
