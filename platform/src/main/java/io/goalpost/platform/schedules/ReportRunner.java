package io.goalpost.platform.schedules;

import io.goalpost.platform.notifications.Dispatcher;
import io.goalpost.platform.notifications.Mailer;
import io.goalpost.platform.notifications.SmtpServer;
import io.goalpost.platform.notifications.SmtpSettings;
import io.goalpost.platform.sync.Blocking;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled reports: queues a run for each schedule that is due (and moves its next time on),
 * then renders and emails each pending run with the PDF attached through the admin's SMTP settings. A
 * send that fails (no SMTP server, the server refused, the report could not be rendered) is retried
 * like an alert delivery, after 1, 5, 30 and 120 minutes, and is {@code failed} after the fifth
 * attempt; each run keeps its last error. Blocking: runs on the scheduler's worker threads, once across
 * instances (the scheduler leases the round; the run's unique due time keeps a schedule from running
 * twice for one due time).
 */
public final class ReportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ReportRunner.class);
    private static final int BATCH = 20;

    private final Pool pool;
    private final ReportPdf pdf;
    private final SmtpSettings smtp;
    private final Mailer mailer;

    public ReportRunner(Pool pool, ReportPdf pdf, SmtpSettings smtp, Mailer mailer) {
        this.pool = pool;
        this.pdf = pdf;
        this.smtp = smtp;
        this.mailer = mailer;
    }

    /** One round at {@code now}: queue what is due, send what is pending; answers how many reports were sent. */
    public int run(Instant now) {
        queueDue(now);
        return sendDue(now);
    }

    /** Queues a run for each enabled schedule due at {@code now}; answers how many. */
    int queueDue(Instant now) {
        return Blocking.await(pool.withTransaction(conn -> conn.preparedQuery("SELECT id, frequency, weekday, hour, next_run_at "
                + "FROM report_schedule WHERE enabled AND next_run_at <= $1 FOR UPDATE SKIP LOCKED").execute(Tuple.of(ScheduleStore.utc(now)))
                .compose(rows -> {
                    Future<Void> chain = Future.succeededFuture();
                    int n = 0;
                    for (Row r : rows) {
                        Frequency f = Frequency.of(r.getString("frequency")).orElseThrow();
                        Instant due = r.getOffsetDateTime("next_run_at").toInstant();
                        LocalDate[] period = f.period(due);
                        Instant next = f.nextRun(now, r.getInteger("weekday"), r.getInteger("hour"));
                        long id = r.getLong("id");
                        chain = chain.compose(v -> conn.preparedQuery("INSERT INTO report_run (schedule_id, due_at, period_from, period_to, "
                                + "next_attempt_at) VALUES ($1, $2, $3, $4, $2) ON CONFLICT (schedule_id, due_at) DO NOTHING")
                                .execute(Tuple.of(id, ScheduleStore.utc(due), period[0], period[1])).mapEmpty())
                                .compose(v -> conn.preparedQuery("UPDATE report_schedule SET next_run_at = $2 WHERE id = $1")
                                        .execute(Tuple.of(id, ScheduleStore.utc(next))).mapEmpty());
                        n++;
                    }
                    int queued = n;
                    return chain.map(v -> queued);
                })));
    }

    /** Renders and sends each pending run due at {@code now}; answers how many were sent. */
    int sendDue(Instant now) {
        List<Row> due = new ArrayList<>();
        Blocking.await(pool.preparedQuery("SELECT r.id, r.period_from, r.period_to, r.attempts, s.name, s.frequency, s.recipients "
                + "FROM report_run r JOIN report_schedule s ON s.id = r.schedule_id WHERE r.status = 'pending' AND r.next_attempt_at <= $1 "
                + "ORDER BY r.id LIMIT $2").execute(Tuple.of(ScheduleStore.utc(now), BATCH))).forEach(due::add);
        int sent = 0;
        for (Row r : due) {
            long runId = r.getLong("id");
            int attempts = r.getInteger("attempts") + 1;
            LocalDate from = r.getLocalDate("period_from");
            LocalDate to = r.getLocalDate("period_to");
            try {
                int size = send(r.getString("name"), from, to, List.of(r.getArrayOfStrings("recipients")));
                Blocking.await(pool.preparedQuery("UPDATE report_run SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL, "
                        + "pdf_bytes = $4 WHERE id = $1").execute(Tuple.of(runId, attempts, ScheduleStore.utc(now), size)));
                sent++;
            } catch (Failed e) {
                Optional<Duration> retry = Dispatcher.retryAfter(attempts);
                LOG.warn("Scheduled report run {} failed (attempt {} of {}): {}", runId, attempts, Dispatcher.MAX_ATTEMPTS, e.getMessage());
                Blocking.await(pool.preparedQuery("UPDATE report_run SET attempts = $2, last_error = $3, next_attempt_at = $4, "
                        + "status = CASE WHEN $5 THEN 'failed' ELSE status END WHERE id = $1")
                        .execute(Tuple.from(new Object[] {runId, attempts, e.getMessage(),
                                ScheduleStore.utc(retry.map(now::plus).orElse(now)), retry.isEmpty()})));
            }
        }
        return sent;
    }

    /** Why a run was not delivered, in words. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private int send(String name, LocalDate from, LocalDate to, List<String> recipients) throws Failed {
        SmtpServer server = Blocking.await(smtp.server())
                .orElseThrow(() -> new Failed("no SMTP server is set: an admin sets one on the Alerts page (Email server)"));
        byte[] file;
        try {
            file = pdf.render(from, to);
        } catch (Exception e) {
            LOG.error("Rendering the report {} to {} failed", from, to, e);
            throw new Failed("the report could not be rendered: " + e.getMessage());
        }
        String fileName = "goalpost-report-" + from + "-to-" + to + ".pdf";
        String text = "The Goalpost report “" + name + "” for " + from + " to " + to + " (UTC) is attached (" + fileName + ").\n\n"
                + "You receive it because an editor of Goalpost scheduled it for this address.";
        try {
            mailer.send(server, recipients, "[Goalpost] " + name + ": " + from + " to " + to, text,
                    List.of(new Mailer.Attachment(fileName, "application/pdf", file)));
        } catch (Mailer.SendFailed e) {
            throw new Failed(e.getMessage());
        }
        return file.length;
    }
}
