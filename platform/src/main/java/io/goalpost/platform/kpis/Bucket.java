package io.goalpost.platform.kpis;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One period a KPI is computed for (both ends inclusive).
 *
 * @param index position in the query
 * @param from first day
 * @param to last day
 */
public record Bucket(int index, LocalDate from, LocalDate to) {

    public Bucket {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("bucket ends before it starts: " + from + ".." + to);
        }
    }

    /** Number of days in the period. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
