package io.goalpost.platform.kpis;

import io.goalpost.plugin.api.MetricKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One KPI: a canonical metric rolled up by its kind, or a derived ratio of sums (docs/kpis.md §2).
 *
 * @param id stable id used in the API and in goals
 * @param name display name
 * @param type metric or derived
 * @param metricKind the roll-up kind of a metric KPI (null for derived)
 * @param formula the formula as shown next to every number
 * @param inputs the metrics an account must report for the KPI to be available for it
 * @param unit count, percent or currency
 * @param direction the good direction
 * @param definition one line a marketer understands
 * @param numerator per-account numerator (a metric KPI's value)
 * @param denominator per-account denominator, or null for metric KPIs
 * @param scale factor applied to the ratio of sums (100 for percentages, 1000 for CPM)
 * @param source where the inputs are stored
 */
public record KpiDefinition(String id, String name, Type type, MetricKind metricKind, String formula,
        List<String> inputs, Unit unit, Direction direction, String definition, Term numerator, Term denominator,
        double scale, Source source) {

    /** A canonical metric, or a ratio of sums of metrics. */
    public enum Type { METRIC, DERIVED }

    /** What a value is measured in. */
    public enum Unit { COUNT, PERCENT, CURRENCY }

    /** Which way is better. */
    public enum Direction { UP, DOWN }

    /** Daily account metrics (and their roll-ups), or per-post lifetime metrics. */
    public enum Source { ACCOUNT_METRICS, POSTS }

    public KpiDefinition {
        Objects.requireNonNull(id);
        inputs = List.copyOf(inputs);
    }

    /** True for reach-like metrics, valid only for the exact period they were reported for (one day). */
    public boolean isUnique() {
        return metricKind == MetricKind.UNIQUE;
    }

    /** True for level metrics (last value in a period). */
    public boolean isLevel() {
        return metricKind == MetricKind.LEVEL;
    }

    /** Granularities the KPI can be given at. */
    public List<Granularity> granularities() {
        return isUnique() ? List.of(Granularity.DAY) : List.of(Granularity.DAY, Granularity.WEEK, Granularity.MONTH);
    }

    /** The catalog entry as JSON. */
    public JsonObject toJson() {
        JsonArray grains = new JsonArray();
        granularities().forEach(g -> grains.add(g.id()));
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("type", type.name().toLowerCase(java.util.Locale.ROOT))
                .put("metric_kind", metricKind == null ? null : metricKind.name().toLowerCase(java.util.Locale.ROOT))
                .put("formula", formula)
                .put("inputs", new JsonArray(inputs))
                .put("unit", unit.name().toLowerCase(java.util.Locale.ROOT))
                .put("direction", direction.name().toLowerCase(java.util.Locale.ROOT))
                .put("granularities", grains)
                .put("definition", definition);
    }

    /** The short form used inside goals and dashboard tables. */
    public JsonObject toShortJson() {
        return new JsonObject().put("id", id).put("name", name)
                .put("unit", unit.name().toLowerCase(java.util.Locale.ROOT))
                .put("direction", direction.name().toLowerCase(java.util.Locale.ROOT))
                .put("type", type.name().toLowerCase(java.util.Locale.ROOT));
    }
}
