package io.goalpost.platform.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules each account's sync as a db-scheduler task instance leased from PostgreSQL
 * ({@code SELECT ... FOR UPDATE SKIP LOCKED}), so several platform instances share the work and one
 * account never syncs twice at once. After a run the next one is set from its outcome: the regular
 * interval after success, the network's retry time after throttling, a backoff after a failure.
 * Regular syncs are spread over the interval: each account has its own moment in it
 * ({@link #nextRegular}), so a thousand accounts connected together do not all sync together again.
 * A backfill runs a turn at a time (its recent window first, then up to {@code SyncService.BACKFILL_TURN} of
 * older history, ending between two pages) and queues again at once ({@link SyncService#syncTurn}), and a
 * sync the networks' quotas defer comes back when they have room. {@link #threads()} syncs run at once
 * per instance.
 * Due syncs are taken by priority, then by time: regular syncs and a new account's first turn (its
 * recent days) at {@link #REGULAR}, later turns of a backfill at {@link #OLDER_HISTORY}. A backfill of
 * years of history (thousands of calls for an Instagram account) thus never holds the threads while
 * accounts already connected wait for today's numbers; it uses whatever the regular syncs leave.
 * A recurring task ({@link TokenRenewal}, every {@link #RENEWAL_CHECK}) makes an account's sync due
 * early when a token would lapse before its next sync.
 */
public final class SyncScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    static final String TASK = "account-sync";
    private static final String RENEWAL_TASK = "token-renewal";
    /** How often the host looks for tokens that lapse before their account's next sync. */
    public static final Duration RENEWAL_CHECK = Duration.ofMinutes(30);

    /** db-scheduler's heartbeat of a running execution; after {@link #MISSED_HEARTBEATS} missed ones it is dead and revived. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final int MISSED_HEARTBEATS = 4;
    private static final String INSTANCE = defaultInstanceName();
    /** Syncs run at once per instance unless {@value #THREADS_ENV} says otherwise. */
    public static final int DEFAULT_THREADS = 32;
    /** The most syncs one instance runs at once. */
    public static final int MAX_THREADS = 256;
    /** Environment variable (or system property {@code goalpost.sync.threads}) with the number of sync threads. */
    public static final String THREADS_ENV = "GOALPOST_SYNC_THREADS";

    /** Priority of regular syncs and of a backfill's first turn (db-scheduler takes higher first). */
    public static final int REGULAR = Priority.MEDIUM;
    /** Priority of a backfill's later turns: older history, fetched when no regular sync is due. */
    public static final int OLDER_HISTORY = Priority.LOW;

    private final Scheduler scheduler;
    private final CustomTask<Void> task;
    private final DataSource dataSource;
    private final SyncService sync;

    /** This process's name among the instances sharing the database (host, process id and a random part). */
    public static String instanceName() {
        return INSTANCE;
    }

    private static String defaultInstanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(new java.util.Random().nextInt(0x10000));
    }

    public SyncScheduler(DataSource dataSource, SyncService sync, Duration interval, Clock clock) {
        this(dataSource, sync, interval, clock, instanceName(), null, List.of());
    }

    /** A scheduler named {@code name} among the instances (several in one process: tests). */
    public SyncScheduler(DataSource dataSource, SyncService sync, Duration interval, Clock clock, String name) {
        this(dataSource, sync, interval, clock, name, null, List.of());
    }

    /**
     * With {@code renewal} (or null: none), run every {@link #RENEWAL_CHECK}; also runs {@code recurring}
     * tasks of other features (alerts, scheduled reports) on the same PostgreSQL-leased scheduler, so
     * each of their rounds runs once across instances.
     */
    public SyncScheduler(DataSource dataSource, SyncService sync, Duration interval, Clock clock, TokenRenewal renewal,
            List<? extends RecurringTask<?>> recurring) {
        this(dataSource, sync, interval, clock, instanceName(), renewal, recurring);
    }

    /** The scheduler named {@code name}, with token renewal and other features' recurring tasks. */
    public SyncScheduler(DataSource dataSource, SyncService sync, Duration interval, Clock clock, String name,
            TokenRenewal renewal, List<? extends RecurringTask<?>> recurring) {
        this.dataSource = dataSource;
        this.sync = sync;
        this.task = Tasks.custom(TASK, Void.class)
                .execute((instance, context) -> {
                    long accountId = Long.parseLong(instance.getId());
                    SyncOutcome outcome = sync.syncTurn(accountId, clock);
                    Instant now = Instant.now(clock);
                    Instant next = outcome.retryAt() != null ? outcome.retryAt()
                            : outcome.succeeded() ? nextRegular(accountId, now, interval) : now.plus(interval.dividedBy(4));
                    int priority = outcome.historyToGo() ? OLDER_HISTORY : REGULAR;
                    return (complete, operations) -> {
                        operations.reschedule(complete, next);
                        if (complete.getExecution().taskInstance.getPriority() != priority) {
                            prioritize(accountId, priority);
                        }
                    };
                });
        RecurringTask<Void> renewals = Tasks.recurring(RENEWAL_TASK, FixedDelay.of(RENEWAL_CHECK)).defaultPriority(Priority.HIGH)
                .execute((instance, context) -> {
                    if (renewal == null) {
                        return;
                    }
                    for (long id : renewal.due(Instant.now(clock))) {
                        LOG.info("Account {}: a token lapses before the next sync; syncing now to renew it", id);
                        syncNow(id);
                    }
                });
        // Recurring tasks are known to the scheduler through startTasks, which also schedules their first run.
        List<RecurringTask<?>> recurringTasks = new ArrayList<>(recurring);
        recurringTasks.add(renewals);
        this.scheduler = Scheduler.create(dataSource, task)
                .startTasks(recurringTasks)
                .threads(threads())
                .enablePriority()
                .pollingInterval(Duration.ofSeconds(1))
                // A run interrupted by a kill or a database outage stops heartbeating; with db-scheduler's
                // default (30 s x 6 missed) it stayed "picked" for minutes and could not be started again.
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(name))
                .build();
    }

    /**
     * How many syncs one instance runs at once: {@value #THREADS_ENV} (or the system property
     * {@code goalpost.sync.threads}), 1 to {@value #MAX_THREADS}, else {@value #DEFAULT_THREADS}. A sync
     * spends its time waiting for the network, so using the quotas takes many at once (Little's law:
     * 1,000 accounts a minute × 5 calls × 0.3 s per call ÷ 60 s = 25 calls in flight); the quotas, not
     * this number, keep the calls inside the networks' limits.
     */
    public static int threads() {
        String v = System.getProperty("goalpost.sync.threads", System.getenv(THREADS_ENV));
        if (v == null || v.isBlank()) {
            return DEFAULT_THREADS;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("{}={} is not a number from 1 to {}; running {} syncs at once", THREADS_ENV, v, MAX_THREADS, DEFAULT_THREADS);
        return DEFAULT_THREADS;
    }

    /**
     * The next regular sync of an account after one at {@code now}: the first moment, at least half an
     * interval away, that falls on the account's own place in the interval (its id spread by the golden
     * ratio, so consecutive ids land far apart). The accounts' syncs are thus spread evenly over the
     * interval, and each account syncs once per interval once settled.
     */
    static Instant nextRegular(long accountId, Instant now, Duration interval) {
        long period = interval.toMillis();
        long phase = Math.floorMod(accountId * 0x9E3779B97F4A7C15L, period);
        long earliest = now.toEpochMilli() + period / 2;
        return Instant.ofEpochMilli(earliest + Math.floorMod(phase - earliest, period));
    }

    /** Starts polling for due syncs. */
    public void start() {
        scheduler.start();
    }

    /** What a request to sync an account now did. */
    public enum NowResult {
        /** The sync is due now (or was taken over from a run that stopped heartbeating). */
        SCHEDULED,
        /** A sync of the account runs now (here or on another instance): nothing to start. */
        RUNNING
    }

    /**
     * Makes an account's sync due now (creating its schedule if it has none). A run that holds the
     * account's lease is left alone ({@link NowResult#RUNNING}); an execution still marked picked whose
     * instance stopped heartbeating (killed, or cut off by a database outage) is taken over at once
     * instead of waiting for db-scheduler's dead-execution check. Blocking.
     */
    public NowResult syncNow(long accountId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, Long.toString(accountId));
        var execution = scheduler.getScheduledExecution(id);
        if (execution.isPresent()) {
            if (sync.leases().running(accountId)) {
                return NowResult.RUNNING;
            }
            if (execution.get().isPicked()) {
                return takeOver(accountId) ? NowResult.SCHEDULED : NowResult.RUNNING;
            }
            try {
                scheduler.reschedule(id, Instant.now());
                // A person asked: a backfilling account's next turn goes with the regular syncs, not after them.
                prioritize(accountId, REGULAR);
                return NowResult.SCHEDULED;
            } catch (RuntimeException e) {
                LOG.debug("Sync of account {} not rescheduled: {}", accountId, e.getMessage());
                return takeOver(accountId) ? NowResult.SCHEDULED : NowResult.RUNNING;
            }
        }
        scheduler.scheduleIfNotExists(regular(accountId, Instant.now()));
        return NowResult.SCHEDULED;
    }

    /**
     * Releases a picked execution of the account whose heartbeat is older than two heartbeats and
     * makes it due now: what db-scheduler's dead-execution handling does later by itself.
     */
    private boolean takeOver(long accountId) {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "UPDATE scheduled_tasks SET picked = false, picked_by = NULL, last_heartbeat = NULL, execution_time = now(), "
                        + "version = version + 1 WHERE task_name = ? AND task_instance = ? AND picked "
                        + "AND (last_heartbeat IS NULL OR last_heartbeat < now() - make_interval(secs => ?))")) {
            ps.setString(1, TASK);
            ps.setString(2, Long.toString(accountId));
            ps.setDouble(3, HEARTBEAT.toSeconds() * 2.0);
            boolean taken = ps.executeUpdate() == 1;
            if (taken) {
                LOG.info("Sync of account {}: took over a run whose instance stopped heartbeating", accountId);
            }
            return taken;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not take over the sync of account " + accountId, e);
        }
    }

    /**
     * Sets the priority of an account's next sync. db-scheduler writes an execution's priority only when
     * it creates it (its reschedule and replace keep the column as it was), so the change of an account
     * from backfilling to regular, and back, is written here.
     */
    private void prioritize(long accountId, int priority) {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "UPDATE scheduled_tasks SET priority = ? WHERE task_name = ? AND task_instance = ?")) {
            ps.setInt(1, priority);
            ps.setString(2, TASK);
            ps.setString(3, Long.toString(accountId));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            // Only the order of waiting syncs suffers; the sync itself is scheduled.
            LOG.warn("Priority of account {}'s next sync not set: {}", accountId, e.getMessage());
        }
    }

    /**
     * Makes an account's sync due at {@code when} (creating its schedule if it has none): an account
     * whose connection check the network throttled is checked and backfilled then.
     */
    public void syncAt(long accountId, Instant when) {
        TaskInstanceId id = TaskInstanceId.of(TASK, Long.toString(accountId));
        if (scheduler.getScheduledExecution(id).isPresent()) {
            try {
                scheduler.reschedule(id, when);
                return;
            } catch (RuntimeException e) {
                LOG.debug("Sync of account {} not rescheduled: {}", accountId, e.getMessage());
                return;
            }
        }
        scheduler.scheduleIfNotExists(regular(accountId, when));
    }

    /** An account's first sync (its recent days), due at {@code when}. */
    private SchedulableInstance<Void> regular(long accountId, Instant when) {
        return task.instanceBuilder(Long.toString(accountId)).priority(REGULAR).scheduledTo(when);
    }

    /** Removes an account's schedule. */
    public void forget(long accountId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, Long.toString(accountId));
        if (scheduler.getScheduledExecution(id).isPresent()) {
            try {
                scheduler.cancel(id);
            } catch (RuntimeException e) {
                LOG.debug("Schedule of account {} not cancelled: {}", accountId, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        scheduler.stop();
        sync.leases().close();
    }
}
