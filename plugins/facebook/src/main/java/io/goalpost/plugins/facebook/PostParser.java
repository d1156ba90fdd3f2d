package io.goalpost.plugins.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.support.NetworkMetric;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one entry of {@code /{page-id}/published_posts} into a {@link PostSnapshot}. Counts come from
 * the post's own fields ({@code reactions.summary.total_count}, {@code comments.summary.total_count},
 * {@code shares.count}) and from its inline lifetime insights. A field Facebook left out stays out:
 * a post without {@code shares} has no shares value, not 0.
 */
final class PostParser {

    private PostParser() {
    }

    static PostSnapshot parse(JsonNode post, String endpoint) throws AdapterException.BadResponse {
        String id = post.path("id").asText("");
        if (id.isBlank()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has a post without an id.");
        }
        String created = post.path("created_time").asText(null);
        if (created == null) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has post " + id
                    + " without created_time.");
        }
        Instant publishedAt;
        try {
            publishedAt = PacificTime.parse(created);
        } catch (DateTimeException e) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint
                    + " has an unreadable created_time '" + created + "' on post " + id + ".");
        }
        Map<MetricId, Double> metrics = new LinkedHashMap<>();
        putCount(metrics, CanonicalMetric.REACTIONS.id(), post.path("reactions").path("summary").get("total_count"),
                "reactions", endpoint);
        putCount(metrics, CanonicalMetric.COMMENTS.id(), post.path("comments").path("summary").get("total_count"),
                "comments", endpoint);
        putCount(metrics, CanonicalMetric.SHARES.id(), post.path("shares").get("count"), "shares", endpoint);
        for (JsonNode insight : post.path("insights").path("data")) {
            PostMetric metric = NetworkMetric.byName(PostMetric.values(), insight.path("name").asText("")).orElse(null);
            JsonNode value = insight.path("values").path(0).get("value");
            if (metric == null || value == null) {
                continue;
            }
            if (metric == PostMetric.POST_CLICKS_BY_TYPE) {
                if (value.isObject()) {
                    // Breakdown metrics list only the types that occurred: no "link clicks" key means
                    // none of the clicks was on a link (documented), so this one absence is a real 0.
                    JsonNode links = value.get(PostMetric.LINK_CLICKS_KEY);
                    putCount(metrics, metric.metric(), links == null ? zero() : links, metric.networkName(), endpoint);
                }
                continue;
            }
            putCount(metrics, metric.metric(), value, metric.networkName(), endpoint);
        }
        String permalink = post.path("permalink_url").asText(null);
        // A post without text (a shared link, a bare photo) has no message field.
        String text = post.path("message").isTextual() ? post.path("message").asText() : null;
        return new PostSnapshot(id, publishedAt, typeOf(post.path("status_type").asText("")), permalink, metrics, text);
    }

    private static JsonNode zero() {
        return com.fasterxml.jackson.databind.node.IntNode.valueOf(0);
    }

    private static void putCount(Map<MetricId, Double> metrics, MetricId id, JsonNode value, String name,
            String endpoint) throws AdapterException.BadResponse {
        Double number = InsightsParser.number(value, name, endpoint);
        if (number != null && number >= 0) {
            metrics.put(id, number);
        }
    }

    /** Facebook's {@code status_type} as a short post type. */
    static String typeOf(String statusType) {
        switch (statusType) {
            case "added_photos":
                return "photo";
            case "added_video":
                return "video";
            case "shared_story":
                return "link";
            case "mobile_status_update":
            case "wall_post":
                return "status";
            case "created_event":
                return "event";
            default:
                return statusType.isBlank() ? "post" : statusType;
        }
    }
}
