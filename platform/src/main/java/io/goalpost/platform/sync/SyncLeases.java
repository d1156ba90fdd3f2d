package io.goalpost.platform.sync;

import io.goalpost.platform.storage.OutageLog;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases on accounts while they sync (sync_state.lease_owner / lease_expires_at, migration V91). A
 * sync takes its account's lease when no unexpired one exists, renews every lease it holds every
 * {@link #RENEW_EVERY} and gives it back when it ends. A sync stopped by a kill, a crash or a
 * database outage renews nothing, so its lease lapses after {@link #TTL}: the account then no longer
 * shows "syncing now", and the next run on any instance takes it over (resuming from the last stored
 * cursor). One unexpired lease per account means one sync per account at a time, across instances
 * and whichever path (scheduler, demo) starts it.
 */
public final class SyncLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLeases.class);
    /** How long a lease lasts without renewal: how soon an interrupted sync is seen and taken over. */
    public static final Duration TTL = Duration.ofSeconds(20);
    /** How often held leases are renewed (a quarter of the TTL: three renewals may fail before it lapses). */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(5);

    private final Pool pool;
    private final String instance;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Leases of ended syncs that could not be given back (database away): given back once it answers. */
    private final Set<Lease> unreleased = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    public SyncLeases(Pool pool, String instance) {
        this.pool = pool;
        this.instance = instance;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A held lease. */
    public record Lease(long accountId, String owner) {
    }

    /**
     * Takes the account's lease and marks it syncing (or backfilling until its first sync finishes),
     * or answers empty when another sync holds an unexpired lease. Blocking.
     *
     * @return the lease, and whether the account is still backfilling
     */
    public Optional<Taken> take(long accountId) {
        String owner = instance + "/" + UUID.randomUUID();
        var rows = Blocking.await(pool.preparedQuery("UPDATE sync_state SET status = CASE WHEN "
                + "backfill_done_at IS NULL THEN 'backfilling' ELSE 'syncing' END, last_attempt_at = now(), "
                + "backfill_started_at = CASE WHEN backfill_done_at IS NULL THEN COALESCE(backfill_started_at, now()) "
                + "ELSE backfill_started_at END, lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3) "
                + "WHERE account_id = $1 AND (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < now()) "
                + "RETURNING backfill_done_at IS NULL AS backfilling")
                .execute(Tuple.of(accountId, owner, (double) TTL.toSeconds())));
        if (rows.rowCount() == 0) {
            return Optional.empty();
        }
        held.add(owner);
        return Optional.of(new Taken(new Lease(accountId, owner), rows.iterator().next().getBoolean("backfilling")));
    }

    /** A lease just taken. */
    public record Taken(Lease lease, boolean backfilling) {
    }

    /** Gives a lease back (the sync ended; its final status is already written). Never throws. */
    public void release(Lease lease) {
        held.remove(lease.owner());
        try {
            giveBack(lease);
        } catch (RuntimeException e) {
            // The database is away: the lease is given back when it answers again (or lapses after TTL).
            unreleased.add(lease);
            OutageLog.warn(LOG, e, "releasing the sync lease of account " + lease.accountId());
        }
    }

    private void giveBack(Lease lease) {
        Blocking.await(pool.preparedQuery("UPDATE sync_state SET lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE account_id = $1 AND lease_owner = $2").execute(Tuple.of(lease.accountId(), lease.owner())));
    }

    /** True when an unexpired lease is held on the account (a sync runs now, here or on another instance). Blocking. */
    public boolean running(long accountId) {
        return Blocking.await(pool.preparedQuery("SELECT lease_expires_at > now() AS live FROM sync_state "
                + "WHERE account_id = $1 AND lease_owner IS NOT NULL").execute(Tuple.of(accountId)))
                .stream().anyMatch(r -> Boolean.TRUE.equals(r.getBoolean("live")));
    }

    private void renew() {
        for (Lease lease : unreleased) {
            try {
                giveBack(lease);
                unreleased.remove(lease);
            } catch (RuntimeException e) {
                OutageLog.warn(LOG, e, "releasing the sync lease of account " + lease.accountId());
                break;
            }
        }
        if (held.isEmpty()) {
            return;
        }
        try {
            Blocking.await(pool.preparedQuery("UPDATE sync_state SET lease_expires_at = now() + make_interval(secs => $2) "
                    + "WHERE lease_owner = ANY($1::text[])").execute(Tuple.of(held.toArray(String[]::new), (double) TTL.toSeconds())));
        } catch (RuntimeException e) {
            OutageLog.warn(LOG, e, "renewing " + held.size() + " sync lease(s)");
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
