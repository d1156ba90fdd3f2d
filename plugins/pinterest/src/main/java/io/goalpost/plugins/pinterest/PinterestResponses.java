package io.goalpost.plugins.pinterest;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads Pinterest's JSON into Goalpost values. Missing required fields and values that are not
 * counts are {@link AdapterException.BadResponse}s; a metric Pinterest leaves out stays absent.
 */
final class PinterestResponses {

    /** The {@code data_status} of a day whose metrics are final. */
    static final String READY = "READY";

    private PinterestResponses() {
    }

    /**
     * The daily metrics of an analytics response.
     *
     * @param points one point per mapped metric and READY day inside the window
     * @param notReady days inside the window whose status is not READY, by status
     */
    record DailyMetrics(List<MetricPoint> points, SortedMap<String, SortedSet<LocalDate>> notReady) {
        DailyMetrics {
            points = List.copyOf(points);
            notReady = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(notReady));
        }
    }

    /**
     * A pin of the pins list.
     *
     * @param id Pinterest's pin id
     * @param createdAt when it was created (Pinterest sends UTC without an offset)
     * @param mediaType the media type in lower case ({@code image}, {@code video}, ...)
     * @param owned false when Pinterest marks it as not the user's own ({@code is_owner: false})
     * @param text its title and description, one per line, or null when it has neither
     */
    record Pin(String id, Instant createdAt, String mediaType, boolean owned, String text) {
        Pin {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(createdAt, "createdAt is null");
        }

        /** The day it was created, in UTC (Pinterest's reporting zone). */
        LocalDate createdDay() {
            return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        }
    }

    /**
     * One page of the pins list.
     *
     * @param pins the pins, in Pinterest's order
     * @param bookmark the bookmark of the next page, or null on the last page
     */
    record PinPage(List<Pin> pins, String bookmark) {
        PinPage {
            pins = List.copyOf(pins);
        }

        /** True when the pins come newest first, so later pages can only hold older pins. */
        boolean newestFirst() {
            for (int i = 1; i < pins.size(); i++) {
                if (pins.get(i).createdAt().isAfter(pins.get(i - 1).createdAt())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Reads {@code {"all": {"daily_metrics": [...]}}} of the account analytics endpoint. */
    static DailyMetrics accountDaily(JsonNode json, DateRange window, Collection<String> requested, String path)
            throws AdapterException.BadResponse {
        JsonNode daily = requireArray(requireObject(json, "all", path), "daily_metrics", path);
        Map<String, MetricPoint> points = new LinkedHashMap<>();
        SortedMap<String, SortedSet<LocalDate>> notReady = new TreeMap<>();
        for (JsonNode entry : daily) {
            LocalDate day = date(requireText(entry, "date", path), path);
            String status = requireText(entry, "data_status", path);
            if (!window.contains(day)) {
                continue; // only the asked window, so neighbouring windows never overlap
            }
            if (!READY.equals(status)) {
                notReady.computeIfAbsent(status, s -> new TreeSet<>()).add(day);
                continue;
            }
            JsonNode metrics = entry.get("metrics");
            if (metrics == null || metrics.isNull()) {
                continue;
            }
            for (Map.Entry<MetricId, Double> value : metricValues(metrics, requested, path).entrySet()) {
                points.putIfAbsent(value.getKey() + "@" + day, new MetricPoint(value.getKey(), day, value.getValue()));
            }
        }
        return new DailyMetrics(new ArrayList<>(points.values()), notReady);
    }

    /** The current follower count of {@code /user_account}, when Pinterest gives it. */
    static OptionalDouble followerCount(JsonNode userAccount, String path) throws AdapterException.BadResponse {
        JsonNode count = userAccount.get("follower_count");
        if (count == null || count.isNull()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(count(count, "follower_count", path));
    }

    /** A pin's words: its title, then its description, either of which may be missing or blank. */
    private static String text(JsonNode item) {
        StringBuilder b = new StringBuilder();
        for (String field : new String[] {"title", "description"}) {
            JsonNode v = item.get(field);
            if (v != null && v.isTextual() && !v.textValue().isBlank()) {
                b.append(b.length() == 0 ? "" : "\n").append(v.textValue().strip());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Reads a page of {@code /pins}: {@code {"items": [...], "bookmark": "..."|null}}. */
    static PinPage pinPage(JsonNode json, String path) throws AdapterException.BadResponse {
        if (!json.isObject()) {
            throw missing("items", path);
        }
        JsonNode items = requireArray(json, "items", path);
        List<Pin> pins = new ArrayList<>();
        for (JsonNode item : items) {
            String id = requireText(item, "id", path);
            Instant createdAt = instant(requireText(item, "created_at", path), path);
            String mediaType = item.path("media").path("media_type").asText("");
            boolean owned = !item.path("is_owner").isBoolean() || item.path("is_owner").booleanValue();
            pins.add(new Pin(id, createdAt, mediaType, owned, text(item)));
        }
        JsonNode bookmark = json.get("bookmark");
        String next = bookmark != null && bookmark.isTextual() && !bookmark.textValue().isEmpty()
                ? bookmark.textValue() : null;
        return new PinPage(pins, next);
    }

    /**
     * The lifetime metrics of a pin analytics response. Prefers {@code lifetime_metrics}; when
     * Pinterest leaves them out and the asked window covers the pin's whole life, the window's
     * {@code summary_metrics} are the same numbers. Otherwise the metrics stay absent.
     */
    static Map<MetricId, Double> pinLifetime(JsonNode json, Collection<String> requested,
            boolean windowCoversWholeLife, String path) throws AdapterException.BadResponse {
        JsonNode all = requireObject(json, "all", path);
        JsonNode lifetime = all.get("lifetime_metrics");
        if (lifetime != null && lifetime.isObject()) {
            return metricValues(lifetime, requested, path);
        }
        JsonNode summary = all.get("summary_metrics");
        if (windowCoversWholeLife && summary != null && summary.isObject()) {
            return metricValues(summary, requested, path);
        }
        return Map.of();
    }

    private static Map<MetricId, Double> metricValues(JsonNode metrics, Collection<String> requested, String path)
            throws AdapterException.BadResponse {
        if (!metrics.isObject()) {
            throw new AdapterException.BadResponse("Pinterest's metrics from " + path + " are not an object.");
        }
        Map<MetricId, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!requested.contains(field.getKey()) || field.getValue().isNull()) {
                continue;
            }
            MetricId metric = PinterestMetrics.byPinterestName(field.getKey()).orElse(null);
            if (metric != null) {
                values.put(metric, count(field.getValue(), field.getKey(), path));
            }
        }
        return values;
    }

    private static double count(JsonNode value, String name, String path) throws AdapterException.BadResponse {
        // No count comes near 10^15 (MetricPoint.MAX_VALUE): a larger one is a broken answer, not data.
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0
                || value.doubleValue() > MetricPoint.MAX_VALUE) {
            throw new AdapterException.BadResponse("Pinterest sent " + name + " from " + path
                    + " as something other than a count.");
        }
        return value.doubleValue();
    }

    private static JsonNode requireObject(JsonNode parent, String field, String path)
            throws AdapterException.BadResponse {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw missing(field, path);
        }
        return node;
    }

    private static JsonNode requireArray(JsonNode parent, String field, String path)
            throws AdapterException.BadResponse {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw missing(field, path);
        }
        return node;
    }

    private static String requireText(JsonNode parent, String field, String path) throws AdapterException.BadResponse {
        JsonNode node = parent.get(field);
        if (node == null || !(node.isTextual() || node.isNumber()) || node.asText().isBlank()) {
            throw missing(field, path);
        }
        return node.asText();
    }

    private static AdapterException.BadResponse missing(String field, String path) {
        return new AdapterException.BadResponse("Pinterest's response from " + path + " lacks the field '" + field
                + "'.");
    }

    private static LocalDate date(String text, String path) throws AdapterException.BadResponse {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new AdapterException.BadResponse("Pinterest sent a date from " + path + " that is not YYYY-MM-DD.");
        }
    }

    /** Pinterest writes {@code 2026-02-20T17:05:12} (UTC, no offset); an explicit offset is honoured too. */
    static Instant instant(String text, String path) throws AdapterException.BadResponse {
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException noOffset) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new AdapterException.BadResponse("Pinterest sent a created_at from " + path
                        + " that is not a date and time.");
            }
        }
    }
}
