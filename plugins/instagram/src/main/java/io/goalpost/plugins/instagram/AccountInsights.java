package io.goalpost.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account-level insights calls and how their answers become daily points (per Meta's Instagram
 * Account Insights reference). The rules that shape them:
 * <ul>
 *   <li>only {@code reach} offers {@code metric_type=time_series}, i.e. one value per day; every other
 *       current metric is {@code total_value} only, a single total for the window. A daily value of those
 *       therefore needs a one-day window, one call per day;</li>
 *   <li>one invalid metric fails the whole call, so the names below are exactly the current (v25) ones:
 *       {@code views} replaced the removed {@code impressions}/{@code plays}, and the legacy
 *       {@code follower_count}, {@code profile_views}, {@code website_clicks} are never asked for;</li>
 *   <li>a breakdown applies to every metric of a call and some combinations are refused, so the
 *       {@code media_product_type} and {@code follow_type} breakdowns each get their own call;</li>
 *   <li>at most 30 days (2,592,000 s) between {@code since} and {@code until}; a 30-day window across the
 *       autumn clock change is an hour longer, so reach windows shrink by a day when needed.</li>
 * </ul>
 */
final class AccountInsights {

    /** Unique accounts that interacted with the content (estimated). */
    static final MetricId ACCOUNTS_ENGAGED = new MetricId("instagram.accounts_engaged");

    /** The day-total metrics fetched together without breakdown, with their canonical ids. */
    static final Map<String, MetricId> DAILY_TOTALS = dailyTotals();

    /** Metric names Meta removed (or dropped from the current table) and this adapter must never send. */
    static final Set<String> REMOVED_METRICS = Set.of("impressions", "plays", "follower_count", "profile_views",
            "website_clicks", "email_contacts", "phone_call_clicks", "get_directions_clicks", "text_message_clicks",
            "video_views", "engagement");

    /** The API's limit between {@code since} and {@code until}. */
    static final long MAX_WINDOW_SECONDS = 2_592_000L;
    static final int MAX_WINDOW_DAYS = 30;

    static final String ENDPOINT = "GET /{ig-user-id}/insights";

    private AccountInsights() {
    }

    private static Map<String, MetricId> dailyTotals() {
        Map<String, MetricId> m = new LinkedHashMap<>();
        m.put("total_interactions", CanonicalMetric.ENGAGEMENTS.id());
        m.put("accounts_engaged", ACCOUNTS_ENGAGED);
        m.put("likes", CanonicalMetric.REACTIONS.id());
        m.put("comments", CanonicalMetric.COMMENTS.id());
        m.put("shares", CanonicalMetric.SHARES.id());
        m.put("saves", CanonicalMetric.SAVES.id());
        m.put("profile_links_taps", CanonicalMetric.LINK_CLICKS.id());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The path of the insights edge. */
    static String path(String igUserId) {
        return "/" + igUserId + "/insights";
    }

    /**
     * The last day of the reach window starting at {@code from}: at most 30 days, not past {@code last},
     * and never more than 2,592,000 seconds between the Pacific midnights that bound it.
     */
    static LocalDate reachWindowEnd(LocalDate from, LocalDate last) {
        LocalDate end = from.plusDays(MAX_WINDOW_DAYS - 1L);
        if (end.isAfter(last)) {
            end = last;
        }
        while (end.isAfter(from)
                && PacificDays.startOfDay(end.plusDays(1)) - PacificDays.startOfDay(from) > MAX_WINDOW_SECONDS) {
            end = end.minusDays(1);
        }
        return end;
    }

    /** {@code metric=reach&period=day&metric_type=time_series} for the days {@code from..to}. */
    static Map<String, String> reachSeriesQuery(LocalDate from, LocalDate to) {
        return query("reach", "time_series", null, from, to);
    }

    /** The day totals without breakdown for one day. */
    static Map<String, String> dailyTotalsQuery(LocalDate day) {
        return query(String.join(",", DAILY_TOTALS.keySet()), "total_value", null, day, day);
    }

    /** {@code views} of one day, broken down by {@code media_product_type} (Reels views = video views). */
    static Map<String, String> viewsQuery(LocalDate day) {
        return query("views", "total_value", "media_product_type", day, day);
    }

    /** {@code follows_and_unfollows} of one day, broken down by {@code follow_type}. */
    static Map<String, String> followsQuery(LocalDate day) {
        return query("follows_and_unfollows", "total_value", "follow_type", day, day);
    }

    /** A one-day probe used by the connection check: proves the insights permission without a window. */
    static Map<String, String> probeQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("metric", "reach");
        q.put("period", "day");
        q.put("metric_type", "total_value");
        return q;
    }

    private static Map<String, String> query(String metrics, String metricType, String breakdown, LocalDate from,
            LocalDate to) {
        for (String name : metrics.split(",")) {
            if (REMOVED_METRICS.contains(name)) {
                throw new IllegalStateException("removed metric requested: " + name);
            }
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("metric", metrics);
        q.put("period", "day");
        q.put("metric_type", metricType);
        if (breakdown != null) {
            q.put("breakdown", breakdown);
        }
        q.put("since", Long.toString(PacificDays.startOfDay(from)));
        q.put("until", Long.toString(PacificDays.startOfDay(to.plusDays(1))));
        return q;
    }

    /** Reads a {@code reach} time series: one point per {@code values[]} entry, dated by its end_time. */
    static void readReachSeries(JsonNode body, PointCollector out) throws AdapterException.BadResponse {
        for (JsonNode item : data(body)) {
            if (!"reach".equals(name(item))) {
                continue;
            }
            JsonNode values = item.path("values");
            if (!values.isArray()) {
                throw bad("a time series without values");
            }
            for (JsonNode v : values) {
                if (!v.hasNonNull("value")) {
                    continue;
                }
                String endTime = v.path("end_time").asText("");
                Instant end;
                try {
                    end = PacificDays.parse(endTime);
                } catch (DateTimeParseException e) {
                    throw bad("a time series value without a readable end_time");
                }
                out.add(CanonicalMetric.REACH.id(), PacificDays.dayEndingAt(end), number(v.get("value"), "reach"));
            }
        }
    }

    /** Reads the day totals (no breakdown) of one day. A metric missing from the answer stays absent. */
    static void readDailyTotals(JsonNode body, LocalDate day, PointCollector out) throws AdapterException.BadResponse {
        for (JsonNode item : data(body)) {
            MetricId id = DAILY_TOTALS.get(name(item));
            JsonNode value = item.path("total_value").get("value");
            if (id != null && value != null && !value.isNull()) {
                out.add(id, day, number(value, name(item)));
            }
        }
    }

    /** Reads {@code views} of one day: the total, and the {@code REELS} part as video views. */
    static void readViews(JsonNode body, LocalDate day, PointCollector out) throws AdapterException.BadResponse {
        for (JsonNode item : data(body)) {
            if (!"views".equals(name(item))) {
                continue;
            }
            JsonNode total = item.path("total_value");
            JsonNode value = total.get("value");
            if (value != null && !value.isNull()) {
                out.add(CanonicalMetric.VIEWS.id(), day, number(value, "views"));
            }
            Map<String, Double> byType = breakdown(total, "media_product_type");
            if (byType.containsKey("REELS")) {
                out.add(CanonicalMetric.VIDEO_VIEWS.id(), day, byType.get("REELS"));
            }
        }
    }

    /**
     * Reads {@code follows_and_unfollows} of one day: the {@code FOLLOWER} bucket as new followers and
     * {@code NON_FOLLOWER} as lost followers (how open-source parsers read them; Meta's reference does
     * not say which bucket is which). Only buckets the API printed become points.
     */
    static void readFollows(JsonNode body, LocalDate day, PointCollector out) throws AdapterException.BadResponse {
        for (JsonNode item : data(body)) {
            if (!"follows_and_unfollows".equals(name(item))) {
                continue;
            }
            Map<String, Double> byType = breakdown(item.path("total_value"), "follow_type");
            if (byType.containsKey("FOLLOWER")) {
                out.add(CanonicalMetric.FOLLOWER_GAINS.id(), day, byType.get("FOLLOWER"));
            }
            if (byType.containsKey("NON_FOLLOWER")) {
                out.add(CanonicalMetric.FOLLOWER_LOSSES.id(), day, byType.get("NON_FOLLOWER"));
            }
        }
    }

    private static Map<String, Double> breakdown(JsonNode totalValue, String dimension)
            throws AdapterException.BadResponse {
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonNode b : totalValue.path("breakdowns")) {
            List<String> keys = textList(b.path("dimension_keys"));
            int index = keys.indexOf(dimension);
            if (index < 0) {
                continue;
            }
            for (JsonNode r : b.path("results")) {
                List<String> dims = textList(r.path("dimension_values"));
                if (index < dims.size() && r.hasNonNull("value")) {
                    values.merge(dims.get(index), number(r.get("value"), dimension), Double::sum);
                }
            }
        }
        return values;
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    static Iterable<JsonNode> data(JsonNode body) throws AdapterException.BadResponse {
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw bad("an answer without a data list");
        }
        return data;
    }

    private static String name(JsonNode item) throws AdapterException.BadResponse {
        String name = item.path("name").asText("");
        if (name.isEmpty()) {
            throw bad("a metric without a name");
        }
        return name;
    }

    static double number(JsonNode value, String metric) throws AdapterException.BadResponse {
        double number = Double.NaN;
        if (value.isNumber()) {
            number = value.asDouble();
        } else if (value.isTextual()) {
            try {
                number = Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        // No count comes near 10^15 (MetricPoint.MAX_VALUE): a larger one is a broken answer, not data.
        if (!Double.isFinite(number) || Math.abs(number) > MetricPoint.MAX_VALUE) {
            throw bad("a value of " + metric + " that is not a number up to 10^15");
        }
        return number;
    }

    private static AdapterException.BadResponse bad(String what) {
        return new AdapterException.BadResponse("Instagram's answer from " + ENDPOINT + " has " + what + ".");
    }
}
