package io.goalpost.platform.sync;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
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
 * A recurring task ({@link TokenRenewal}, every {@link #RENEWAL_CHECK}) makes an account's sync due
 * early when a token would lapse before its next sync.
 */
public final class SyncScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    static final String TASK = "account-sync";
    private static final String RENEWAL_TASK = "token-renewal";
    /** How often the host looks for tokens that lapse before their account's next sync. */
    public static final Duration RENEWAL_CHECK = Duration.ofMinutes(30);

    private final Scheduler scheduler;
    private final CustomTask<Void> task;

    public SyncScheduler(DataSource dataSource, SyncService sync, Duration interval, Clock clock) {
        this(dataSource, sync, interval, clock, null, List.of());
    }

    /**
     * With {@code renewal} (or null: none), run every {@link #RENEWAL_CHECK}; also runs {@code recurring}
     * tasks of other features (alerts, scheduled reports) on the same PostgreSQL-leased scheduler, so
     * each of their rounds runs once across instances.
     */
    public SyncScheduler(DataSource dataSource, SyncService sync, Duration interval, Clock clock, TokenRenewal renewal,
            List<? extends RecurringTask<?>> recurring) {
        this.task = Tasks.custom(TASK, Void.class)
                .execute((instance, context) -> {
                    long accountId = Long.parseLong(instance.getId());
                    SyncOutcome outcome = sync.sync(accountId, clock);
                    Instant next = outcome.succeeded() || outcome.retryAt() == null
                            ? Instant.now(clock).plus(outcome.succeeded() ? interval : interval.dividedBy(4))
                            : outcome.retryAt();
                    return (complete, operations) -> operations.reschedule(complete, next);
                });
        RecurringTask<Void> renewals = Tasks.recurring(RENEWAL_TASK, FixedDelay.of(RENEWAL_CHECK))
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
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(30))
                .build();
    }

    /** Starts polling for due syncs. */
    public void start() {
        scheduler.start();
    }

    /** Makes an account's sync due now (creating its schedule if it has none). Answers false while it runs. */
    public boolean syncNow(long accountId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, Long.toString(accountId));
        if (scheduler.getScheduledExecution(id).isPresent()) {
            try {
                scheduler.reschedule(id, Instant.now());
                return true;
            } catch (RuntimeException e) {
                LOG.debug("Sync of account {} not rescheduled: {}", accountId, e.getMessage());
                return false;
            }
        }
        scheduler.scheduleIfNotExists(task.instance(Long.toString(accountId)), Instant.now());
        return true;
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
        scheduler.scheduleIfNotExists(task.instance(Long.toString(accountId)), when);
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
    }
}
