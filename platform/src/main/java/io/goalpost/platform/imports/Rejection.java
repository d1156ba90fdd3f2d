package io.goalpost.platform.imports;

import io.vertx.core.json.JsonObject;

/**
 * A row that was not imported.
 *
 * @param index 0-based position in a JSON "points" array, or null
 * @param line 1-based line of a CSV file, or null
 * @param reason why
 */
public record Rejection(Integer index, Integer line, String reason) {

    /** As JSON. */
    public JsonObject toJson() {
        return new JsonObject().put("index", index).put("line", line).put("reason", reason);
    }
}
