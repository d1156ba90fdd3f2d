package io.goalpost.platform.shares;

import io.goalpost.platform.access.Secrets;
import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The share links table. A link's token (256 random bits) is shown once, when it is made; only its
 * SHA-256 is stored. A link stops working when revoked (deleted), when it expires, or when its goal
 * is deleted.
 */
public final class ShareLinks {

    private static final String COLUMNS = "s.id, s.kind, s.range_from, s.range_to, s.goal_id, g.title, s.created_by, "
            + "u.username, s.created_at, s.expires_at";
    private static final String FROM = " FROM share_link s LEFT JOIN goal g ON g.id = s.goal_id "
            + "LEFT JOIN app_user u ON u.id = s.created_by";

    private final Pool pool;

    public ShareLinks(Pool pool) {
        this.pool = pool;
    }

    /** A new link and, once, its token. */
    public record Created(Share share, String token) {
        @Override
        public String toString() {
            return "Created[" + share + ", token redacted]";
        }
    }

    /** Makes a link; {@code expiresOn} is the last day it works (through its end, UTC). */
    public Future<Created> create(Share.Kind kind, LocalDate from, LocalDate to, Long goalId, long createdBy,
            Optional<LocalDate> expiresOn) {
        String token = Secrets.random("");
        OffsetDateTime expires = expiresOn.map(d -> d.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)).orElse(null);
        return pool.preparedQuery("INSERT INTO share_link (token_hash, kind, range_from, range_to, goal_id, created_by, expires_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .execute(Tuple.from(new Object[] {Buffer.buffer(Secrets.digest(token)), kind.id(), from, to, goalId, createdBy, expires}))
                .compose(rows -> get(rows.iterator().next().getLong(0)))
                .map(share -> new Created(share, token));
    }

    /** Every link, newest first. */
    public Future<List<Share>> list() {
        return pool.query("SELECT " + COLUMNS + FROM + " ORDER BY s.id DESC").execute().map(rows -> {
            List<Share> out = new ArrayList<>();
            rows.forEach(r -> out.add(share(r)));
            return out;
        });
    }

    /** One link; 404 when there is none. */
    public Future<Share> get(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE s.id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("share link " + id))
                        : Future.succeededFuture(share(rows.iterator().next())));
    }

    /** Revokes a link; 404 when there is none. */
    public Future<Share> revoke(long id) {
        return get(id).compose(share -> pool.preparedQuery("DELETE FROM share_link WHERE id = $1").execute(Tuple.of(id)).map(share));
    }

    /** The live link of a token: not revoked, not expired. */
    public Future<Optional<Share>> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Future.succeededFuture(Optional.empty());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE s.token_hash = $1 "
                + "AND (s.expires_at IS NULL OR s.expires_at > now())").execute(Tuple.of(Buffer.buffer(Secrets.digest(token))))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(share(rows.iterator().next())));
    }

    private static Share share(Row r) {
        Long by = r.getLong("created_by");
        return new Share(r.getLong("id"), Share.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                r.getLocalDate("range_from"), r.getLocalDate("range_to"), r.getLong("goal_id"), r.getString("title"),
                by == null ? null : new JsonObject().put("id", by).put("username", r.getString("username")),
                r.getOffsetDateTime("created_at"), Optional.ofNullable(r.getOffsetDateTime("expires_at")));
    }
}
