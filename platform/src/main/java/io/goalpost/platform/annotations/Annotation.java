package io.goalpost.platform.annotations;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A dated note drawn as a marker on charts and listed in reports ("spring campaign starts").
 *
 * @param id its id
 * @param day the day it marks
 * @param text what happened, one line of at most {@link #TEXT_MAX} characters
 * @param goalId the goal whose charts it belongs on, or null for every chart
 * @param createdBy who wrote it (username), or null
 * @param createdAt when
 */
public record Annotation(long id, LocalDate day, String text, Long goalId, String createdBy, Instant createdAt) {

    /** The longest text: a marker label, not a document. */
    public static final int TEXT_MAX = 200;

    public Annotation {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        if (text.isBlank() || text.length() > TEXT_MAX) {
            throw new IllegalArgumentException("text must have 1 to " + TEXT_MAX + " characters");
        }
    }

    /** Its JSON in answers. */
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("day", day.toString()).put("text", text).put("goal_id", goalId)
                .put("created_by", createdBy).put("created_at", createdAt.toString());
    }
}
