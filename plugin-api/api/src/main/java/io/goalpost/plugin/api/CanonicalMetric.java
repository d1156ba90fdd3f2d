package io.goalpost.plugin.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The canonical metrics of docs/kpis.md §1: what adapters report and manual imports add. Network-only
 * metrics use namespaced ids instead (see {@link MetricId}).
 */
public enum CanonicalMetric {
    FOLLOWERS("followers", MetricKind.LEVEL, "Audience size at end of day"),
    FOLLOWER_GAINS("follower_gains", MetricKind.FLOW, "New followers that day"),
    FOLLOWER_LOSSES("follower_losses", MetricKind.FLOW, "Followers lost that day"),
    VIEWS("views", MetricKind.FLOW, "Impressions or media views"),
    REACH("reach", MetricKind.UNIQUE, "Unique people reached (not additive over days)"),
    ENGAGEMENTS("engagements", MetricKind.FLOW, "Total interactions, as the network defines them"),
    REACTIONS("reactions", MetricKind.FLOW, "Likes and reactions"),
    COMMENTS("comments", MetricKind.FLOW, "Comments and replies"),
    SHARES("shares", MetricKind.FLOW, "Shares, reposts, retweets and quotes"),
    SAVES("saves", MetricKind.FLOW, "Saves and bookmarks"),
    LINK_CLICKS("link_clicks", MetricKind.FLOW, "Clicks on links leaving the network"),
    PROFILE_VIEWS("profile_views", MetricKind.FLOW, "Profile or page visits"),
    VIDEO_VIEWS("video_views", MetricKind.FLOW, "Video plays as the network counts them"),
    MENTIONS("mentions", MetricKind.FLOW, "Posts or comments that mention the account"),
    POSTS_PUBLISHED("posts_published", MetricKind.FLOW, "Posts published that day"),
    WEB_SESSIONS("web_sessions", MetricKind.FLOW, "Website sessions from social (manual or CSV)"),
    CONVERSIONS("conversions", MetricKind.FLOW, "Conversions (manual or CSV)"),
    LEADS("leads", MetricKind.FLOW, "Leads (manual or CSV)"),
    BOUNCES("bounces", MetricKind.FLOW, "Bounced website sessions (manual or CSV)"),
    AD_SPEND("ad_spend", MetricKind.FLOW, "Ad spend in the account's currency (manual or CSV)"),
    CSAT_SATISFIED("csat_satisfied", MetricKind.FLOW, "Satisfied CSAT responses (manual or CSV)"),
    CSAT_RESPONSES("csat_responses", MetricKind.FLOW, "All CSAT responses (manual or CSV)"),
    COMPETITOR_MENTIONS("competitor_mentions", MetricKind.FLOW, "Mentions of competitors (manual or CSV)");

    private final MetricId id;
    private final MetricKind kind;
    private final String description;

    CanonicalMetric(String id, MetricKind kind, String description) {
        this.id = new MetricId(id);
        this.kind = kind;
        this.description = description;
    }

    /** The metric id. */
    public MetricId id() {
        return id;
    }

    /** How it rolls up. */
    public MetricKind kind() {
        return kind;
    }

    /** One line a marketer understands. */
    public String description() {
        return description;
    }

    /** The canonical metric with that id, if it is one. */
    public static Optional<CanonicalMetric> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_ID.get(id));
    }

    // A map, not a scan of values(): the host asks per account and input while it computes a dashboard.
    private static final Map<String, CanonicalMetric> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(m -> m.id.value(), m -> m));
}
