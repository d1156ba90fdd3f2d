package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping between TikTok's field names and Goalpost metric ids, in one place so the adapter, the
 * descriptor and the README agree. Field names are spelled exactly as the Accounts API spells them.
 */
final class TikTokMetrics {

    /** Unique people who liked, commented on or shared the account's videos that day. */
    static final MetricId ENGAGED_AUDIENCE = new MetricId("tiktok.engaged_audience");
    /** Total watch time of a video, as TikTok reports it (seconds according to OSS notes; unconfirmed). */
    static final MetricId TOTAL_TIME_WATCHED = new MetricId("tiktok.total_time_watched");
    /** Average watch time per view of a video (same unit as total_time_watched). */
    static final MetricId AVERAGE_TIME_WATCHED = new MetricId("tiktok.average_time_watched");
    /** Share of views that watched a video to the end, 0 to 1. */
    static final MetricId FULL_VIDEO_WATCHED_RATE = new MetricId("tiktok.full_video_watched_rate");

    /** The namespaced extras this plugin reports. */
    static final List<MetricId> EXTRAS =
            List.of(ENGAGED_AUDIENCE, TOTAL_TIME_WATCHED, AVERAGE_TIME_WATCHED, FULL_VIDEO_WATCHED_RATE);

    /**
     * Daily account fields ({@code metrics[]} of {@code /business/get/}) and the metrics each one feeds.
     * {@code video_views} feeds both {@code views} and {@code video_views}: on TikTok every view is a
     * video view. {@code daily_total_followers} is not read: it is the net change, already given by
     * gains minus losses.
     */
    static final Map<String, List<MetricId>> ACCOUNT_FIELDS = ordered(
            Map.entry("followers_count", List.of(CanonicalMetric.FOLLOWERS.id())),
            Map.entry("daily_new_followers", List.of(CanonicalMetric.FOLLOWER_GAINS.id())),
            Map.entry("daily_lost_followers", List.of(CanonicalMetric.FOLLOWER_LOSSES.id())),
            Map.entry("video_views", List.of(CanonicalMetric.VIEWS.id(), CanonicalMetric.VIDEO_VIEWS.id())),
            Map.entry("unique_video_views", List.of(CanonicalMetric.REACH.id())),
            Map.entry("profile_views", List.of(CanonicalMetric.PROFILE_VIEWS.id())),
            Map.entry("likes", List.of(CanonicalMetric.REACTIONS.id())),
            Map.entry("comments", List.of(CanonicalMetric.COMMENTS.id())),
            Map.entry("shares", List.of(CanonicalMetric.SHARES.id())),
            Map.entry("bio_link_clicks", List.of(CanonicalMetric.LINK_CLICKS.id())),
            Map.entry("engaged_audience", List.of(ENGAGED_AUDIENCE)));

    /** Lifetime video fields ({@code /business/video/list/}) and the metrics each one feeds. */
    static final Map<String, List<MetricId>> VIDEO_FIELDS = ordered(
            Map.entry("video_views", List.of(CanonicalMetric.VIEWS.id(), CanonicalMetric.VIDEO_VIEWS.id())),
            Map.entry("reach", List.of(CanonicalMetric.REACH.id())),
            Map.entry("likes", List.of(CanonicalMetric.REACTIONS.id())),
            Map.entry("comments", List.of(CanonicalMetric.COMMENTS.id())),
            Map.entry("shares", List.of(CanonicalMetric.SHARES.id())),
            Map.entry("favorites", List.of(CanonicalMetric.SAVES.id())),
            Map.entry("website_clicks", List.of(CanonicalMetric.LINK_CLICKS.id())),
            Map.entry("profile_views", List.of(CanonicalMetric.PROFILE_VIEWS.id())),
            Map.entry("new_followers", List.of(CanonicalMetric.FOLLOWER_GAINS.id())),
            Map.entry("total_time_watched", List.of(TOTAL_TIME_WATCHED)),
            Map.entry("average_time_watched", List.of(AVERAGE_TIME_WATCHED)),
            Map.entry("full_video_watched_rate", List.of(FULL_VIDEO_WATCHED_RATE)));

    /**
     * The fields whose sum is {@code engagements} (account and video alike). TikTok has no interaction
     * total; {@code engaged_audience} counts people, not interactions, so it is kept as its own metric.
     */
    static final List<String> ENGAGEMENT_PARTS = List.of("likes", "comments", "shares");

    /** Top-level profile fields the connection check asks for. */
    static final List<String> PROFILE_FIELDS = List.of("username", "display_name");

    /** Video fields that are not metrics but describe the post. */
    static final List<String> VIDEO_DESCRIPTION_FIELDS = List.of("item_id", "create_time", "caption", "share_url");

    private TikTokMetrics() {
    }

    /** The {@code fields} requested from {@code /business/get/} for daily metrics. */
    static List<String> accountFieldsToRequest() {
        return List.copyOf(ACCOUNT_FIELDS.keySet());
    }

    /** The {@code fields} requested from {@code /business/video/list/}. */
    static List<String> videoFieldsToRequest() {
        List<String> fields = new ArrayList<>(VIDEO_DESCRIPTION_FIELDS);
        fields.addAll(VIDEO_FIELDS.keySet());
        return List.copyOf(fields);
    }

    /** An unmodifiable map that keeps the given order (the order fields are requested in). */
    @SafeVarargs
    private static Map<String, List<MetricId>> ordered(Map.Entry<String, List<MetricId>>... entries) {
        Map<String, List<MetricId>> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<MetricId>> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
