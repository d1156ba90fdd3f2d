package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;

/**
 * Cuts a date range into {@code /insights} requests Facebook accepts: at most 90 days between
 * {@code since} and {@code until}. Facebook measures that distance in seconds, so a window of 90
 * Pacific days that spans the November clock change (one 25-hour day) is one hour too long; such a
 * window is shortened by a day.
 */
final class InsightWindow {

    /** Documented maximum number of days per {@code since}/{@code until} request. */
    static final int MAX_DAYS = 90;
    static final long MAX_SECONDS = MAX_DAYS * 86_400L;

    private InsightWindow() {
    }

    /** The largest acceptable window that starts at {@code start} and ends no later than {@code last}. */
    static DateRange from(LocalDate start, LocalDate last) {
        LocalDate end = start.plusDays(MAX_DAYS - 1L);
        if (end.isAfter(last)) {
            end = last;
        }
        while (end.isAfter(start) && seconds(start, end) > MAX_SECONDS) {
            end = end.minusDays(1);
        }
        return new DateRange(start, end);
    }

    /** Seconds between the {@code since} and {@code until} sent for the days {@code from..to}. */
    static long seconds(LocalDate from, LocalDate to) {
        return PacificTime.startOfDay(to.plusDays(1)) - PacificTime.startOfDay(from);
    }
}
