package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SnapshotsTest {

    // 23:30 UTC on 10 March is already 11 March in Tokyo.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void aCountAsOfNowBelongsToTodayInTheReportingZoneOnly() {
        DateRange march = new DateRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        DateRange february = new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
        var followers = CanonicalMetric.FOLLOWERS.id();

        assertThat(Snapshots.today(followers, Optional.of(980.0), march, CLOCK, ZoneId.of("Asia/Tokyo")))
                .hasValue(new MetricPoint(followers, LocalDate.of(2026, 3, 11), 980.0));
        assertThat(Snapshots.today(followers, Optional.of(980.0), february, CLOCK, ZoneOffset.UTC))
                .as("a backfill of past days has no snapshot").isEmpty();
        assertThat(Snapshots.today(followers, Optional.empty(), march, CLOCK, ZoneOffset.UTC))
                .as("no value, no point (not 0)").isEmpty();
    }
}
