package io.goalpost.plugin.support;

import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Points of a metric the network reports only as of now (a follower count without history): the
 * value belongs to today, in the account's reporting zone, and to no other day. Dating it on every
 * day of the range would invent history; the host keeps the daily snapshots and builds the history
 * itself.
 */
public final class Snapshots {

    private Snapshots() {
    }

    /** Today in the account's reporting zone. */
    public static LocalDate today(Clock clock, ZoneId reportingZone) {
        return LocalDate.now(clock.withZone(reportingZone));
    }

    /**
     * The point of a value as of now, when today lies in the range fetched; empty otherwise (a
     * backfill of past days has no snapshot to give) or when the network did not give a value.
     */
    public static Optional<MetricPoint> today(MetricId metric, Optional<Double> value, DateRange range, Clock clock,
            ZoneId reportingZone) {
        LocalDate today = today(clock, reportingZone);
        if (value.isEmpty() || !range.contains(today)) {
            return Optional.empty();
        }
        return Optional.of(new MetricPoint(metric, today, value.get()));
    }
}
