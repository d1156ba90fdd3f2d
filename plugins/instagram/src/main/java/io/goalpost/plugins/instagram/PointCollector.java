package io.goalpost.plugins.instagram;

import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the points of one batch and enforces the contract on them: only days of the requested range,
 * at most one point per metric and day (the first answer wins), and no negative or non-finite value
 * (such a value is left out and noted, never turned into 0).
 */
final class PointCollector {

    private final DateRange range;
    private final Map<String, MetricPoint> points = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    PointCollector(DateRange range) {
        this.range = range;
    }

    /** Adds a value the API printed for a metric and day. */
    void add(MetricId metric, LocalDate day, double value) {
        if (!range.contains(day)) {
            return;
        }
        if (!Double.isFinite(value) || value < 0 || value > MetricPoint.MAX_VALUE) {
            notes.add("Instagram reported an impossible value for " + metric + " on " + day + "; it was left out.");
            return;
        }
        points.putIfAbsent(metric + "@" + day, new MetricPoint(metric, day, value));
    }

    /** Adds a remark for the user. */
    void note(String note) {
        notes.add(note);
    }

    List<MetricPoint> points() {
        return List.copyOf(points.values());
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
