package io.goalpost.platform.schedules;

import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.notifications.Mailer;
import io.goalpost.platform.notifications.SmtpSettings;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled reports, wired: the store, the runner that renders and emails them, the API's routes and
 * the db-scheduler task that runs a round every minute (leased from PostgreSQL: once across instances).
 */
public final class ReportSchedules {

    private static final Logger LOG = LoggerFactory.getLogger(ReportSchedules.class);
    /** The task's name in {@code scheduled_tasks}. */
    public static final String TASK = "report-schedules";
    /** How often due reports are queued and pending ones sent. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    private final ReportRunner runner;
    private final RouteModule routes;
    private final RecurringTask<Void> task;

    public ReportSchedules(Pool pool, ReportPdf pdf, SmtpSettings smtp, Mailer mailer, AuditLog audit, Clock clock) {
        this.runner = new ReportRunner(pool, pdf, smtp, mailer);
        this.routes = new ScheduleRoutes(new ScheduleStore(pool), audit, clock);
        this.task = Tasks.recurring(TASK, FixedDelay.of(EVERY)).defaultPriority(Priority.HIGH).execute((instance, context) -> {
            int sent = runner.run(Instant.now(clock));
            if (sent > 0) {
                LOG.info("Sent {} scheduled report(s)", sent);
            }
        });
    }

    /** The runner (one round: {@link ReportRunner#run}). */
    public ReportRunner runner() {
        return runner;
    }

    /** The API's routes. */
    public RouteModule routes() {
        return routes;
    }

    /** The scheduler task. */
    public RecurringTask<Void> task() {
        return task;
    }
}
