package io.goalpost.platform.posts;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What posts are ranked by: one lifetime metric of the post ({@code engagements}), or a ratio of two
 * ({@code engagements / reach × 100}) for a KPI that is a ratio of per-post metrics. A KPI that is not
 * measured per post (followers, conversions) ranks by the post metric closest to it and says so in
 * {@link #note}, so a reader never takes the ranking for the KPI itself.
 *
 * @param id what was asked for: a post metric id or a KPI id
 * @param name how the ranking is shown ("Engagements", "Engagement rate (reach)")
 * @param metric the post metric ranked by (the numerator of a ratio)
 * @param per the denominator's post metric, or null for a plain metric
 * @param scale what the ratio is multiplied by (100 for percentages; 1 for a plain metric)
 * @param unit {@code count} or {@code percent}
 * @param note why the ranking differs from the KPI asked for, or null when it is the KPI itself
 */
public record PostRanking(String id, String name, String metric, String per, double scale, String unit, String note) {

    /** The lifetime metrics networks report per post (docs/kpis.md §1); the others are account-level only. */
    public static final Set<String> POST_METRICS = Set.of("views", "reach", "engagements", "reactions", "comments", "shares",
            "saves", "link_clicks", "video_views");

    /** The default ranking. */
    public static final String DEFAULT = "engagements";

    public PostRanking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
    }

    /**
     * The ranking for a {@code sort} parameter: a post metric id, any stored metric id
     * ({@code network:metric}), or a KPI id; 400 naming {@code sort} for anything else.
     */
    public static PostRanking of(String sort) {
        if (sort == null || sort.isBlank()) {
            return metric(DEFAULT);
        }
        if (POST_METRICS.contains(sort)) {
            return metric(sort);
        }
        Optional<KpiDefinition> kpi = KpiCatalog.byId(sort);
        if (kpi.isPresent()) {
            return forKpi(kpi.get());
        }
        if (sort.matches("[a-z0-9_]+:[a-z0-9_]+")) {
            return new PostRanking(sort, sort, sort, null, 1, "count", null); // a network's own post metric
        }
        throw ApiError.badRequest("query parameter 'sort' must be a post metric (" + String.join(", ", List.copyOf(
                new java.util.TreeSet<>(POST_METRICS))) + ") or a KPI id, got '" + sort + "'",
                Map.of("sort", "must be a post metric or a KPI id"));
    }

    /** The ranking that best stands for a KPI on posts (what a goal's top posts are ranked by). */
    public static PostRanking forKpi(KpiDefinition kpi) {
        List<String> in = kpi.inputs();
        String first = in.isEmpty() ? null : in.get(0);
        if (kpi.type() == KpiDefinition.Type.METRIC && POST_METRICS.contains(first)) {
            return metric(first);
        }
        if (kpi.type() == KpiDefinition.Type.DERIVED && first != null && POST_METRICS.contains(first)) {
            if (in.size() == 2 && POST_METRICS.contains(in.get(1))) {
                return new PostRanking(kpi.id(), kpi.name(), first, in.get(1), kpi.scale(),
                        kpi.unit() == KpiDefinition.Unit.PERCENT ? "percent" : "count", null);
            }
            PostRanking m = metric(first);
            return new PostRanking(kpi.id(), m.name(), first, null, 1, "count", kpi.name() + " divides by "
                    + String.join(" and ", in.subList(1, in.size())) + ", which posts do not have: ranked by " + m.name().toLowerCase(java.util.Locale.ROOT)
                    + ", the part of it each post adds");
        }
        PostRanking m = metric(DEFAULT);
        return new PostRanking(kpi.id(), m.name(), DEFAULT, null, 1, "count",
                kpi.name() + " is not measured per post: ranked by engagements instead");
    }

    private static PostRanking metric(String id) {
        String name = KpiCatalog.byId(id).map(KpiDefinition::name).orElse(id);
        return new PostRanking(id, name, id, null, 1, "count", null);
    }

    /** The JSON of {@code sort} in answers. */
    public io.vertx.core.json.JsonObject toJson() {
        return new io.vertx.core.json.JsonObject().put("id", id).put("name", name).put("metric", metric).put("per", per)
                .put("scale", scale).put("unit", unit).put("note", note);
    }
}
