package io.goalpost.platform.goals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A goal objective template of docs/kpis.md §4 with its suggested KPIs.
 *
 * @param id stable id
 * @param name display name
 * @param suggestedKpis KPI ids, most useful first
 * @param note what the template cannot express as a catalog KPI, or null
 */
public record Objective(String id, String name, List<String> suggestedKpis, String note) {

    public Objective {
        suggestedKpis = List.copyOf(suggestedKpis);
    }

    /** As JSON. */
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("suggested_kpis", new JsonArray(suggestedKpis))
                .put("note", note);
    }
}
