package io.goalpost.platform.reports;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The team's report settings: the commentary written in the UI for the summary report (empty: none)
 * and the team's time zone, which the cover states and gives the generation time in.
 *
 * @param commentary free text, paragraphs separated by blank lines, at most {@link #COMMENTARY_MAX} characters
 * @param timeZone the team's time zone
 * @param updatedBy who last changed them, or null
 * @param updatedAt when, or null if never
 */
public record ReportSettings(String commentary, ZoneId timeZone, String updatedBy, Instant updatedAt) {

    /** The longest commentary: a page or two of the report. */
    public static final int COMMENTARY_MAX = 5000;

    public ReportSettings {
        Objects.requireNonNull(commentary, "commentary");
        Objects.requireNonNull(timeZone, "timeZone");
        if (commentary.length() > COMMENTARY_MAX) {
            throw new IllegalArgumentException("commentary is longer than " + COMMENTARY_MAX + " characters");
        }
    }

    /** Its JSON in answers. */
    public JsonObject toJson() {
        return new JsonObject().put("commentary", commentary).put("time_zone", timeZone.getId()).put("updated_by", updatedBy)
                .put("updated_at", updatedAt == null ? null : updatedAt.toString());
    }
}
