package io.goalpost.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.PostSnapshot;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media list and per-media lifetime insights. Which metrics a media accepts depends on its product
 * type, and one refused metric fails the whole call, so the set is chosen per type from Meta's table:
 * feed posts (images, videos, carousels) take views, reach, likes, comments, shares, saved,
 * total_interactions and profile_visits; Reels the same without {@code profile_visits}, which Instagram
 * refuses for them; stories take views, reach, shares, total_interactions and profile_visits (no likes,
 * comments or saved). A product type this plugin does
 * not know gets only the metrics every type accepts. Carousel children have no insights, so only the
 * album is asked. The media metric is spelled {@code saved}, the account one {@code saves}.
 */
final class MediaInsights {

    static final String LIST_ENDPOINT = "GET /{ig-user-id}/media";
    static final String INSIGHTS_ENDPOINT = "GET /{ig-media-id}/insights";

    /** The fields of the media list; {@code like_count}/{@code comments_count} back up missing insights. */
    static final String LIST_FIELDS = "id,caption,media_type,media_product_type,permalink,shortcode,timestamp,"
            + "like_count,comments_count";

    /** Documented maximum page size. */
    static final int PAGE_SIZE = 100;

    private static final List<String> REELS =
            List.of("views", "reach", "likes", "comments", "shares", "saved", "total_interactions");
    /** Feed posts also tell how many profile visits they brought; Reels do not (the request fails). */
    private static final List<String> FEED =
            List.of("views", "reach", "likes", "comments", "shares", "saved", "total_interactions", "profile_visits");
    private static final List<String> STORY = List.of("views", "reach", "shares", "total_interactions", "profile_visits");
    /** Valid for every product type, including types this plugin does not know yet. */
    private static final List<String> ANY_TYPE = List.of("views", "reach", "shares", "total_interactions");

    private static final Map<String, MetricId> CANONICAL = canonical();

    private MediaInsights() {
    }

    private static Map<String, MetricId> canonical() {
        Map<String, MetricId> m = new LinkedHashMap<>();
        m.put("views", CanonicalMetric.VIEWS.id());
        m.put("reach", CanonicalMetric.REACH.id());
        m.put("likes", CanonicalMetric.REACTIONS.id());
        m.put("comments", CanonicalMetric.COMMENTS.id());
        m.put("shares", CanonicalMetric.SHARES.id());
        m.put("saved", CanonicalMetric.SAVES.id());
        m.put("total_interactions", CanonicalMetric.ENGAGEMENTS.id());
        m.put("profile_visits", CanonicalMetric.PROFILE_VIEWS.id());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Product types as the media list reports them ({@code media_product_type}). */
    enum ProductType {
        FEED, REELS, STORY, OTHER;

        static ProductType of(String mediaProductType) {
            if (mediaProductType == null || mediaProductType.isEmpty()) {
                return FEED; // older media carry no product type; they are feed posts
            }
            switch (mediaProductType.toUpperCase(Locale.ROOT)) {
                case "FEED":
                    return FEED;
                case "REELS":
                    return REELS;
                case "STORY":
                    return STORY;
                default:
                    return OTHER;
            }
        }
    }

    /** The metrics to request for a product type. */
    static List<String> metricsFor(ProductType type) {
        return switch (type) {
            case FEED -> FEED;
            case REELS -> REELS;
            case STORY -> STORY;
            case OTHER -> ANY_TYPE;
        };
    }

    /** {@code /{ig-user-id}/media} query for one page. */
    static Map<String, String> listQuery(String after) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("fields", LIST_FIELDS);
        q.put("limit", Integer.toString(PAGE_SIZE));
        if (!after.isEmpty()) {
            q.put("after", after);
        }
        return q;
    }

    /** {@code /{ig-media-id}/insights} query for a product type. */
    static Map<String, String> insightsQuery(ProductType type) {
        return Map.of("metric", String.join(",", metricsFor(type)));
    }

    /** One item of the media list, read. */
    record Media(String id, Instant publishedAt, ProductType productType, String postType, String permalink,
            JsonNode item) {
    }

    /** Reads a media list item; id and timestamp are required. */
    static Media read(JsonNode item) throws AdapterException.BadResponse {
        String id = item.path("id").asText("");
        if (id.isEmpty() || !id.matches("[0-9A-Za-z_]+")) {
            throw bad(LIST_ENDPOINT, "a media item without a usable id");
        }
        Instant publishedAt;
        try {
            publishedAt = PacificDays.parse(item.path("timestamp").asText(""));
        } catch (DateTimeParseException e) {
            throw bad(LIST_ENDPOINT, "media " + id + " without a readable timestamp");
        }
        String productTypeText = item.path("media_product_type").asText("");
        ProductType productType = ProductType.of(productTypeText);
        String permalink = item.hasNonNull("permalink") ? item.get("permalink").asText() : null;
        return new Media(id, publishedAt, productType, postType(item.path("media_type").asText(""), productType),
                permalink, item);
    }

    /** The post type shown in Goalpost. */
    static String postType(String mediaType, ProductType productType) {
        if (productType == ProductType.REELS) {
            return "reel";
        }
        if (productType == ProductType.STORY) {
            return "story";
        }
        switch (mediaType.toUpperCase(Locale.ROOT)) {
            case "CAROUSEL_ALBUM":
                return "carousel";
            case "VIDEO":
                return "video";
            case "IMAGE":
                return "photo";
            default:
                return "post";
        }
    }

    /**
     * The post with its lifetime metrics. {@code insights} is null when Instagram has none for this media
     * (too few viewers, posted before the business conversion); then only the list's counts are used.
     * A metric the API did not return is absent.
     */
    static PostSnapshot snapshot(Media media, JsonNode insights) throws AdapterException.BadResponse {
        Map<MetricId, Double> metrics = new LinkedHashMap<>();
        if (insights != null) {
            for (JsonNode item : AccountInsights.data(insights)) {
                String name = item.path("name").asText("");
                MetricId id = CANONICAL.get(name);
                if (id == null) {
                    continue;
                }
                JsonNode value = lifetimeValue(item);
                if (value == null) {
                    continue;
                }
                double v = AccountInsights.number(value, name);
                if (!Double.isFinite(v) || v < 0) {
                    continue;
                }
                metrics.putIfAbsent(id, v);
                if (name.equals("views") && media.productType() == ProductType.REELS) {
                    metrics.putIfAbsent(CanonicalMetric.VIDEO_VIEWS.id(), v);
                }
            }
        }
        putCount(metrics, CanonicalMetric.REACTIONS.id(), media.item().get("like_count"));
        putCount(metrics, CanonicalMetric.COMMENTS.id(), media.item().get("comments_count"));
        // The caption is the post's text; a media item posted without one has no caption field.
        JsonNode caption = media.item().get("caption");
        return new PostSnapshot(media.id(), media.publishedAt(), media.postType(), media.permalink(), metrics,
                caption != null && caption.isTextual() ? caption.asText() : null);
    }

    private static JsonNode lifetimeValue(JsonNode item) {
        JsonNode values = item.path("values");
        if (values.isArray() && !values.isEmpty() && values.get(0).hasNonNull("value")) {
            return values.get(0).get("value");
        }
        JsonNode total = item.path("total_value").get("value");
        return total == null || total.isNull() ? null : total;
    }

    private static void putCount(Map<MetricId, Double> metrics, MetricId id, JsonNode count) {
        if (count != null && count.isNumber() && count.asDouble() >= 0 && count.asDouble() <= MetricPoint.MAX_VALUE
                && !metrics.containsKey(id)) {
            metrics.put(id, count.asDouble());
        }
    }

    private static AdapterException.BadResponse bad(String endpoint, String what) {
        return new AdapterException.BadResponse("Instagram's answer from " + endpoint + " has " + what + ".");
    }
}
