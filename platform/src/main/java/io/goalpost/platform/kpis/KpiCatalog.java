package io.goalpost.platform.kpis;

import io.goalpost.platform.kpis.KpiDefinition.Direction;
import io.goalpost.platform.kpis.KpiDefinition.Source;
import io.goalpost.platform.kpis.KpiDefinition.Type;
import io.goalpost.platform.kpis.KpiDefinition.Unit;
import io.goalpost.platform.kpis.Term.Add;
import io.goalpost.platform.kpis.Term.Days;
import io.goalpost.platform.kpis.Term.Last;
import io.goalpost.platform.kpis.Term.Mul;
import io.goalpost.platform.kpis.Term.Start;
import io.goalpost.platform.kpis.Term.Sub;
import io.goalpost.platform.kpis.Term.Sum;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every KPI Goalpost computes: each canonical metric of docs/kpis.md §1 as a KPI of its own, and each
 * derived KPI of docs/kpis.md §2 with the one definition Goalpost picked.
 */
public final class KpiCatalog {

    private static final Set<String> DOWN_METRICS = Set.of("follower_losses", "bounces", "ad_spend", "competitor_mentions");

    private static final Map<String, String> METRIC_NAMES = Map.ofEntries(
            Map.entry("followers", "Followers"),
            Map.entry("follower_gains", "Follower gains"),
            Map.entry("follower_losses", "Follower losses"),
            Map.entry("views", "Views"),
            Map.entry("reach", "Reach"),
            Map.entry("engagements", "Engagements"),
            Map.entry("reactions", "Reactions"),
            Map.entry("comments", "Comments"),
            Map.entry("shares", "Shares"),
            Map.entry("saves", "Saves"),
            Map.entry("link_clicks", "Link clicks"),
            Map.entry("profile_views", "Profile views"),
            Map.entry("video_views", "Video views"),
            Map.entry("mentions", "Mentions"),
            Map.entry("posts_published", "Posts published"),
            Map.entry("web_sessions", "Web sessions"),
            Map.entry("conversions", "Conversions"),
            Map.entry("leads", "Leads"),
            Map.entry("bounces", "Bounces"),
            Map.entry("ad_spend", "Ad spend"),
            Map.entry("csat_satisfied", "Satisfied CSAT responses"),
            Map.entry("csat_responses", "CSAT responses"),
            Map.entry("competitor_mentions", "Competitor mentions"));

    private static final Map<String, KpiDefinition> ALL;

    static {
        Map<String, KpiDefinition> all = new LinkedHashMap<>();
        for (CanonicalMetric m : CanonicalMetric.values()) {
            KpiDefinition k = metricKpi(m);
            all.put(k.id(), k);
        }
        for (KpiDefinition k : derived()) {
            all.put(k.id(), k);
        }
        ALL = Collections.unmodifiableMap(all);
    }

    private KpiCatalog() {
    }

    /** Every KPI: metrics first (docs/kpis.md §1 order), then derived KPIs (§2 order). */
    public static List<KpiDefinition> all() {
        return List.copyOf(ALL.values());
    }

    /** The KPI with that id. */
    public static Optional<KpiDefinition> byId(String id) {
        return Optional.ofNullable(id == null ? null : ALL.get(id));
    }

    private static KpiDefinition metricKpi(CanonicalMetric m) {
        String id = m.id().value();
        String name = METRIC_NAMES.getOrDefault(id, id);
        Unit unit = id.equals("ad_spend") ? Unit.CURRENCY : Unit.COUNT;
        Direction dir = DOWN_METRICS.contains(id) ? Direction.DOWN : Direction.UP;
        String formula;
        Term value;
        String definition = m.description() + ".";
        switch (m.kind()) {
            case LEVEL -> {
                formula = id + " (last value in the period; summed across accounts)";
                value = new Last(id);
            }
            case UNIQUE -> {
                formula = id + " (only for the exact period reported; never summed over days)";
                value = new Sum(id);
                definition = m.description().replace(" (not additive over days)", "")
                        + ". Reported per day; a week's " + id + " is not the sum of its days.";
            }
            default -> {
                formula = id + " (sum over the days reported; summed across accounts)";
                value = new Sum(id);
            }
        }
        return new KpiDefinition(id, name, Type.METRIC, m.kind(), formula, List.of(id), unit, dir, definition,
                value, null, 1.0, Source.ACCOUNT_METRICS);
    }

    private static KpiDefinition ratio(String id, String name, String formula, List<String> inputs, Unit unit,
            Direction dir, String definition, Term num, Term den, double scale) {
        return new KpiDefinition(id, name, Type.DERIVED, null, formula, inputs, unit, dir, definition, num, den,
                scale, Source.ACCOUNT_METRICS);
    }

    private static List<KpiDefinition> derived() {
        List<KpiDefinition> out = new ArrayList<>();
        out.add(new KpiDefinition("engagement_rate_reach", "Engagement rate (reach)", Type.DERIVED, null,
                "engagements / reach × 100 per post, then ratio of sums over the posts published in the period",
                List.of("engagements", "reach"), Unit.PERCENT, Direction.UP,
                "Interactions per 100 people reached, over the posts published in the period (each post's latest lifetime numbers).",
                new Sum("engagements"), new Sum("reach"), 100, Source.POSTS));
        out.add(ratio("engagement_rate_views", "Engagement rate (views)", "engagements / views × 100",
                List.of("engagements", "views"), Unit.PERCENT, Direction.UP,
                "Interactions per 100 views of your content.",
                new Sum("engagements"), new Sum("views"), 100));
        out.add(ratio("engagement_rate_followers", "Engagement rate (followers)",
                "engagements / followers at the end of the period × 100",
                List.of("engagements", "followers"), Unit.PERCENT, Direction.UP,
                "Interactions in the period per 100 followers you had at its end.",
                new Sum("engagements"), new Last("followers"), 100));
        out.add(ratio("daily_engagement_rate", "Daily engagement rate",
                "engagements over X days / (X × followers at the end of the period) × 100, X = days the account reported engagements",
                List.of("engagements", "followers"), Unit.PERCENT, Direction.UP,
                "Average interactions per day per 100 followers.",
                new Sum("engagements"), new Mul(new Days("engagements"), new Last("followers")), 100));
        out.add(ratio("audience_growth_rate", "Audience growth rate",
                "(followers_end − followers_start) / followers_start × 100; followers_start = last level before the range "
                        + "(the first in the range when nothing earlier is stored), followers_end = last level in the range",
                List.of("followers"), Unit.PERCENT, Direction.UP,
                "How much the audience grew in the period, as a percentage of its size before it.",
                new Sub(new Last("followers"), new Start("followers")), new Start("followers"), 100));
        out.add(ratio("amplification_rate", "Amplification rate", "shares / followers at the end of the period × 100 (Hootsuite)",
                List.of("shares", "followers"), Unit.PERCENT, Direction.UP,
                "Shares per 100 followers: how often your audience passes your content on.",
                new Sum("shares"), new Last("followers"), 100));
        out.add(ratio("applause_rate", "Applause rate", "reactions / followers at the end of the period × 100 (Hootsuite)",
                List.of("reactions", "followers"), Unit.PERCENT, Direction.UP,
                "Likes and reactions per 100 followers: how much your audience approves.",
                new Sum("reactions"), new Last("followers"), 100));
        out.add(ratio("virality_rate", "Virality rate", "shares / views × 100",
                List.of("shares", "views"), Unit.PERCENT, Direction.UP,
                "Shares per 100 views.",
                new Sum("shares"), new Sum("views"), 100));
        out.add(ratio("click_through_rate", "Click-through rate", "link_clicks / views × 100",
                List.of("link_clicks", "views"), Unit.PERCENT, Direction.UP,
                "Link clicks per 100 views.",
                new Sum("link_clicks"), new Sum("views"), 100));
        out.add(ratio("conversion_rate", "Conversion rate", "conversions / link_clicks × 100",
                List.of("conversions", "link_clicks"), Unit.PERCENT, Direction.UP,
                "Conversions per 100 link clicks.",
                new Sum("conversions"), new Sum("link_clicks"), 100));
        out.add(ratio("bounce_rate", "Bounce rate", "bounces / web_sessions × 100",
                List.of("bounces", "web_sessions"), Unit.PERCENT, Direction.DOWN,
                "Share of website sessions from social that left without a second page.",
                new Sum("bounces"), new Sum("web_sessions"), 100));
        out.add(ratio("cost_per_click", "Cost per click", "ad_spend / link_clicks",
                List.of("ad_spend", "link_clicks"), Unit.CURRENCY, Direction.DOWN,
                "What one link click cost in ad spend.",
                new Sum("ad_spend"), new Sum("link_clicks"), 1));
        out.add(ratio("cpm", "Cost per mille (CPM)", "ad_spend / views × 1000",
                List.of("ad_spend", "views"), Unit.CURRENCY, Direction.DOWN,
                "What 1,000 views cost in ad spend.",
                new Sum("ad_spend"), new Sum("views"), 1000));
        out.add(ratio("share_of_voice", "Share of voice", "mentions / (mentions + competitor_mentions) × 100",
                List.of("mentions", "competitor_mentions"), Unit.PERCENT, Direction.UP,
                "Your share of all mentions of you and your competitors.",
                new Sum("mentions"), new Add(new Sum("mentions"), new Sum("competitor_mentions")), 100));
        out.add(ratio("csat", "Customer satisfaction (CSAT)", "csat_satisfied / csat_responses × 100",
                List.of("csat_satisfied", "csat_responses"), Unit.PERCENT, Direction.UP,
                "Share of satisfied answers among all customer satisfaction responses.",
                new Sum("csat_satisfied"), new Sum("csat_responses"), 100));
        return out;
    }

    /** True when the metric is a canonical level (followers): a state whose last value stands. */
    public static boolean isLevel(String metric) {
        return kindOf(metric).map(k -> k == MetricKind.LEVEL).orElse(false);
    }

    /** The roll-up kind of a canonical metric id, if it is one. */
    public static Optional<MetricKind> kindOf(String metric) {
        return CanonicalMetric.byId(metric).map(CanonicalMetric::kind);
    }
}
