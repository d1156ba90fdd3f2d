package io.goalpost.platform.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Limits password guessing: after {@link #PER_USER} failed sign-ins for one username, or
 * {@link #PER_ADDRESS} from one address, within {@link #WINDOW}, further attempts are refused (even
 * with the right password) until enough of those failures are older than the window. Failures are
 * counted in PostgreSQL, so several instances share one count. Attempts refused this way are not
 * counted, so a lock lasts at most one window after it began.
 */
public final class SignInLimiter {

    /** Failures for one username that lock it. */
    public static final int PER_USER = 5;
    /** Failures from one address that lock it. */
    public static final int PER_ADDRESS = 20;
    /** How long a failure counts. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Pool pool;

    public SignInLimiter(Pool pool) {
        this.pool = pool;
    }

    /** Why an attempt is refused, and for how long. */
    public record Lock(boolean byUser, long retryAfterSeconds) {
    }

    /** The lock on this username or address, if any (the longer one when both are locked). */
    public Future<java.util.Optional<Lock>> lock(String username, String address) {
        // The lock ends when the PER_x-th newest failure in the window leaves it.
        String sql = "SELECT ceil(extract(epoch FROM (at + make_interval(secs => $3) - now())))::bigint FROM sign_in_failure "
                + "WHERE %s = $1 AND at > now() - make_interval(secs => $3) ORDER BY at DESC OFFSET $2 - 1 LIMIT 1";
        Future<OptionalLong> user = pool.preparedQuery(sql.formatted("username"))
                .execute(Tuple.of(key(username), PER_USER, (double) WINDOW.toSeconds())).map(SignInLimiter::seconds);
        Future<OptionalLong> addr = pool.preparedQuery(sql.formatted("address"))
                .execute(Tuple.of(address, PER_ADDRESS, (double) WINDOW.toSeconds())).map(SignInLimiter::seconds);
        return Future.all(user, addr).map(v -> {
            long u = user.result().orElse(0);
            long a = addr.result().orElse(0);
            if (u <= 0 && a <= 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Lock(u >= a, Math.max(1, Math.max(u, a))));
        });
    }

    /** Counts a failed attempt. */
    public Future<Void> failed(String username, String address) {
        return pool.preparedQuery("INSERT INTO sign_in_failure (username, address) VALUES ($1, $2)")
                .execute(Tuple.of(key(username), address)).mapEmpty();
    }

    /** Forgets the username's failures after a successful sign-in (the address's stay). */
    public Future<Void> succeeded(String username) {
        return pool.preparedQuery("DELETE FROM sign_in_failure WHERE username = $1").execute(Tuple.of(key(username))).mapEmpty();
    }

    /** Removes failures older than the window. */
    public Future<Integer> purge() {
        return pool.preparedQuery("DELETE FROM sign_in_failure WHERE at <= now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) WINDOW.toSeconds())).map(r -> r.rowCount());
    }

    private static OptionalLong seconds(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
        return rows.size() == 0 ? OptionalLong.empty() : OptionalLong.of(rows.iterator().next().getLong(0));
    }

    /** Usernames compare case-insensitively, and only so much of one is kept. */
    private static String key(String username) {
        String k = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        return k.length() > 64 ? k.substring(0, 64) : k;
    }
}
