package io.goalpost.platform.imports;

import java.time.LocalDate;

/**
 * One valid point to store.
 *
 * @param day the day
 * @param metric the metric id
 * @param value the value
 */
public record PointRow(LocalDate day, String metric, double value) {
}
