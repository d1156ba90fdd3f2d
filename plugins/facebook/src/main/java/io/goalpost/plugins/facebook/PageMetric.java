package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.support.NetworkMetric;

/**
 * The Page Insights metrics the plugin reads (period {@code day}), with the canonical metric each
 * becomes. Only metric names that are current after Meta's 2025-11-15 and 2026 removals are listed:
 * one removed name would fail the whole request ({@code (#100) The value must be a valid insights
 * metric}), so {@code page_impressions*}, {@code page_fans*} and the old {@code *_unique} reach metrics
 * must never appear here.
 */
enum PageMetric implements NetworkMetric.Named {
    /** Times content was played or displayed (replaces page_impressions). */
    PAGE_MEDIA_VIEW("page_media_view", CanonicalMetric.VIEWS),
    /** Unique people who saw content that day; a per-day value, never summed over days. */
    PAGE_TOTAL_MEDIA_VIEW_UNIQUE("page_total_media_view_unique", CanonicalMetric.REACH),
    /** Reactions, comments, shares and clicks on the Page's posts. */
    PAGE_POST_ENGAGEMENTS("page_post_engagements", CanonicalMetric.ENGAGEMENTS),
    /** Followers at the end of the day (lifetime follows minus unfollows). */
    PAGE_FOLLOWS("page_follows", CanonicalMetric.FOLLOWERS),
    /** People who started following that day. */
    PAGE_DAILY_FOLLOWS_UNIQUE("page_daily_follows_unique", CanonicalMetric.FOLLOWER_GAINS),
    /** People who stopped following that day. */
    PAGE_DAILY_UNFOLLOWS_UNIQUE("page_daily_unfollows_unique", CanonicalMetric.FOLLOWER_LOSSES),
    /** Views of the Page's profile (logged-in and logged-out). */
    PAGE_VIEWS_TOTAL("page_views_total", CanonicalMetric.PROFILE_VIEWS),
    /** Video plays of at least 3 seconds. */
    PAGE_VIDEO_VIEWS("page_video_views", CanonicalMetric.VIDEO_VIEWS),
    /**
     * Reactions on the Page's posts that day, as a breakdown by type ({@code {"like": 12, "love": 3}});
     * the types are summed. See {@link #isBreakdown()}.
     */
    PAGE_ACTIONS_POST_REACTIONS_TOTAL("page_actions_post_reactions_total", CanonicalMetric.REACTIONS);

    private final NetworkMetric networkMetric;

    PageMetric(String graphName, CanonicalMetric metric) {
        this.networkMetric = new NetworkMetric(graphName, metric.id());
    }

    @Override
    public NetworkMetric networkMetric() {
        return networkMetric;
    }

    /**
     * True when Facebook answers with an object of counts per type rather than a number. Breakdowns
     * list only the types that occurred, so a day Facebook returned with an empty object had none.
     */
    boolean isBreakdown() {
        return this == PAGE_ACTIONS_POST_REACTIONS_TOTAL;
    }
}
