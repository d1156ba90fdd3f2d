package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping table from Pinterest's {@code metric_types} names to Goalpost metric ids, and the groups
 * of names the adapter asks for. Kept in one place so the README table, the descriptor and the parser
 * cannot drift apart.
 */
final class PinterestMetrics {

    /** {@code PIN_CLICK}: close-ups and clicks on the pin itself (not leaving Pinterest). */
    static final MetricId PIN_CLICKS = new MetricId("pinterest.pin_clicks");
    /** {@code VIDEO_START}: video starts, before any viewability threshold. */
    static final MetricId VIDEO_STARTS = new MetricId("pinterest.video_starts");
    /** {@code VIDEO_AVG_WATCH_TIME}: average watch time of a video pin, in milliseconds. */
    static final MetricId VIDEO_AVG_WATCH_TIME_MS = new MetricId("pinterest.video_avg_watch_time_ms");

    /** Every Pinterest metric name the adapter reads, and what it becomes. */
    static final Map<String, MetricId> BY_PINTEREST_NAME = mapping();

    /**
     * Asked of {@code /user_account/analytics}: exactly the names the reference shows for it. The
     * enum is strict (an unknown value fails the whole request), so unconfirmed names such as
     * {@code PROFILE_VISIT} stay out.
     */
    static final List<String> ACCOUNT_METRIC_TYPES =
            List.of("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK", "ENGAGEMENT");

    /** Pin metrics confirmed by the documented response: always asked for. */
    static final List<String> PIN_CORE_METRIC_TYPES = List.of("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK");

    /**
     * Pin metrics whose support for pins is not confirmed by a documented response: the video, comment
     * and reaction names of the documented request, and {@code ENGAGEMENT}, which the reference lists for
     * pins as one of the account metrics. Asked together with the core group, and dropped for the rest of
     * the adapter's life if Pinterest rejects them.
     */
    static final List<String> PIN_EXTENDED_METRIC_TYPES = List.of("ENGAGEMENT", "VIDEO_MRC_VIEW", "VIDEO_START",
            "VIDEO_AVG_WATCH_TIME", "TOTAL_COMMENTS", "TOTAL_REACTIONS");

    private PinterestMetrics() {
    }

    /** The Goalpost metric of a Pinterest metric name, if the adapter reads it. */
    static Optional<MetricId> byPinterestName(String name) {
        return Optional.ofNullable(BY_PINTEREST_NAME.get(name));
    }

    private static Map<String, MetricId> mapping() {
        Map<String, MetricId> m = new LinkedHashMap<>();
        m.put("IMPRESSION", CanonicalMetric.VIEWS.id());
        m.put("ENGAGEMENT", CanonicalMetric.ENGAGEMENTS.id());
        m.put("SAVE", CanonicalMetric.SAVES.id());
        m.put("OUTBOUND_CLICK", CanonicalMetric.LINK_CLICKS.id());
        m.put("PIN_CLICK", PIN_CLICKS);
        m.put("VIDEO_MRC_VIEW", CanonicalMetric.VIDEO_VIEWS.id());
        m.put("VIDEO_START", VIDEO_STARTS);
        m.put("VIDEO_AVG_WATCH_TIME", VIDEO_AVG_WATCH_TIME_MS);
        m.put("TOTAL_COMMENTS", CanonicalMetric.COMMENTS.id());
        m.put("TOTAL_REACTIONS", CanonicalMetric.REACTIONS.id());
        return Map.copyOf(m);
    }
}
