package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.support.NetworkMetric;

/**
 * The lifetime post insights the plugin reads inline with the post list
 * ({@code insights.metric(...)}), and the metric each becomes. Current names only (no
 * {@code post_impressions*}: removed 2025-11-15 and 2026).
 */
enum PostMetric implements NetworkMetric.Named {
    POST_MEDIA_VIEW("post_media_view", CanonicalMetric.VIEWS.id()),
    POST_TOTAL_MEDIA_VIEW_UNIQUE("post_total_media_view_unique", CanonicalMetric.REACH.id()),
    /** All clicks on the post; its {@code link clicks} share is {@link #POST_CLICKS_BY_TYPE}. */
    POST_CLICKS("post_clicks", new MetricId("facebook.post_clicks")),
    /** Clicks by type; the {@code "link clicks"} key becomes link_clicks. */
    POST_CLICKS_BY_TYPE("post_clicks_by_type", CanonicalMetric.LINK_CLICKS.id()),
    /** Video plays of at least 3 seconds (0 for posts without video). */
    POST_VIDEO_VIEWS("post_video_views", CanonicalMetric.VIDEO_VIEWS.id());

    /** The key of {@link #POST_CLICKS_BY_TYPE} that counts clicks on links leaving Facebook. */
    static final String LINK_CLICKS_KEY = "link clicks";

    private final NetworkMetric networkMetric;

    PostMetric(String graphName, MetricId metric) {
        this.networkMetric = new NetworkMetric(graphName, metric);
    }

    @Override
    public NetworkMetric networkMetric() {
        return networkMetric;
    }

}
