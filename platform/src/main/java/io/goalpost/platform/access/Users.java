package io.goalpost.platform.access;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users table. Password hashing runs on a worker thread ({@link Passwords} is slow on purpose);
 * every change that could leave the server without an enabled admin is refused (409) inside the
 * transaction that makes it, so two admins demoting each other at once cannot both succeed.
 */
public final class Users {

    /** Allowed usernames: letters, digits and {@code . _ - @}, 1 to 64 characters. */
    public static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    private static final String COLUMNS = "id, username, role, disabled, created_at, last_sign_in_at";

    private final Vertx vertx;
    private final Pool pool;

    public Users(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** A user and their password hash, for sign-in only. */
    record WithHash(User user, String passwordHash) {
        @Override
        public String toString() {
            return "WithHash[" + user + ", hash redacted]";
        }
    }

    /** Refuses (400) a username the rules do not allow. */
    public static String checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            throw ApiError.badRequest("the username must be 1 to 64 letters, digits or . _ - @");
        }
        return username.strip();
    }

    /** Whether any user exists (none: the server waits for its first admin). */
    public Future<Boolean> anyExists() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM app_user)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Creates a user; 409 when the name is taken. */
    public Future<User> create(String username, String password, Role role) {
        return create(pool, username, password, role);
    }

    /** Creates a user through a given client (e.g. the first admin, in the transaction that uses the setup token). */
    Future<User> create(SqlClient client, String username, String password, Role role) {
        String name = checkUsername(username);
        Passwords.checkRules(name, password);
        return vertx.executeBlocking(() -> Passwords.hash(password), false)
                .compose(hash -> client.preparedQuery("INSERT INTO app_user (username, password_hash, role) VALUES ($1, $2, $3) "
                        + "RETURNING " + COLUMNS).execute(Tuple.of(name, hash, role.id())))
                .map(rows -> user(rows.iterator().next()))
                .recover(e -> Future.failedFuture(isUniqueViolation(e)
                        ? new ApiError(409, "a user named '" + name + "' exists already", null) : e));
    }

    /** Every user, by name. */
    public Future<List<User>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM app_user ORDER BY lower(username)").execute().map(rows -> {
            List<User> out = new ArrayList<>();
            rows.forEach(r -> out.add(user(r)));
            return out;
        });
    }

    /** One user; 404 when there is none. */
    public Future<User> get(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("user " + id))
                        : Future.succeededFuture(user(rows.iterator().next())));
    }

    /** A user by name (any case). */
    public Future<Optional<User>> find(String username) {
        return byName(username).map(found -> found.map(WithHash::user));
    }

    /** A user by name (any case) with their hash, for sign-in. */
    Future<Optional<WithHash>> byName(String username) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", password_hash FROM app_user WHERE lower(username) = lower($1)")
                .execute(Tuple.of(username)).map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(new WithHash(user(rows.iterator().next()), rows.iterator().next().getString("password_hash"))));
    }

    /** The password hash of a user. */
    Future<String> hashOf(long id) {
        return pool.preparedQuery("SELECT password_hash FROM app_user WHERE id = $1").execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("user " + id))
                        : Future.succeededFuture(rows.iterator().next().getString(0)));
    }

    /** Changes role and/or disabled; 409 when no enabled admin would remain. Disabling ends the user's sessions. */
    public Future<User> update(long id, Optional<Role> role, Optional<Boolean> disabled) {
        return pool.withTransaction(tx -> lockAdmins(tx)
                .compose(v -> tx.preparedQuery("UPDATE app_user SET role = COALESCE($2, role), disabled = COALESCE($3, disabled) "
                        + "WHERE id = $1 RETURNING " + COLUMNS)
                        .execute(Tuple.of(id, role.map(Role::id).orElse(null), disabled.orElse(null))))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("user " + id))
                        : Future.succeededFuture(user(rows.iterator().next())))
                .compose(u -> requireAnAdmin(tx, "this change would leave no enabled admin").map(u))
                .compose(u -> u.disabled()
                        ? tx.preparedQuery("DELETE FROM user_session WHERE user_id = $1").execute(Tuple.of(id)).map(u)
                        : Future.succeededFuture(u)));
    }

    /** Sets a new password (rules checked) and ends every session of the user except {@code keepSession}. */
    public Future<Void> setPassword(long id, String password, byte[] keepSession) {
        return get(id).compose(u -> {
            Passwords.checkRules(u.username(), password);
            return vertx.executeBlocking(() -> Passwords.hash(password), false);
        }).compose(hash -> pool.withTransaction(tx -> tx.preparedQuery("UPDATE app_user SET password_hash = $2 WHERE id = $1")
                .execute(Tuple.of(id, hash))
                .compose(r -> tx.preparedQuery("DELETE FROM user_session WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2")
                        .execute(Tuple.of(id, keepSession == null ? null : io.vertx.core.buffer.Buffer.buffer(keepSession))))))
                .mapEmpty();
    }

    /** Deletes a user (their sessions and tokens go with them); 409 for the last enabled admin. */
    public Future<User> delete(long id) {
        return pool.withTransaction(tx -> lockAdmins(tx)
                .compose(v -> tx.preparedQuery("DELETE FROM app_user WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id)))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("user " + id))
                        : Future.succeededFuture(user(rows.iterator().next())))
                .compose(u -> requireAnAdmin(tx, "the last enabled admin cannot be deleted").map(u)));
    }

    /** Notes a successful sign-in. */
    Future<Void> signedIn(long id) {
        return pool.preparedQuery("UPDATE app_user SET last_sign_in_at = now() WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
    }

    /** Serialises admin changes: concurrent demotions see each other's result. */
    private static Future<Void> lockAdmins(SqlClient tx) {
        return tx.query("SELECT id FROM app_user WHERE role = 'admin' FOR UPDATE").execute().mapEmpty();
    }

    private static Future<Void> requireAnAdmin(SqlClient tx, String message) {
        return tx.query("SELECT count(*) FROM app_user WHERE role = 'admin' AND NOT disabled").execute()
                .compose(rows -> rows.iterator().next().getLong(0) > 0 ? Future.succeededFuture()
                        : Future.failedFuture(new ApiError(409, message, null)));
    }

    static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    static User user(Row r) {
        return new User(r.getLong("id"), r.getString("username"), Role.stored(r.getString("role")), r.getBoolean("disabled"),
                r.getOffsetDateTime("created_at"), Optional.ofNullable(r.getOffsetDateTime("last_sign_in_at")));
    }
}
