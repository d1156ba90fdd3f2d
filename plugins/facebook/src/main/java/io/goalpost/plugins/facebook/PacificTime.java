package io.goalpost.plugins.facebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Facebook draws every day boundary in US Pacific time, whatever the Page's own time zone, and prints
 * instants in UTC with a {@code +0000} offset. These helpers keep that knowledge in one place.
 */
final class PacificTime {

    /** The zone in which Page Insights days start and end. */
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    /** Graph's timestamp format, e.g. {@code 2026-03-02T08:00:00+0000}; ISO offsets are accepted too. */
    private static final DateTimeFormatter GRAPH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[XXX][XX][X]");

    private PacificTime() {
    }

    /** Unix seconds of the start (midnight, Pacific) of a day: what {@code since}/{@code until} expect. */
    static long startOfDay(LocalDate day) {
        return day.atStartOfDay(ZONE).toEpochSecond();
    }

    /** The Pacific calendar day an instant falls on. */
    static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /**
     * The day an insights value belongs to. {@code end_time} is the END of the day (midnight Pacific,
     * i.e. {@code T08:00:00+0000} in winter and {@code T07:00:00+0000} in summer), so the value stamped
     * 2026-03-02T08:00 belongs to March 1. Rounding to the nearest Pacific midnight first keeps the
     * mapping right even if an end_time is off by a few hours around a clock change.
     */
    static LocalDate dayEndingAt(Instant endTime) {
        ZonedDateTime pacific = endTime.atZone(ZONE);
        LocalDate nearestMidnight = pacific.plusHours(12).toLocalDate();
        return nearestMidnight.minusDays(1);
    }

    /** Parses a Graph timestamp; throws {@link DateTimeParseException} when it is not one. */
    static Instant parse(String text) {
        return GRAPH_TIME.parse(text, ZonedDateTime::from).toInstant();
    }
}
