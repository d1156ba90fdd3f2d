package io.goalpost.plugins.instagram;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instagram insights, like all Meta insights, cut days at midnight US Pacific time and print instants
 * in UTC with a {@code +0000} offset: a daily value stamped {@code end_time 2026-03-02T08:00:00+0000}
 * belongs to March 1 (Meta's Page Insights reference and the examples of its Instagram insights
 * reference). The API exposes no per-account zone, so Pacific time is the reporting zone of every
 * account. These helpers keep that knowledge in one place.
 */
final class PacificDays {

    /** The zone in which Instagram insights days start and end. */
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    /** Graph's timestamp format, e.g. {@code 2026-03-02T08:00:00+0000}; ISO offsets are accepted too. */
    private static final DateTimeFormatter GRAPH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX][X]");
    private static final DateTimeFormatter GRAPH_TIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private PacificDays() {
    }

    /** Today in Pacific time according to the clock. */
    static LocalDate today(Clock clock) {
        return clock.instant().atZone(ZONE).toLocalDate();
    }

    /** Unix seconds of the start (midnight Pacific) of a day: what {@code since}/{@code until} expect. */
    static long startOfDay(LocalDate day) {
        return day.atStartOfDay(ZONE).toEpochSecond();
    }

    /** The Pacific calendar day an instant falls on. */
    static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /**
     * The day a time-series value belongs to. {@code end_time} is the END of the day (midnight Pacific,
     * {@code T08:00:00+0000} in winter, {@code T07:00:00+0000} in summer). Rounding to the nearest Pacific
     * midnight first keeps the mapping right if an end_time is off by an hour around a clock change.
     */
    static LocalDate dayEndingAt(Instant endTime) {
        LocalDate nearestMidnight = endTime.atZone(ZONE).plusHours(12).toLocalDate();
        return nearestMidnight.minusDays(1);
    }

    /** Parses a Graph timestamp; throws {@link DateTimeParseException} when it is not one. */
    static Instant parse(String text) {
        return GRAPH_TIME.parse(text, ZonedDateTime::from).toInstant();
    }

    /** Formats an instant the way Graph prints it ({@code 2026-03-02T08:00:00+0000}). */
    static String format(Instant instant) {
        return GRAPH_TIME_OUT.format(instant.atOffset(ZoneOffset.UTC));
    }
}
