package io.goalpost.platform.notifications;

import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-scheduler task that evaluates alerts and sends what is due, every {@link #EVERY}. One
 * recurring task instance leased from PostgreSQL, so with several Goalpost instances on one database
 * exactly one of them runs each round.
 */
public final class NotificationTask {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationTask.class);
    /** The task's name in {@code scheduled_tasks}. */
    public static final String NAME = "notifications";
    /** How often alerts are evaluated and deliveries sent. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    private NotificationTask() {
    }

    /** The recurring task over an evaluator and a dispatcher. */
    public static RecurringTask<Void> create(AlertEvaluator evaluator, Dispatcher dispatcher, Clock clock) {
        return Tasks.recurring(NAME, FixedDelay.of(EVERY)).defaultPriority(Priority.HIGH).execute((instance, context) -> {
            Instant now = Instant.now(clock);
            try {
                List<Long> raised = evaluator.evaluate(now);
                if (!raised.isEmpty()) {
                    LOG.info("Raised {} alert(s)", raised.size());
                }
            } catch (RuntimeException e) {
                // Delivery still runs: alerts raised earlier and retries must not wait for an observer to recover.
                LOG.warn("Alert evaluation failed: {}", e.toString());
            }
            dispatcher.deliverDue(Instant.now(clock));
        });
    }
}
