package io.goalpost.platform.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.notifications.Mailer;
import io.goalpost.platform.notifications.SmtpSettings;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.sync.Blocking;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scheduled reports on a real database and a real SMTP server (GreenMail): a due schedule is rendered
 * and mailed once with the PDF attached; a failed send is retried, with its error kept on the run; a
 * send that keeps failing is given up and shown.
 *
 * <p>Every date here lies a year or more ahead of the real clock: the server under test runs its own
 * report task on the real clock, and a schedule due in the real past would be sent by that task too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledReportTest {

    private TestDatabase db;
    private GoalpostServer server;
    private GreenMail mail;
    private Pool pool;
    private SmtpSettings smtp;
    private ScheduleStore store;
    private final List<LocalDate[]> rendered = new ArrayList<>();
    private final AtomicInteger renderFailures = new AtomicInteger();
    private ReportRunner runner;

    /** A Wednesday at least a year ahead, so no schedule made here is due by the real clock. */
    private static final LocalDate WEDNESDAY = LocalDate.now(ZoneOffset.UTC).plusYears(1)
            .with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
    /** The first of a month at least a year ahead. */
    private static final LocalDate FIRST_OF_MONTH = WEDNESDAY.with(TemporalAdjusters.firstDayOfNextMonth());

    private static Instant at(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + "Z");
    }

    /** A one-page PDF naming the period, standing in for the summary renderer. */
    private byte[] pdf(LocalDate from, LocalDate to) {
        return ("%PDF-1.4\n% Goalpost report " + from + " to " + to + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        Path data = Files.createTempDirectory("goalpost-schedules");
        server = GoalpostServer.start(new ServerConfig(0, data, Optional.of(db.url()), Path.of("target/no-plugins"), Set.of(), true,
                Duration.ofHours(6)));
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.setUser("reports@example.com", "reporter", "smtp-pass-123");
        mail.start();
        pool = server.database().pool();
        smtp = new SmtpSettings(pool, SecretCipher.load(null, data));
        store = new ScheduleStore(pool);
        runner = new ReportRunner(pool, (from, to) -> {
            if (renderFailures.get() > 0) {
                renderFailures.decrementAndGet();
                throw new IllegalStateException("chart renderer crashed");
            }
            rendered.add(new LocalDate[] {from, to});
            return pdf(from, to);
        }, smtp, new Mailer());
    }

    @AfterAll
    void stop() throws Exception {
        mail.stop();
        server.close();
        db.close();
    }

    private void smtpAt(int port) {
        Blocking.await(smtp.put("127.0.0.1", port, false, "reporter", "smtp-pass-123", false, "reports@example.com", null));
    }

    private JsonObject lastRun(long id) {
        JsonArray runs = Blocking.await(store.runs(id, 10));
        return runs.getJsonObject(0);
    }

    @Test
    void aDueWeeklyReportIsMailedOnceWithThePdfAttached() throws Exception {
        smtpAt(mail.getSmtp().getPort());
        Instant created = at(WEDNESDAY, "12:00:00");
        LocalDate monday = WEDNESDAY.plusDays(5);
        LocalDate from = monday.minusDays(7);
        LocalDate to = monday.minusDays(1);
        long id = Blocking.await(store.insert(new ScheduleStore.Spec("Weekly social summary", Frequency.WEEKLY, 1, 7,
                List.of("ceo@example.com", "team@example.com"), true), created, null));
        ReportSchedule s = Blocking.await(store.get(id)).orElseThrow();
        assertThat(s.nextRunAt()).isEqualTo(at(monday, "07:00:00"));

        assertThat(runner.run(at(monday, "06:59:00"))).as("not due yet").isZero();
        Instant due = at(monday, "07:00:30");
        assertThat(runner.run(due)).isEqualTo(1);
        assertThat(runner.run(due.plusSeconds(60))).as("once per due time").isZero();
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(2);
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("[Goalpost] Weekly social summary: " + from + " to " + to);
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContent().toString()).contains(from + " to " + to);
        Part file = parts.getBodyPart(1);
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("goalpost-report-" + from + "-to-" + to + ".pdf");
        assertThat(file.getContentType()).startsWith("application/pdf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        file.getInputStream().transferTo(bytes);
        assertThat(bytes.toByteArray()).isEqualTo(pdf(from, to));

        JsonObject run = lastRun(id);
        assertThat(run.getString("status")).isEqualTo("sent");
        assertThat(run.getInteger("attempts")).isEqualTo(1);
        assertThat(run.getJsonObject("period").getString("from")).isEqualTo(from.toString());
        assertThat(run.getInteger("pdf_bytes")).isEqualTo(bytes.size());
        assertThat(Blocking.await(store.get(id)).orElseThrow().nextRunAt()).as("moved on a week")
                .isEqualTo(at(monday.plusDays(7), "07:00:00"));
        Blocking.await(store.delete(id));
        mail.purgeEmailFromAllMailboxes();
    }

    @Test
    void theServersSummaryPdfIsRenderedAndAttached() throws Exception {
        smtpAt(mail.getSmtp().getPort());
        ReportRunner real = new ReportRunner(pool, (from, to) -> Blocking.await(server.reports().summaryPdf(from, to)), smtp,
                new Mailer());
        long id = Blocking.await(store.insert(new ScheduleStore.Spec("Server summary", Frequency.WEEKLY, 1, 7,
                List.of("cmo@example.com"), true), at(WEDNESDAY, "12:00:00"), null));
        LocalDate monday = WEDNESDAY.plusDays(5);
        assertThat(real.run(at(monday, "07:01:00"))).isEqualTo(1);
        assertThat(mail.waitForIncomingEmail(15000, 1)).isTrue();
        Part file = ((Multipart) mail.getReceivedMessages()[0].getContent()).getBodyPart(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        file.getInputStream().transferTo(bytes);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(bytes.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            DateTimeFormatter shown = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
            assertThat(text).contains(monday.minusDays(7).format(shown) + " to " + monday.minusDays(1).format(shown));
        }
        assertThat(lastRun(id).getInteger("pdf_bytes")).isEqualTo(bytes.size());
        Blocking.await(store.delete(id));
        mail.purgeEmailFromAllMailboxes();
    }

    @Test
    void twoRunnersAtOnceSendADueReportOnce() throws Exception {
        smtpAt(mail.getSmtp().getPort());
        long id = Blocking.await(store.insert(new ScheduleStore.Spec("Raced", Frequency.WEEKLY, 4, 10, List.of("race@example.com"), true),
                at(WEDNESDAY.minusDays(1), "00:00:00"), null));
        Instant due = at(WEDNESDAY.plusDays(1), "10:00:05"); // the Thursday after the Tuesday it was made
        ReportRunner other = new ReportRunner(pool, (from, to) -> pdf(from, to), smtp, new Mailer());
        var pool2 = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool2.submit(() -> runner.run(due));
            var b = pool2.submit(() -> other.run(due));
            assertThat(a.get() + b.get()).isEqualTo(1);
        } finally {
            pool2.shutdown();
        }
        assertThat(Blocking.await(store.runs(id, 10))).hasSize(1);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        Thread.sleep(500);
        assertThat(mail.getReceivedMessages()).hasSize(1);
        Blocking.await(store.delete(id));
        mail.purgeEmailFromAllMailboxes();
    }

    @Test
    void aFailedSendIsRetriedAndShownThenDelivered() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        smtpAt(closed);
        Instant created = at(FIRST_OF_MONTH.plusDays(14), "12:00:00");
        long id = Blocking.await(store.insert(new ScheduleStore.Spec("Monthly board pack", Frequency.MONTHLY, 1, 6,
                List.of("board@example.com"), true), created, null));
        Instant due = at(FIRST_OF_MONTH.plusMonths(1), "06:00:10");
        assertThat(runner.run(due)).isZero();
        JsonObject run = lastRun(id);
        assertThat(run.getString("status")).isEqualTo("pending");
        assertThat(run.getInteger("attempts")).isEqualTo(1);
        assertThat(run.getString("last_error")).contains("did not take the message").doesNotContain("smtp-pass-123");
        assertThat(Instant.parse(run.getString("next_attempt_at"))).isEqualTo(due.plus(Duration.ofMinutes(1)));
        assertThat(Blocking.await(store.get(id)).orElseThrow().lastRun().getString("last_error")).as("shown on the schedule")
                .contains("did not take the message");

        assertThat(runner.run(due.plusSeconds(30))).as("not before the retry time").isZero();
        assertThat(lastRun(id).getInteger("attempts")).isEqualTo(1);

        smtpAt(mail.getSmtp().getPort());
        renderFailures.set(1);
        assertThat(runner.run(due.plus(Duration.ofMinutes(1)))).isZero();
        run = lastRun(id);
        assertThat(run.getInteger("attempts")).isEqualTo(2);
        assertThat(run.getString("last_error")).isEqualTo("the report could not be rendered: chart renderer crashed");
        assertThat(Instant.parse(run.getString("next_attempt_at"))).isEqualTo(due.plus(Duration.ofMinutes(6)));

        assertThat(runner.run(due.plus(Duration.ofMinutes(6)))).isEqualTo(1);
        run = lastRun(id);
        assertThat(run.getString("status")).isEqualTo("sent");
        assertThat(run.getInteger("attempts")).isEqualTo(3);
        assertThat(run.getString("last_error")).isNull();
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("[Goalpost] Monthly board pack: " + FIRST_OF_MONTH
                + " to " + FIRST_OF_MONTH.plusMonths(1).minusDays(1));
        Blocking.await(store.delete(id));
        mail.purgeEmailFromAllMailboxes();
    }

    @Test
    void aSendThatKeepsFailingIsGivenUpAfterFiveAttempts() throws Exception {
        Blocking.await(pool.query("DELETE FROM smtp_settings").execute());
        long id = Blocking.await(store.insert(new ScheduleStore.Spec("No server", Frequency.WEEKLY, 2, 9,
                List.of("x@example.com"), true), at(WEDNESDAY.minusDays(2), "00:00:00"), null));
        Instant when = at(WEDNESDAY.minusDays(1), "09:00:00"); // the Tuesday after the Monday it was made
        for (int i = 0; i < 7; i++) {
            runner.run(when);
            when = when.plus(Duration.ofHours(3));
        }
        JsonArray runs = Blocking.await(store.runs(id, 10));
        JsonObject first = runs.getJsonObject(runs.size() - 1);
        assertThat(first.getString("status")).isEqualTo("failed");
        assertThat(first.getInteger("attempts")).isEqualTo(5);
        assertThat(first.getString("last_error")).contains("no SMTP server is set");
        Blocking.await(store.delete(id));
    }
}
