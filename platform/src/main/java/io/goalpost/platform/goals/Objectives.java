package io.goalpost.platform.goals;

import java.util.List;
import java.util.Optional;

/** The objective templates of docs/kpis.md §4. */
public final class Objectives {

    private static final List<Objective> ALL = List.of(
            new Objective("brand_awareness", "Brand awareness",
                    List.of("followers", "audience_growth_rate", "views", "reach", "share_of_voice", "mentions"), null),
            new Objective("brand_reputation", "Brand reputation",
                    List.of("share_of_voice", "mentions", "csat", "applause_rate", "amplification_rate"), null),
            new Objective("website_traffic", "Website traffic",
                    List.of("link_clicks", "click_through_rate", "web_sessions", "bounce_rate"), null),
            new Objective("community_engagement", "Community engagement",
                    List.of("engagements", "engagement_rate_reach", "engagement_rate_views", "amplification_rate",
                            "applause_rate", "comments"), null),
            new Objective("conversions_sales", "Conversions / sales",
                    List.of("conversions", "conversion_rate", "click_through_rate", "cost_per_click", "cpm", "bounce_rate"),
                    null),
            new Objective("lead_generation", "Lead generation", List.of("leads", "conversion_rate", "link_clicks"), null),
            new Objective("customer_service", "Customer service", List.of("csat"),
                    "Response time and volume: import them as manual metrics (manual.response_time, manual.response_volume)."),
            new Objective("social_listening", "Social listening / market insight",
                    List.of("mentions", "share_of_voice", "competitor_mentions"), null),
            new Objective("recruiting", "Recruiting", List.of("link_clicks", "conversions", "followers"),
                    "Count applications as conversions; scope followers to the network you recruit on."),
            new Objective("internal_communications", "Internal communications",
                    List.of("engagement_rate_views", "amplification_rate", "click_through_rate"), null),
            new Objective("crisis_management", "Crisis management", List.of("mentions", "share_of_voice", "csat"), null));

    private Objectives() {
    }

    /** Every objective, in docs/kpis.md order. */
    public static List<Objective> all() {
        return ALL;
    }

    /** The objective with that id. */
    public static Optional<Objective> byId(String id) {
        return ALL.stream().filter(o -> o.id().equals(id)).findFirst();
    }
}
