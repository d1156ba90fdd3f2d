package io.goalpost.plugins.linkedin;

import io.goalpost.plugin.api.MetricId;

/** The network-only metrics of this plugin, namespaced {@code linkedin.}. */
final class LinkedInMetrics {

    /** Followers gained through paid (sponsored) activity; part of {@code follower_gains}. */
    static final MetricId PAID_FOLLOWER_GAINS = new MetricId("linkedin.paid_follower_gains");
    /** Unique members who viewed the page that day ({@code allPageViews.uniquePageViews}). */
    static final MetricId UNIQUE_PAGE_VIEWS = new MetricId("linkedin.unique_page_views");
    /** Views of the Careers (Life/Jobs) pages ({@code careersPageViews.pageViews}). */
    static final MetricId CAREERS_PAGE_VIEWS = new MetricId("linkedin.careers_page_views");

    private LinkedInMetrics() {
    }
}
