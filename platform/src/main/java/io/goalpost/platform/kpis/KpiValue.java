package io.goalpost.platform.kpis;

import io.vertx.core.json.JsonObject;

/**
 * A KPI for one period and scope: the number, or null with the reason; a qualifier when the number
 * needs one ("sum of reach"); and its coverage.
 *
 * @param value the number, or null when not available
 * @param reason why it is not available, or null
 * @param label a qualifier to print next to the number, or null
 * @param coverage which accounts it covers
 */
public record KpiValue(Double value, String reason, String label, Coverage coverage) {

    /** True when there is a number. */
    public boolean available() {
        return value != null;
    }

    /** value, reason, label and coverage as JSON fields. */
    public JsonObject toJson() {
        return new JsonObject().put("value", value).put("reason", reason).put("label", label)
                .put("coverage", coverage == null ? null : coverage.toJson());
    }
}
