package io.goalpost.plugins.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.PostSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads one page of {@code /business/video/list/}: {@code data.videos[]}, {@code data.cursor} (epoch
 * milliseconds) and {@code data.has_more}. Video {@code create_time} is epoch seconds.
 */
final class VideoReader {

    private VideoReader() {
    }

    /**
     * One page.
     *
     * @param posts the videos in TikTok's order (newest first)
     * @param nextCursor TikTok's cursor for the next page, if it sent one
     * @param hasMore whether TikTok says older videos follow
     */
    record Page(List<PostSnapshot> posts, OptionalLong nextCursor, boolean hasMore) {
        Page {
            posts = List.copyOf(posts);
        }
    }

    static Page read(JsonNode data) throws AdapterException.BadResponse {
        JsonNode videos = data.get("videos");
        // An account without videos may come back without the list at all: that is an empty page.
        boolean noList = videos == null || videos.isNull();
        if (!noList && !videos.isArray()) {
            throw new AdapterException.BadResponse("TikTok answered /business/video/list/ with 'videos' not a list");
        }
        List<PostSnapshot> posts = new ArrayList<>();
        if (!noList) {
            for (JsonNode video : videos) {
                posts.add(post(video));
            }
        }
        JsonNode cursor = data.get("cursor");
        OptionalLong next = cursor != null && cursor.canConvertToLong() && cursor.isIntegralNumber()
                ? OptionalLong.of(cursor.longValue()) : OptionalLong.empty();
        JsonNode hasMore = data.get("has_more");
        if (hasMore != null && !hasMore.isBoolean() && !hasMore.isNull()) {
            throw new AdapterException.BadResponse("TikTok answered /business/video/list/ with a non-boolean 'has_more'");
        }
        return new Page(posts, next, hasMore != null && hasMore.asBoolean(false));
    }

    private static PostSnapshot post(JsonNode video) throws AdapterException.BadResponse {
        if (!video.isObject()) {
            throw new AdapterException.BadResponse("TikTok sent a video entry that is not an object");
        }
        JsonNode id = video.get("item_id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new AdapterException.BadResponse("TikTok sent a video without an 'item_id'");
        }
        String itemId = id.asText();
        JsonNode created = video.get("create_time");
        if (created == null || !created.isIntegralNumber() || created.longValue() <= 0) {
            throw new AdapterException.BadResponse("TikTok sent video " + itemId + " without a 'create_time'");
        }
        String where = "video " + itemId;
        Map<MetricId, Double> metrics = new HashMap<>();
        for (Map.Entry<String, List<MetricId>> field : TikTokMetrics.VIDEO_FIELDS.entrySet()) {
            OptionalDouble value = JsonValues.number(video, field.getKey(), where);
            // A negative lifetime count is nonsense; leaving it out beats failing the whole page.
            if (value.isPresent() && value.getAsDouble() >= 0) {
                field.getValue().forEach(metric -> metrics.put(metric, value.getAsDouble()));
            }
        }
        AccountMetricsReader.engagements(video, where)
                .ifPresent(sum -> metrics.put(CanonicalMetric.ENGAGEMENTS.id(), sum));
        JsonNode mediaType = video.get("media_type");
        String type = mediaType != null && mediaType.isTextual() ? mediaType.asText() : "video";
        JsonNode shareUrl = video.get("share_url");
        String permalink = shareUrl != null && shareUrl.isTextual() && !shareUrl.asText().isBlank()
                ? shareUrl.asText() : null;
        // The Accounts API calls the video's description its caption; a video posted without one has none.
        JsonNode caption = video.get("caption");
        return new PostSnapshot(itemId, Instant.ofEpochSecond(created.longValue()), type, permalink, metrics,
                caption != null && caption.isTextual() ? caption.asText() : null);
    }
}
