package io.goalpost.plugins.linkedin;

import io.goalpost.plugin.api.DateRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The days LinkedIn's time-bound statistics answer for on a given day (as LinkedIn's organization
 * statistics documentation states; see the plugin README, "Limits"): a start at most 12 months back
 * and an end at least 2 days before the request. LinkedIn's ranges are end-exclusive, so the last day
 * asked for is {@code today - (lag + 1)}: its range ends at midnight two days ago. The first day keeps
 * a margin inside the 12 months for clock differences and leap years.
 *
 * @param today the current day in UTC, LinkedIn's day boundary
 */
record ReportingWindow(LocalDate today) {

    /** Days before today the adapter still asks statistics for: 12 months (365 days) minus a 3-day margin. */
    static final int MAX_LOOKBACK_DAYS = 362;
    /** Days before today whose statistics LinkedIn refuses: yesterday and the day before. */
    static final int REPORTING_LAG_DAYS = 2;
    /**
     * Days, counting today, that time-bound statistics are not final: LinkedIn refuses ranges ending
     * less than 2 days ago, so the last final day is {@link #lastDay()}, today - 3.
     */
    static final int STATISTICS_LAG_DAYS = REPORTING_LAG_DAYS + 1;

    static ReportingWindow at(Clock clock) {
        return new ReportingWindow(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** The first day whose statistics may be asked for. */
    LocalDate firstDay() {
        return today.minusDays(MAX_LOOKBACK_DAYS);
    }

    /** The last day whose statistics may be asked for. */
    LocalDate lastDay() {
        return today.minusDays(REPORTING_LAG_DAYS + 1L);
    }

    /** The part of a requested range LinkedIn answers statistics for, if any. */
    Optional<DateRange> clip(DateRange requested) {
        return Optional.ofNullable(requested.intersect(new DateRange(firstDay(), lastDay())));
    }
}
