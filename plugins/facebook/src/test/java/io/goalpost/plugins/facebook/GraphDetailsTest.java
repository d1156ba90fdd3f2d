package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.meta.GraphErrors;
import io.goalpost.plugin.support.meta.MetaUsage;
import io.goalpost.plugin.support.Redactor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Facebook's small print: Pacific days, window lengths, usage headers, redaction. */
final class GraphDetailsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void endTimeIsTheEndOfThePacificDayInWinterAndInSummer() {
        assertThat(PacificTime.dayEndingAt(PacificTime.parse("2026-03-02T08:00:00+0000"))).isEqualTo("2026-03-01");
        assertThat(PacificTime.dayEndingAt(PacificTime.parse("2026-07-02T07:00:00+0000"))).isEqualTo("2026-07-01");
        // The first day of daylight saving time (March 8) ends at 07:00 UTC, the day before at 08:00 UTC.
        assertThat(PacificTime.dayEndingAt(PacificTime.parse("2026-03-08T08:00:00+0000"))).isEqualTo("2026-03-07");
        assertThat(PacificTime.dayEndingAt(PacificTime.parse("2026-03-09T07:00:00+0000"))).isEqualTo("2026-03-08");
        // An end_time an hour off (a summer stamp in winter) still lands on the same day, not the next one.
        assertThat(PacificTime.dayEndingAt(PacificTime.parse("2026-01-02T07:00:00+0000"))).isEqualTo("2026-01-01");
        assertThat(PacificTime.dayEndingAt(PacificTime.parse("2026-01-02T08:00:00+00:00"))).isEqualTo("2026-01-01");
    }

    @Test
    void postsAreDatedByTheirPacificDay() {
        assertThat(PacificTime.dayOf(PacificTime.parse("2026-01-01T05:00:00+0000"))).isEqualTo("2025-12-31");
        assertThat(PacificTime.dayOf(Instant.parse("2026-01-01T09:30:00Z"))).isEqualTo("2026-01-01");
    }

    @Test
    void windowsHoldNinetyDaysUnlessTheNovemberClockChangeMakesThemAnHourTooLong() {
        assertThat(InsightWindow.from(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .isEqualTo(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        assertThat(InsightWindow.from(LocalDate.of(2026, 9, 15), LocalDate.of(2026, 12, 31)))
                .isEqualTo(new DateRange(LocalDate.of(2026, 9, 15), LocalDate.of(2026, 12, 12)));
        assertThat(InsightWindow.from(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 3)))
                .isEqualTo(new DateRange(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 3)));
        assertThat(InsightWindow.seconds(LocalDate.of(2026, 9, 15), LocalDate.of(2026, 12, 12)))
                .isLessThanOrEqualTo(InsightWindow.MAX_SECONDS);
    }

    @Test
    void usageHeadersReportTheHighestPercentageAndRegainTime() {
        HttpResponse response = HttpResponse.json(200, "{}")
                .withHeader("X-App-Usage", "{\"call_count\":28,\"total_cputime\":25,\"total_time\":61}")
                .withHeader("X-Business-Use-Case-Usage", "{\"1\":[{\"type\":\"pages\",\"call_count\":12,"
                        + "\"total_cputime\":3,\"total_time\":4,\"estimated_time_to_regain_access\":0}],"
                        + "\"2\":[{\"type\":\"pages\",\"call_count\":97,\"total_cputime\":23,\"total_time\":23,"
                        + "\"estimated_time_to_regain_access\":9}]}");

        MetaUsage report = MetaUsage.read(response);

        assertThat(report).isEqualTo(new MetaUsage(97, 9, "X-Business-Use-Case-Usage"));
        assertThat(report.exhausted()).isTrue();
        assertThat(report.warning("Facebook", "this Page's")).contains("about 9 minutes");
    }

    @Test
    void aGarbledUsageHeaderIsIgnoredRatherThanFailingTheCall() {
        HttpResponse response = HttpResponse.json(200, "{}").withHeader("X-App-Usage", "call_count=100")
                .withHeader("X-Page-Usage", "[1,2]");

        assertThat(MetaUsage.read(response)).isEqualTo(MetaUsage.NONE);
        assertThat(MetaUsage.NONE.warning("Facebook", "this Page's")).isNull();
    }

    @Test
    void redactionRemovesTheTokenAndQueryStrings() {
        Redactor redaction = Redactor.of("EAAB123");
        assertThat(redaction.clean("bad token EAAB123 on https://graph.facebook.com/v25.0/1/insights?metric=x&access_token=EAAB123"))
                .isEqualTo("bad token [redacted] on https://graph.facebook.com/v25.0/1/insights");
        assertThat(redaction.clean("see access_token=OTHER&x=1")).isEqualTo("see access_token=[redacted]&x=1");
        assertThat(redaction.clean("x".repeat(500))).hasSize(303);
    }

    @Test
    void permissionNamesAreTakenFromFacebooksMessages() {
        assertThat(GraphErrors.permissionsIn("(#10) This endpoint requires the 'read_insights' permission or "
                + "the 'pages_read_engagement' permission.")).containsExactly("read_insights", "pages_read_engagement");
        assertThat(GraphErrors.permissionsIn("(#200) Requires business_management permission to manage the object"))
                .containsExactly("business_management");
        assertThat(GraphErrors.permissionsIn("(#10) Permission denied")).isEmpty();
    }

    @Test
    void statusTypesBecomeShortPostTypes() {
        assertThat(PostParser.typeOf("added_photos")).isEqualTo("photo");
        assertThat(PostParser.typeOf("added_video")).isEqualTo("video");
        assertThat(PostParser.typeOf("shared_story")).isEqualTo("link");
        assertThat(PostParser.typeOf("mobile_status_update")).isEqualTo("status");
        assertThat(PostParser.typeOf("")).isEqualTo("post");
    }
}
