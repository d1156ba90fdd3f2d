package io.goalpost.platform.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** When scheduled reports go out and which days they cover, worked out by hand (UTC). */
class FrequencyTest {

    @Test
    void weeklyGoesOutOnItsWeekdayAtItsHourAndCoversTheSevenDaysBefore() {
        // 2026-12-02 is a Wednesday.
        assertThat(Frequency.WEEKLY.nextRun(Instant.parse("2026-12-02T10:00:00Z"), 1, 7)).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(Frequency.WEEKLY.nextRun(Instant.parse("2026-12-07T06:59:00Z"), 1, 7)).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(Frequency.WEEKLY.nextRun(Instant.parse("2026-12-07T07:00:00Z"), 1, 7))
                .as("strictly after").isEqualTo(Instant.parse("2026-12-14T07:00:00Z"));
        assertThat(Frequency.WEEKLY.nextRun(Instant.parse("2026-12-02T10:00:00Z"), 3, 12)).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
        assertThat(Frequency.WEEKLY.period(Instant.parse("2026-12-07T07:00:00Z")))
                .containsExactly(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-06"));
    }

    @Test
    void monthlyGoesOutOnTheFirstAndCoversTheMonthBefore() {
        assertThat(Frequency.MONTHLY.nextRun(Instant.parse("2026-12-02T10:00:00Z"), 1, 7)).isEqualTo(Instant.parse("2027-01-01T07:00:00Z"));
        assertThat(Frequency.MONTHLY.nextRun(Instant.parse("2026-12-01T06:00:00Z"), 1, 7)).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
        assertThat(Frequency.MONTHLY.period(Instant.parse("2027-01-01T07:00:00Z")))
                .containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"));
        assertThat(Frequency.MONTHLY.period(Instant.parse("2028-03-01T07:00:00Z")))
                .as("a leap February").containsExactly(LocalDate.parse("2028-02-01"), LocalDate.parse("2028-02-29"));
    }
}
