package io.goalpost.platform.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for accounts and their sync state. */
public final class AccountStore {

    /**
     * The stored status, except that a sync whose lease lapsed (killed, or cut off by a database outage:
     * sync/SyncLeases) is not shown as running.
     */
    private static final String SHOWN_STATUS = "CASE WHEN s.status IN ('syncing', 'backfilling') AND (s.lease_expires_at IS NULL "
            + "OR s.lease_expires_at < now()) THEN 'interrupted' ELSE s.status END AS status";
    private static final String COLUMNS = "a.id, a.network, a.name, a.config, a.secrets, a.external_id, a.handle, "
            + "a.display_name, a.reporting_zone, a.connected_on, a.origin, " + SHOWN_STATUS + ", s.synced_through, s.last_attempt_at, "
            + "s.last_success_at, s.last_error, s.last_error_kind, s.retry_at, s.notes, s.warnings, s.followers_derived_from, "
            + "a.access_expires_at, a.refresh_expires_at, s.backfill_started_at, s.backfill_done_at, s.backfill_days_total, "
            + "s.backfill_days_done, s.backfill_posts";
    private static final String FROM = " FROM account a LEFT JOIN sync_state s ON s.account_id = a.id";

    private final Pool pool;

    public AccountStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * An account with its sync status, when its tokens lapse and how far its first sync got.
     *
     * @param account the account
     * @param sync its sync status
     * @param tokens when its stored tokens lapse, as far as known
     * @param backfill the progress of its first sync
     */
    public record Stored(Account account, SyncStatus sync, TokenExpiry tokens, Backfill backfill) {
        public Stored {
            tokens = tokens == null ? TokenExpiry.UNKNOWN : tokens;
            backfill = backfill == null ? Backfill.DONE : backfill;
        }

        public Stored(Account account, SyncStatus sync) {
            this(account, sync, TokenExpiry.UNKNOWN, Backfill.DONE);
        }
    }

    /**
     * When an account's stored tokens lapse, as its plugin reported them (at connect, or after a refresh).
     *
     * @param accessExpiresAt when the access token lapses, or null (does not, or not known)
     * @param refreshExpiresAt when the refresh token lapses, or null
     */
    public record TokenExpiry(Instant accessExpiresAt, Instant refreshExpiresAt) {
        /** Nothing known. */
        public static final TokenExpiry UNKNOWN = new TokenExpiry(null, null);

        /** From a plugin's optional values. */
        public static TokenExpiry of(Optional<Instant> access, Optional<Instant> refresh) {
            return new TokenExpiry(access.orElse(null), refresh.orElse(null));
        }

        /**
         * These expiries with what a later report says in their place: a value the report leaves out
         * (null) keeps this one. A refresh that renews only the access token (Pinterest's, X's) says
         * nothing about the refresh token, which keeps the end it had.
         */
        public TokenExpiry then(TokenExpiry later) {
            return new TokenExpiry(later.accessExpiresAt() != null ? later.accessExpiresAt() : accessExpiresAt,
                    later.refreshExpiresAt() != null ? later.refreshExpiresAt() : refreshExpiresAt);
        }
    }

    /**
     * The progress of an account's first sync, which fetches its whole history.
     *
     * @param startedAt when it started, or null before
     * @param doneAt when a sync first finished, or null while the backfill runs
     * @param daysTotal the days of history to fetch, once known
     * @param daysDone the days fetched, oldest first
     * @param posts the posts fetched
     */
    public record Backfill(Instant startedAt, Instant doneAt, Integer daysTotal, int daysDone, int posts) {
        /** A backfill that finished (or an account that has none). */
        public static final Backfill DONE = new Backfill(null, Instant.EPOCH, null, 0, 0);

        /** Whether the first sync has not finished yet. */
        public boolean running() {
            return doneAt == null;
        }
    }

    /** Inserts an account (origin: manual for a manual source, else network) and its sync state; answers the new id. */
    public Future<Long> insert(String network, String name, Map<String, String> config, byte[] sealedSecrets,
            LocalDate connectedOn, String initialStatus) {
        return insert(network, name, config, sealedSecrets, connectedOn, initialStatus,
                Account.MANUAL.equals(network) ? AccountOrigin.MANUAL : AccountOrigin.NETWORK);
    }

    /** Inserts an account of the given origin (never changed afterwards) and its sync state in one transaction. */
    public Future<Long> insert(String network, String name, Map<String, String> config, byte[] sealedSecrets,
            LocalDate connectedOn, String initialStatus, AccountOrigin origin) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO account (network, name, config, secrets, connected_on,"
                + " origin) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .execute(Tuple.from(java.util.Arrays.asList(network, name, new JsonObject(new LinkedHashMap<>(config)),
                        sealedSecrets == null ? null : Buffer.buffer(sealedSecrets), connectedOn, origin.value())))
                .map(rows -> rows.iterator().next().getLong(0))
                .compose(id -> tx.preparedQuery("INSERT INTO sync_state (account_id, status) VALUES ($1, $2)")
                        .execute(Tuple.of(id, initialStatus)).map(id)));
    }

    /** Every account, oldest first. */
    public Future<List<Stored>> list() {
        return pool.query("SELECT " + COLUMNS + FROM + " ORDER BY a.id").execute()
                .map(rows -> {
                    List<Stored> out = new java.util.ArrayList<>();
                    rows.forEach(r -> out.add(stored(r)));
                    return out;
                });
    }

    /** One account, if it exists. */
    public Future<Optional<Stored>> get(long id) {
        return get(pool, id);
    }

    /** One account through a given client (e.g. inside a transaction). */
    public Future<Optional<Stored>> get(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE a.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /**
     * An account of the network already connected to the same external account: its identity field
     * ({@code field}) has {@code configured} as value (or its external id is that value), or its
     * external id is {@code externalId}. {@code except} is left out (the account being reconnected).
     */
    public Future<Optional<Account>> findConnected(String network, String field, String configured, String externalId,
            long except) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE a.network = $1 AND a.id <> $4 AND ("
                + "($2::text IS NOT NULL AND (a.external_id = $2 OR a.config ->> $5 = $2)) "
                + "OR ($3::text IS NOT NULL AND a.external_id = $3)) ORDER BY a.id LIMIT 1")
                .execute(Tuple.of(network, configured, externalId, except, field))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next()).account()));
    }

    /** Deletes an account and, by cascade, all its data. Answers whether it existed. */
    public Future<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM account WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Renames an account, leaving its settings, credentials and sync state as they are. */
    public Future<Void> rename(long id, String name) {
        return pool.preparedQuery("UPDATE account SET name = $2 WHERE id = $1").execute(Tuple.of(id, name)).mapEmpty();
    }

    /** Replaces name, non-secret config and secrets (reconnect), and resets the error state. */
    public Future<Void> update(long id, String name, Map<String, String> config, byte[] sealedSecrets) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                "UPDATE account SET name = $2, config = $3, secrets = $4 WHERE id = $1")
                .execute(Tuple.of(id, name, new JsonObject(new LinkedHashMap<>(config)),
                        sealedSecrets == null ? null : Buffer.buffer(sealedSecrets)))
                .compose(r -> tx.preparedQuery("UPDATE sync_state SET status = 'pending', last_error = NULL, "
                        + "last_error_kind = NULL, retry_at = NULL WHERE account_id = $1").execute(Tuple.of(id)))
                .mapEmpty());
    }

    /**
     * Stores non-secret settings a plugin wrote after a refresh (Instagram's {@code access_refreshed_at}),
     * over the stored ones; the others are left as they are.
     */
    public Future<Void> updateConfigValues(long id, Map<String, String> values) {
        return pool.preparedQuery("UPDATE account SET config = config || $2 WHERE id = $1")
                .execute(Tuple.of(id, new JsonObject(new LinkedHashMap<String, Object>(values)))).mapEmpty();
    }

    /** Stores refreshed secrets. */
    public Future<Void> updateSecrets(long id, byte[] sealedSecrets) {
        return pool.preparedQuery("UPDATE account SET secrets = $2 WHERE id = $1")
                .execute(Tuple.of(id, Buffer.buffer(sealedSecrets))).mapEmpty();
    }

    /** Stores when the account's tokens lapse (null: they do not, or it is not known). */
    public Future<Void> updateTokenExpiry(long id, TokenExpiry expiry) {
        return pool.preparedQuery("UPDATE account SET access_expires_at = $2, refresh_expires_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, offset(expiry.accessExpiresAt()), offset(expiry.refreshExpiresAt()))).mapEmpty();
    }

    /**
     * Stores what a plugin reported after renewing a token ({@code CredentialsPort.expires}): a value it
     * left out (null) keeps the stored one, as the plugin API promises, instead of erasing it (a
     * Pinterest refresh renews the access token only; erasing the refresh token's end would drop the
     * warning before the 365-day sign-in lapses).
     */
    public Future<Void> recordRenewedExpiry(long id, TokenExpiry reported) {
        return pool.preparedQuery("UPDATE account SET access_expires_at = COALESCE($2, access_expires_at), "
                + "refresh_expires_at = COALESCE($3, refresh_expires_at) WHERE id = $1")
                .execute(Tuple.of(id, offset(reported.accessExpiresAt()), offset(reported.refreshExpiresAt()))).mapEmpty();
    }

    /**
     * Marks an account whose connection check the network throttled: saved, not yet verified, to be
     * checked (and backfilled) at {@code checkAt}.
     */
    public Future<Void> markPendingCheck(long id, String words, Instant checkAt, String kind) {
        return pool.preparedQuery("UPDATE sync_state SET status = 'pending_check', last_error = $2, "
                + "last_error_kind = $4, last_error_at = now(), retry_at = $3 WHERE account_id = $1")
                .execute(Tuple.of(id, words, offset(checkAt), kind)).mapEmpty();
    }

    private static java.time.OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Stores what the network says the account is. */
    public Future<Void> updateIdentity(long id, String externalId, String handle, String displayName, ZoneId zone) {
        return pool.preparedQuery("UPDATE account SET external_id = $2, handle = $3, display_name = $4, "
                + "reporting_zone = $5 WHERE id = $1")
                .execute(Tuple.of(id, externalId, handle, displayName, zone.getId())).mapEmpty();
    }

    private static Stored stored(Row r) {
        JsonObject config = r.getJsonObject("config");
        Map<String, String> values = new LinkedHashMap<>();
        if (config != null) {
            config.forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue())));
        }
        Buffer secrets = r.getBuffer("secrets");
        Account account = new Account(r.getLong("id"), r.getString("network"), r.getString("name"), values,
                secrets == null ? null : secrets.getBytes(), r.getString("external_id"), r.getString("handle"),
                r.getString("display_name"), ZoneId.of(r.getString("reporting_zone")), r.getLocalDate("connected_on"),
                AccountOrigin.of(r.getString("origin")));
        SyncStatus sync = new SyncStatus(r.getString("status") == null ? "pending" : r.getString("status"),
                r.getLocalDate("synced_through"),
                instant(r, "last_attempt_at"), instant(r, "last_success_at"), r.getString("last_error"),
                r.getString("last_error_kind"), instant(r, "retry_at"), r.getString("notes"),
                r.getArrayOfStrings("warnings") == null ? List.of() : List.of(r.getArrayOfStrings("warnings")),
                r.getLocalDate("followers_derived_from"));
        TokenExpiry tokens = new TokenExpiry(instant(r, "access_expires_at"), instant(r, "refresh_expires_at"));
        Backfill backfill = new Backfill(instant(r, "backfill_started_at"), instant(r, "backfill_done_at"),
                r.getInteger("backfill_days_total"),
                r.getInteger("backfill_days_done") == null ? 0 : r.getInteger("backfill_days_done"),
                r.getInteger("backfill_posts") == null ? 0 : r.getInteger("backfill_posts"));
        return new Stored(account, sync, tokens, account.isManual() ? Backfill.DONE : backfill);
    }

    private static java.time.Instant instant(Row r, String column) {
        var value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** UTC offset used for timestamps written by this store. */
    static final ZoneOffset UTC = ZoneOffset.UTC;
}
