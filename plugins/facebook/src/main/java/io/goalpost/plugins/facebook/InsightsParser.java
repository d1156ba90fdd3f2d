package io.goalpost.plugins.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.support.NetworkMetric;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Page Insights answer ({@code {"data":[{"name","period","values":[{"value","end_time"}]}]}})
 * into daily points. Each value is filed under the Pacific day that its {@code end_time} closes; values
 * outside the requested window are dropped, a value that is missing stays missing (Facebook answers
 * {@code data: []} rather than zeros when it has nothing).
 */
final class InsightsParser {

    /** The points of one answer, and remarks for the user. */
    record Parsed(List<MetricPoint> points, List<String> notes) {
        Parsed {
            points = List.copyOf(points);
            notes = List.copyOf(notes);
        }
    }

    private InsightsParser() {
    }

    static Parsed parse(JsonNode root, DateRange window, String endpoint) throws AdapterException.BadResponse {
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has no 'data' list.");
        }
        Map<String, MetricPoint> points = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (JsonNode series : data) {
            String name = series.path("name").asText(null);
            if (name == null) {
                throw new AdapterException.BadResponse("Facebook's answer to " + endpoint
                        + " has an insights entry without a metric name.");
            }
            String period = series.path("period").asText("day");
            PageMetric metric = NetworkMetric.byName(PageMetric.values(), name).orElse(null);
            if (metric == null || !period.equals("day")) {
                continue; // not asked for (or another period): nothing to map it to
            }
            for (JsonNode value : series.path("values")) {
                LocalDate day = dayOf(value, name, endpoint);
                if (!window.contains(day)) {
                    continue;
                }
                Double number = metric.isBreakdown() ? breakdownTotal(value.get("value"), name, endpoint)
                        : number(value.get("value"), name, endpoint);
                if (number == null) {
                    continue;
                }
                if (number < 0) {
                    notes.add("Facebook reported a negative " + name + " (" + number.longValue() + ") for " + day
                            + "; that value is left out.");
                    continue;
                }
                MetricId id = metric.metric();
                points.put(id + "@" + day, new MetricPoint(id, day, number));
            }
        }
        return new Parsed(new ArrayList<>(points.values()), notes);
    }

    private static LocalDate dayOf(JsonNode value, String name, String endpoint) throws AdapterException.BadResponse {
        String endTime = value.path("end_time").asText(null);
        if (endTime == null) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has a " + name
                    + " value without end_time.");
        }
        try {
            return PacificTime.dayEndingAt(PacificTime.parse(endTime));
        } catch (DateTimeException e) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has an unreadable end_time '"
                    + endTime + "' for " + name + ".");
        }
    }

    /**
     * The sum of a breakdown value such as {@code {"like": 12, "love": 3}}, or null when the value is
     * absent or null. Facebook lists only the types that occurred, so an empty object on a day it
     * returned is a real 0; a day it did not return never gets here and stays absent. A negative
     * count of any type is returned as it is, so the caller leaves the day out with a note.
     */
    static Double breakdownTotal(JsonNode value, String name, String endpoint) throws AdapterException.BadResponse {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isObject()) {
            // A plain number would be the total already; accept it rather than guess a shape.
            return number(value, name, endpoint);
        }
        double total = 0;
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Double count = number(it.next().getValue(), name, endpoint);
            if (count == null) {
                continue; // a type without a count adds nothing
            }
            if (count < 0) {
                return count; // the whole day is doubtful: the caller leaves it out and says so
            }
            total += count;
        }
        return withinRange(total, name, endpoint);
    }

    /**
     * The numeric value of a {@code value} node, or null when it is absent or null. Facebook prints
     * numbers; numeric strings are accepted as well. Objects (breakdowns) are read by
     * {@link #breakdownTotal}.
     */
    static Double number(JsonNode value, String name, String endpoint) throws AdapterException.BadResponse {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return withinRange(value.asDouble(), name, endpoint);
        }
        if (value.isTextual()) {
            try {
                return withinRange(Double.parseDouble(value.asText()), name, endpoint);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has a non-numeric value for "
                + name + ".");
    }

    /**
     * No count comes near {@link MetricPoint#MAX_VALUE} (10^15): a larger or non-finite number is a
     * broken answer, not data, and is refused here as a typed error rather than by the point itself.
     */
    private static Double withinRange(double value, String name, String endpoint) throws AdapterException.BadResponse {
        if (!Double.isFinite(value) || Math.abs(value) > MetricPoint.MAX_VALUE) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has an impossible value for "
                    + name + " (not a finite number up to 10^15).");
        }
        return value;
    }
}
