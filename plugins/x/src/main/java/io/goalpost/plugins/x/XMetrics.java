package io.goalpost.plugins.x;

import io.goalpost.plugin.api.MetricId;

/** The X-only metric ids this plugin reports next to the canonical ones (README, mapping table). */
final class XMetrics {

    /** Accounts the account follows: {@code public_metrics.following_count} (account level). */
    static final MetricId FOLLOWING = new MetricId("x.following");
    /** Public lists the account is on: {@code public_metrics.listed_count} (account level). */
    static final MetricId LISTED = new MetricId("x.listed");
    /** All posts the account ever published, replies and reposts included: {@code tweet_count} (account level). */
    static final MetricId POST_COUNT = new MetricId("x.post_count");
    /** Reposts of a post: {@code public_metrics.retweet_count} (post level). */
    static final MetricId RETWEETS = new MetricId("x.retweets");
    /** Quote posts of a post: {@code public_metrics.quote_count} (post level). */
    static final MetricId QUOTES = new MetricId("x.quotes");
    /** Organic impressions of a post: {@code organic_metrics.impression_count} (posts under 30 days). */
    static final MetricId ORGANIC_IMPRESSIONS = new MetricId("x.organic_impressions");

    private XMetrics() {
    }
}
