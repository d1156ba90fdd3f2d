package io.goalpost.platform.access;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The one-time token that lets the first visitor create the first admin (as Jenkins does): issued at
 * a start that finds no user, printed on the console, stored only as a digest, and used up with the
 * admin it creates. While any user exists it is refused whatever its value.
 */
public final class SetupToken {

    private final Pool pool;
    private final Users users;

    public SetupToken(Pool pool, Users users) {
        this.pool = pool;
        this.users = users;
    }

    /** A new token (replacing any earlier one). */
    public Future<String> issue() {
        String value = Secrets.random("");
        return pool.preparedQuery("INSERT INTO setup_token (token_hash) VALUES ($1) "
                + "ON CONFLICT (singleton) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()")
                .execute(Tuple.of(Buffer.buffer(Secrets.digest(value)))).map(value);
    }

    /**
     * Creates the first admin if {@code token} is the issued one and no user exists: 409 once a user
     * exists, 403 for another token. Runs in one transaction holding the token's row, so two visitors
     * with the token cannot both create an admin.
     */
    public Future<User> createFirstAdmin(String token, String username, String password) {
        if (token == null || token.isBlank()) {
            throw ApiError.badRequest("setup_token is required: it was printed on the server's console at its first start");
        }
        return pool.withTransaction(tx -> tx.query("SELECT token_hash FROM setup_token FOR UPDATE").execute()
                .compose(rows -> tx.query("SELECT EXISTS (SELECT 1 FROM app_user)").execute().compose(exists -> {
                    if (exists.iterator().next().getBoolean(0)) {
                        return Future.failedFuture(new ApiError(409, "Goalpost is set up already: sign in instead", null));
                    }
                    boolean valid = rows.size() == 1 && Secrets.same(rows.iterator().next().getBuffer(0).getBytes(),
                            Secrets.digest(token.strip()));
                    if (!valid) {
                        return Future.failedFuture(new ApiError(403, "the setup token is not the one the server printed", null));
                    }
                    return users.create(tx, username, password, Role.ADMIN)
                            .compose(u -> tx.query("DELETE FROM setup_token").execute().map(u));
                })));
    }
}
