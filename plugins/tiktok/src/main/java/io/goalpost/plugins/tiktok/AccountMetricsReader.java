package io.goalpost.plugins.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns the {@code data.metrics[]} of {@code /business/get/} into daily points. One element per date;
 * a field TikTok left out (e.g. {@code unique_video_views} of a personal account) gives no point.
 */
final class AccountMetricsReader {

    private AccountMetricsReader() {
    }

    /** What one response gave: the points and remarks for the user. */
    record Result(List<MetricPoint> points, List<String> notes) {
        Result {
            points = List.copyOf(points);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Reads the points of the days inside {@code window}; days TikTok returns outside it are dropped,
     * and a day TikTok repeats counts once (first wins).
     */
    static Result read(JsonNode data, DateRange window) throws AdapterException.BadResponse {
        JsonNode metrics = data.get("metrics");
        if (metrics == null || !metrics.isArray()) {
            throw new AdapterException.BadResponse("TikTok answered /business/get/ without a 'metrics' list");
        }
        List<MetricPoint> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (JsonNode day : metrics) {
            if (!day.isObject()) {
                throw new AdapterException.BadResponse("TikTok sent a 'metrics' entry that is not an object");
            }
            LocalDate date = date(day);
            if (!window.contains(date) || !seen.add(date)) {
                continue;
            }
            String where = "metrics of " + date;
            for (Map.Entry<String, List<MetricId>> field : TikTokMetrics.ACCOUNT_FIELDS.entrySet()) {
                OptionalDouble value = JsonValues.number(day, field.getKey(), where);
                if (value.isEmpty()) {
                    continue;
                }
                if (value.getAsDouble() < 0) {
                    notes.add("TikTok reported a negative " + field.getKey() + " for " + date + "; it was left out.");
                    continue;
                }
                for (MetricId metric : field.getValue()) {
                    points.add(new MetricPoint(metric, date, value.getAsDouble()));
                }
            }
            engagements(day, where).ifPresent(sum ->
                    points.add(MetricPoint.of(CanonicalMetric.ENGAGEMENTS, date, sum)));
        }
        return new Result(points, notes);
    }

    /** likes + comments + shares, only when all three were reported and none is negative. */
    static OptionalDouble engagements(JsonNode object, String where) throws AdapterException.BadResponse {
        double sum = 0;
        for (String part : TikTokMetrics.ENGAGEMENT_PARTS) {
            OptionalDouble value = JsonValues.number(object, part, where);
            if (value.isEmpty() || value.getAsDouble() < 0) {
                return OptionalDouble.empty();
            }
            sum += value.getAsDouble();
        }
        return sum <= MetricPoint.MAX_VALUE ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static LocalDate date(JsonNode day) throws AdapterException.BadResponse {
        JsonNode date = day.get("date");
        if (date == null || !date.isTextual()) {
            throw new AdapterException.BadResponse("TikTok sent a 'metrics' entry without a 'date'");
        }
        try {
            return LocalDate.parse(date.asText());
        } catch (DateTimeParseException e) {
            throw new AdapterException.BadResponse("TikTok sent a 'metrics' entry with an unreadable date");
        }
    }
}
