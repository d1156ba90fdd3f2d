package io.goalpost.plugin.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One daily value of one account metric. A metric the network did not report for a day has no
 * point: absence means "not reported", never 0.
 *
 * @param metric canonical or namespaced metric id
 * @param day the day, in the account's reporting time zone
 * @param value the value; finite, not negative, at most {@link #MAX_VALUE}
 */
public record MetricPoint(MetricId metric, LocalDate day, double value) {

    /**
     * The largest value a metric may have (10^15). No social metric comes near it; a value past it is a
     * parsing or unit error, and refusing it keeps every sum the host computes finite and exact.
     */
    public static final double MAX_VALUE = 1e15;

    public MetricPoint {
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(day, "day is null");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + metric + " on " + day + " is not finite");
        }
        if (value < 0) {
            throw new IllegalArgumentException("value of " + metric + " on " + day + " is negative: " + value);
        }
        if (value > MAX_VALUE) {
            throw new IllegalArgumentException("value of " + metric + " on " + day + " is above " + MAX_VALUE + ": " + value);
        }
    }

    /** A point of a canonical metric. */
    public static MetricPoint of(CanonicalMetric metric, LocalDate day, double value) {
        return new MetricPoint(metric.id(), day, value);
    }
}
