package io.goalpost.platform.access;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;

/**
 * Browser sessions, kept in PostgreSQL so they survive a restart and every instance on the database
 * knows them. The cookie carries 256 random bits; only their SHA-256 is stored. A session ends
 * {@link #IDLE} after its last use or {@link #LIFETIME} after sign-in, whichever comes first.
 */
public final class Sessions {

    /** The cookie's name. */
    public static final String COOKIE = "goalpost_session";
    /** A session unused this long has ended. */
    public static final Duration IDLE = Duration.ofDays(7);
    /** No session lasts longer than this after sign-in. */
    public static final Duration LIFETIME = Duration.ofDays(30);
    /** How stale {@code last_seen_at} may get before a request refreshes it (one write a minute, not one per request). */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Pool pool;

    public Sessions(Pool pool) {
        this.pool = pool;
    }

    /** A new session: the cookie value (to send once, never to store) and its CSRF token. */
    public record Created(String cookieValue, Principal.SessionRef ref) {
        @Override
        public String toString() {
            return "Created[redacted]";
        }
    }

    /** Starts a session for a user. */
    public Future<Created> start(long userId) {
        String value = Secrets.random("");
        byte[] hash = Secrets.digest(value);
        String csrf = Secrets.random("");
        return pool.preparedQuery("INSERT INTO user_session (id_hash, user_id, csrf_token, expires_at) "
                + "VALUES ($1, $2, $3, now() + make_interval(secs => $4))")
                .execute(Tuple.of(Buffer.buffer(hash), userId, csrf, (double) LIFETIME.toSeconds()))
                .map(r -> new Created(value, new Principal.SessionRef(hash, csrf)));
    }

    /** The signed-in user of a cookie value, if its session is live and its user enabled. */
    public Future<Optional<Principal>> resolve(String cookieValue) {
        byte[] hash = Secrets.digest(cookieValue);
        return pool.preparedQuery("SELECT u.id, u.username, u.role, s.csrf_token, "
                + "s.last_seen_at < now() - make_interval(secs => $3) AS stale FROM user_session s "
                + "JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > now() "
                + "AND s.last_seen_at > now() - make_interval(secs => $2) AND NOT u.disabled")
                .execute(Tuple.of(Buffer.buffer(hash), (double) IDLE.toSeconds(), (double) TOUCH_EVERY.toSeconds()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    Row r = rows.iterator().next();
                    Principal p = new Principal(r.getLong("id"), r.getString("username"), Role.stored(r.getString("role")),
                            Principal.Via.SESSION, Optional.of(new Principal.SessionRef(hash, r.getString("csrf_token"))),
                            Optional.empty());
                    Future<Optional<Principal>> found = Future.succeededFuture(Optional.of(p));
                    return r.getBoolean("stale") ? touch(hash).compose(v -> found, e -> found) : found;
                });
    }

    /** Ends one session (sign-out). */
    public Future<Void> end(byte[] idHash) {
        return pool.preparedQuery("DELETE FROM user_session WHERE id_hash = $1").execute(Tuple.of(Buffer.buffer(idHash)))
                .mapEmpty();
    }

    /** Removes ended sessions (run now and then; an ended session is refused whether or not it is removed). */
    public Future<Integer> purgeEnded() {
        return pool.preparedQuery("DELETE FROM user_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) IDLE.toSeconds())).map(r -> r.rowCount());
    }

    private Future<Void> touch(byte[] hash) {
        return pool.preparedQuery("UPDATE user_session SET last_seen_at = now() WHERE id_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash))).mapEmpty();
    }
}
