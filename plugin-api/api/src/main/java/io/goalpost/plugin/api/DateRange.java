package io.goalpost.plugin.api;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of calendar days in the account's reporting time zone.
 *
 * @param from first day
 * @param to last day, not before {@code from}
 */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** Number of days, at least 1. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** True when the day lies inside the range. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** Splits into consecutive ranges of at most {@code maxDays} days, oldest first. */
    public List<DateRange> split(int maxDays) {
        if (maxDays < 1) {
            throw new IllegalArgumentException("maxDays must be positive: " + maxDays);
        }
        List<DateRange> parts = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = start.plusDays(maxDays - 1L);
            if (end.isAfter(to)) {
                end = to;
            }
            parts.add(new DateRange(start, end));
            start = end.plusDays(1);
        }
        return List.copyOf(parts);
    }

    /** The part of this range that is also in {@code other}, or null when they do not overlap. */
    public DateRange intersect(DateRange other) {
        LocalDate f = from.isAfter(other.from) ? from : other.from;
        LocalDate t = to.isBefore(other.to) ? to : other.to;
        return t.isBefore(f) ? null : new DateRange(f, t);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
