package io.goalpost.platform.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * How often a report goes out, and which days it covers (UTC): weekly on a weekday at an hour,
 * covering the seven whole days before; monthly on the 1st at an hour, covering the month before.
 */
public enum Frequency {
    WEEKLY("weekly"),
    MONTHLY("monthly");

    private final String id;

    Frequency(String id) {
        this.id = id;
    }

    /** The API id. */
    public String id() {
        return id;
    }

    /** The frequency of an API id. */
    public static Optional<Frequency> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** The first due time strictly after {@code after}. */
    public Instant nextRun(Instant after, int weekday, int hour) {
        ZonedDateTime t = after.atZone(ZoneOffset.UTC);
        ZonedDateTime candidate;
        if (this == WEEKLY) {
            candidate = t.toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.of(weekday))).atTime(hour, 0).atZone(ZoneOffset.UTC);
            if (!candidate.isAfter(t)) {
                candidate = candidate.plusWeeks(1);
            }
        } else {
            candidate = t.toLocalDate().withDayOfMonth(1).atTime(hour, 0).atZone(ZoneOffset.UTC);
            if (!candidate.isAfter(t)) {
                candidate = candidate.plusMonths(1);
            }
        }
        return candidate.toInstant();
    }

    /** The days a run due (or sent by hand) at {@code due} reports: {@code [from, to]}, both whole days before it. */
    public LocalDate[] period(Instant due) {
        LocalDate day = due.atZone(ZoneOffset.UTC).toLocalDate();
        if (this == WEEKLY) {
            return new LocalDate[] {day.minusDays(7), day.minusDays(1)};
        }
        LocalDate first = day.withDayOfMonth(1).minusMonths(1);
        return new LocalDate[] {first, first.withDayOfMonth(first.lengthOfMonth())};
    }
}
