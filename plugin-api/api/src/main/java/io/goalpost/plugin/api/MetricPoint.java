package io.goalpost.plugin.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One daily value of one account metric. A metric the network did not report for a day has no
 * point: absence means "not reported", never 0.
 *
 * @param metric canonical or namespaced metric id
 * @param day the day, in the account's reporting time zone
 * @param value the value; finite and not negative
 */
public record MetricPoint(MetricId metric, LocalDate day, double value) {

    public MetricPoint {
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(day, "day is null");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + metric + " on " + day + " is not finite");
        }
        if (value < 0) {
            throw new IllegalArgumentException("value of " + metric + " on " + day + " is negative: " + value);
        }
    }

    /** A point of a canonical metric. */
    public static MetricPoint of(CanonicalMetric metric, LocalDate day, double value) {
        return new MetricPoint(metric.id(), day, value);
    }
}
