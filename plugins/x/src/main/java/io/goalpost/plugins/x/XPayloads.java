package io.goalpost.plugins.x;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.PostSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads X API v2 payloads into Goalpost values: the user object's {@code public_metrics} into
 * today's account points, and timeline pages into posts with lifetime metrics. The mapping table in
 * the README is this class in words. A field X did not send gives no metric (absent, never 0).
 */
final class XPayloads {

    private XPayloads() {
    }

    /** The user object of a {@code /2/users/me} or {@code /2/users/:id} answer. */
    record User(String id, String username, String name, Map<MetricId, Long> levels) {
    }

    /** One page of the user timeline: posts inside the segment, and X's token for the next page. */
    record TimelinePage(List<PostSnapshot> posts, Optional<String> nextToken) {
    }

    static User user(String endpoint, JsonNode body) throws AdapterException.BadResponse {
        JsonNode data = body.path("data");
        String id = data.path("id").asText("");
        if (!data.isObject() || id.isEmpty()) {
            throw new AdapterException.BadResponse("X answered " + endpoint + " without the user's id");
        }
        Map<MetricId, Long> levels = new LinkedHashMap<>();
        JsonNode pm = data.path("public_metrics");
        putCount(levels, CanonicalMetric.FOLLOWERS.id(), pm, "followers_count", endpoint);
        putCount(levels, XMetrics.FOLLOWING, pm, "following_count", endpoint);
        putCount(levels, XMetrics.LISTED, pm, "listed_count", endpoint);
        putCount(levels, XMetrics.POST_COUNT, pm, "tweet_count", endpoint);
        return new User(id, data.path("username").asText(""), data.path("name").asText(""), Map.copyOf(levels));
    }

    /** The account levels of a user as points of one day. */
    static List<MetricPoint> levelPoints(User user, LocalDate day) {
        List<MetricPoint> points = new ArrayList<>();
        user.levels().forEach((metric, value) -> points.add(new MetricPoint(metric, day, value)));
        points.sort(java.util.Comparator.comparing(MetricPoint::metric));
        return List.copyOf(points);
    }

    /**
     * A timeline page. Posts published outside the segment's days are dropped: X's {@code end_time}
     * boundary semantics differ between its own pages, and adjacent segments must never both keep
     * a post published at exactly midnight.
     */
    static TimelinePage timeline(String endpoint, JsonNode body, PostsCursor segment)
            throws AdapterException.BadResponse {
        Map<String, Media> media = media(body.path("includes").path("media"));
        List<PostSnapshot> posts = new ArrayList<>();
        JsonNode data = body.path("data");
        if (!data.isMissingNode() && !data.isNull() && !data.isArray()) {
            throw new AdapterException.BadResponse("X answered " + endpoint + " with 'data' that is not a list");
        }
        for (JsonNode tweet : data) {
            PostSnapshot post = post(endpoint, tweet, media, segment.fields());
            LocalDate day = post.publishedAt().atOffset(ZoneOffset.UTC).toLocalDate();
            if (!day.isBefore(segment.from()) && !day.isAfter(segment.to())) {
                posts.add(post);
            }
        }
        String next = body.path("meta").path("next_token").asText("");
        return new TimelinePage(List.copyOf(posts), next.isEmpty() ? Optional.empty() : Optional.of(next));
    }

    private static PostSnapshot post(String endpoint, JsonNode tweet, Map<String, Media> media,
            PostsCursor.Fields fields) throws AdapterException.BadResponse {
        String id = tweet.path("id").asText("");
        String created = tweet.path("created_at").asText("");
        if (id.isEmpty() || created.isEmpty()) {
            throw new AdapterException.BadResponse("X answered " + endpoint + " with a post without id or"
                    + " created_at");
        }
        Instant publishedAt;
        try {
            publishedAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new AdapterException.BadResponse("X answered " + endpoint + " with a post whose created_at"
                    + " is not a timestamp");
        }
        Map<MetricId, Double> metrics = new HashMap<>();
        JsonNode pub = tweet.path("public_metrics");
        OptionalLong impressions = count(pub, "impression_count", endpoint);
        OptionalLong likes = count(pub, "like_count", endpoint);
        OptionalLong replies = count(pub, "reply_count", endpoint);
        OptionalLong retweets = count(pub, "retweet_count", endpoint);
        OptionalLong quotes = count(pub, "quote_count", endpoint);
        OptionalLong bookmarks = count(pub, "bookmark_count", endpoint);
        put(metrics, CanonicalMetric.REACTIONS.id(), likes);
        put(metrics, CanonicalMetric.COMMENTS.id(), replies);
        put(metrics, CanonicalMetric.SAVES.id(), bookmarks);
        put(metrics, XMetrics.RETWEETS, retweets);
        put(metrics, XMetrics.QUOTES, quotes);
        if (retweets.isPresent() && quotes.isPresent()) {
            putSum(metrics, CanonicalMetric.SHARES.id(), retweets.getAsLong() + quotes.getAsLong());
        }
        // Engagements = the public interactions, the same set for every post whatever its age
        // (X's own "engagements" also counts clicks and expands, which old posts no longer show).
        if (likes.isPresent() && replies.isPresent() && retweets.isPresent() && quotes.isPresent()
                && bookmarks.isPresent()) {
            putSum(metrics, CanonicalMetric.ENGAGEMENTS.id(), likes.getAsLong() + replies.getAsLong()
                    + retweets.getAsLong() + quotes.getAsLong() + bookmarks.getAsLong());
        }
        if (fields == PostsCursor.Fields.FULL) {
            JsonNode nonPublic = tweet.path("non_public_metrics");
            JsonNode organic = tweet.path("organic_metrics");
            put(metrics, CanonicalMetric.LINK_CLICKS.id(),
                    first(count(nonPublic, "url_link_clicks", endpoint), count(organic, "url_link_clicks", endpoint)));
            put(metrics, CanonicalMetric.PROFILE_VIEWS.id(), first(count(nonPublic, "user_profile_clicks", endpoint),
                    count(organic, "user_profile_clicks", endpoint)));
            put(metrics, XMetrics.ORGANIC_IMPRESSIONS, count(organic, "impression_count", endpoint));
            impressions = first(impressions, count(nonPublic, "impression_count", endpoint));
        }
        put(metrics, CanonicalMetric.VIEWS.id(), impressions);

        String type = "text";
        long videoViews = 0;
        boolean anyVideoViews = false;
        for (JsonNode key : tweet.path("attachments").path("media_keys")) {
            Media m = media.get(key.asText(""));
            if (m == null) {
                continue;
            }
            if (m.isVideo()) {
                type = "video";
                if (m.viewCount().isPresent()) {
                    videoViews += m.viewCount().getAsLong();
                    anyVideoViews = true;
                }
            } else if ("photo".equals(m.type()) && !"video".equals(type)) {
                type = "photo";
            }
        }
        if (anyVideoViews) {
            putSum(metrics, CanonicalMetric.VIDEO_VIEWS.id(), videoViews);
        }
        return new PostSnapshot(id, publishedAt, type, "https://x.com/i/web/status/" + id, metrics,
                tweet.path("text").isTextual() ? plainText(tweet.path("text").asText()) : null);
    }

    /** X sends a post's text with {@code &}, {@code <} and {@code >} as HTML entities; the contract wants plain text. */
    static String plainText(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** An attached media item from {@code includes.media}. */
    private record Media(String type, OptionalLong viewCount) {
        boolean isVideo() {
            return "video".equals(type) || "animated_gif".equals(type);
        }
    }

    private static Map<String, Media> media(JsonNode list) throws AdapterException.BadResponse {
        Map<String, Media> media = new HashMap<>();
        for (JsonNode item : list) {
            String key = item.path("media_key").asText("");
            if (!key.isEmpty()) {
                media.put(key, new Media(item.path("type").asText(""),
                        count(item.path("public_metrics"), "view_count", "includes.media")));
            }
        }
        return media;
    }

    private static void putCount(Map<MetricId, Long> into, MetricId metric, JsonNode node, String field,
            String endpoint) throws AdapterException.BadResponse {
        count(node, field, endpoint).ifPresent(v -> into.put(metric, v));
    }

    private static void put(Map<MetricId, Double> into, MetricId metric, OptionalLong value) {
        value.ifPresent(v -> into.put(metric, (double) v));
    }

    /** A sum of counts; beyond what a metric may hold it would be a broken answer, so it is left out. */
    private static void putSum(Map<MetricId, Double> into, MetricId metric, long sum) {
        if (sum <= MetricPoint.MAX_VALUE) {
            into.put(metric, (double) sum);
        }
    }

    private static OptionalLong first(OptionalLong a, OptionalLong b) {
        return a.isPresent() ? a : b;
    }

    /** A count X sent, empty when it sent none; a count that is not a whole number >= 0 is a bad answer. */
    private static OptionalLong count(JsonNode node, String field, String endpoint) throws AdapterException.BadResponse {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return OptionalLong.empty();
        }
        // No count comes near 10^15 (MetricPoint.MAX_VALUE): a larger one is a broken answer, not data.
        if (!value.isIntegralNumber() || value.asDouble() < 0 || value.asDouble() > MetricPoint.MAX_VALUE) {
            throw new AdapterException.BadResponse("X answered " + endpoint + " with a " + field
                    + " that is not a count");
        }
        return OptionalLong.of(value.asLong());
    }
}
