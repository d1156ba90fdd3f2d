package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns the three time-bound statistics answers of one window (follower, share and page statistics,
 * {@code timeGranularityType:DAY}) into daily metric points. Days LinkedIn leaves out and counts it
 * does not report stay absent.
 */
final class StatisticsReader {

    private static final long DAY_MILLIS = 86_400_000L;

    private StatisticsReader() {
    }

    /**
     * Points of {@code organizationalEntityFollowerStatistics}: {@code followerGains} per day.
     *
     * <p>LinkedIn documents {@code organicFollowerGain} and {@code paidFollowerGain} as followers gained
     * (the time-bound statistics carry no losses and nothing says the gains are net of unfollows), so
     * they become {@code follower_gains} as they are. A negative gain would contradict that: it is not
     * clamped to 0, not split into a loss on a guess, and not dropped silently; that day's gains are left
     * out and {@code notes} says so.
     */
    static List<MetricPoint> followerPoints(JsonNode body, DateRange window, List<String> notes)
            throws AdapterException {
        List<MetricPoint> points = new ArrayList<>();
        for (Map.Entry<LocalDate, JsonNode> day : byDay(Endpoint.FOLLOWER_STATISTICS, body, window).entrySet()) {
            JsonNode gains = day.getValue().get("followerGains");
            OptionalDouble organicNegative = Counts.negative(gains, "organicFollowerGain");
            OptionalDouble paidNegative = Counts.negative(gains, "paidFollowerGain");
            if (organicNegative.isPresent() || paidNegative.isPresent()) {
                notes.add("LinkedIn reported a negative follower gain for " + day.getKey() + " (organic "
                        + text(gains, "organicFollowerGain") + ", paid " + text(gains, "paidFollowerGain")
                        + "). LinkedIn documents these as followers gained, not as a net change, so that day's "
                        + "follower gains are left out rather than guessed.");
            }
            if (organicNegative.isEmpty() && paidNegative.isEmpty()) {
                add(points, CanonicalMetric.FOLLOWER_GAINS.id(), day.getKey(),
                        Counts.sum(gains, "organicFollowerGain", "paidFollowerGain"));
            }
            add(points, LinkedInMetrics.PAID_FOLLOWER_GAINS, day.getKey(), Counts.of(gains, "paidFollowerGain"));
        }
        return points;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node == null || node.isNull() ? "not reported" : node.asText();
    }

    /** Points of {@code organizationalEntityShareStatistics}: {@code totalShareStatistics} per day. */
    static List<MetricPoint> sharePoints(JsonNode body, DateRange window) throws AdapterException {
        List<MetricPoint> points = new ArrayList<>();
        for (Map.Entry<LocalDate, JsonNode> day : byDay(Endpoint.SHARE_STATISTICS, body, window).entrySet()) {
            points.addAll(shareMetrics(day.getValue().get("totalShareStatistics"), day.getKey()));
        }
        return points;
    }

    /** Points of {@code organizationPageStatistics}: {@code totalPageStatistics.views} per day. */
    static List<MetricPoint> pagePoints(JsonNode body, DateRange window) throws AdapterException {
        List<MetricPoint> points = new ArrayList<>();
        for (Map.Entry<LocalDate, JsonNode> day : byDay(Endpoint.PAGE_STATISTICS, body, window).entrySet()) {
            JsonNode views = day.getValue().path("totalPageStatistics").path("views");
            JsonNode all = views.get("allPageViews");
            add(points, CanonicalMetric.PROFILE_VIEWS.id(), day.getKey(), Counts.of(all, "pageViews"));
            add(points, LinkedInMetrics.UNIQUE_PAGE_VIEWS, day.getKey(), Counts.of(all, "uniquePageViews"));
            add(points, LinkedInMetrics.CAREERS_PAGE_VIEWS, day.getKey(),
                    Counts.of(views.get("careersPageViews"), "pageViews"));
        }
        return points;
    }

    /** The canonical metrics of one {@code totalShareStatistics} object, for a day or a post's lifetime. */
    static Map<MetricId, Double> shareMetrics(JsonNode statistics) {
        Map<MetricId, Double> metrics = new LinkedHashMap<>();
        put(metrics, CanonicalMetric.VIEWS, Counts.of(statistics, "impressionCount"));
        put(metrics, CanonicalMetric.REACH, Counts.of(statistics, "uniqueImpressionsCount"));
        put(metrics, CanonicalMetric.REACTIONS, Counts.of(statistics, "likeCount"));
        put(metrics, CanonicalMetric.COMMENTS, Counts.of(statistics, "commentCount"));
        put(metrics, CanonicalMetric.SHARES, Counts.of(statistics, "shareCount"));
        put(metrics, CanonicalMetric.LINK_CLICKS, Counts.of(statistics, "clickCount"));
        put(metrics, CanonicalMetric.ENGAGEMENTS, Counts.engagements(statistics));
        return metrics;
    }

    private static List<MetricPoint> shareMetrics(JsonNode statistics, LocalDate day) {
        List<MetricPoint> points = new ArrayList<>();
        shareMetrics(statistics).forEach((metric, value) -> points.add(new MetricPoint(metric, day, value)));
        return points;
    }

    /**
     * The elements of a statistics answer keyed by their UTC day, limited to the window. A missing
     * {@code elements} array or {@code timeRange} is a bad response; an element that does not span
     * exactly one day is too (the adapter asks for DAY granularity only). A repeated day keeps its
     * first element so no metric gets two points for one day.
     */
    private static Map<LocalDate, JsonNode> byDay(Endpoint endpoint, JsonNode body, DateRange window)
            throws AdapterException {
        JsonNode elements = body.get("elements");
        if (elements == null || !elements.isArray()) {
            throw new AdapterException.BadResponse("LinkedIn " + endpoint.path() + " returned no elements array");
        }
        Map<LocalDate, JsonNode> days = new LinkedHashMap<>();
        for (JsonNode element : elements) {
            JsonNode range = element.path("timeRange");
            if (!range.path("start").canConvertToLong() || !range.path("end").canConvertToLong()) {
                throw new AdapterException.BadResponse("LinkedIn " + endpoint.path()
                        + " returned an element without timeRange.start/end");
            }
            long start = range.path("start").asLong();
            long end = range.path("end").asLong();
            if (end - start != DAY_MILLIS || Math.floorMod(start, DAY_MILLIS) != 0) {
                throw new AdapterException.BadResponse("LinkedIn " + endpoint.path()
                        + " returned an interval that is not one UTC day");
            }
            LocalDate day = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).toLocalDate();
            if (window.contains(day)) {
                days.putIfAbsent(day, element);
            }
        }
        return days;
    }

    private static void add(List<MetricPoint> points, MetricId metric, LocalDate day, OptionalDouble value) {
        value.ifPresent(v -> points.add(new MetricPoint(metric, day, v)));
    }

    private static void put(Map<MetricId, Double> metrics, CanonicalMetric metric, OptionalDouble value) {
        value.ifPresent(v -> metrics.put(metric.id(), v));
    }
}
