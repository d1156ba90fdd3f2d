package io.goalpost.platform.reports;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a report needs from the team's settings: the commentary written in the UI for the summary
 * report (empty: none) and the team's time zone, which the cover states and gives the generation time
 * in. The zone is the one of {@code team_settings} ({@code PUT /api/settings/team}), the same the web
 * UI shows every time in; only the commentary belongs to reports.
 *
 * @param commentary free text, paragraphs separated by blank lines, at most {@link #COMMENTARY_MAX} characters
 * @param timeZone the team's time zone (read only here)
 * @param updatedBy who last changed the commentary, or null
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

    /** The commentary's JSON in answers (the time zone is answered by {@code GET /api/settings/team}). */
    public JsonObject toJson() {
        return new JsonObject().put("commentary", commentary).put("updated_by", updatedBy)
                .put("updated_at", updatedAt == null ? null : updatedAt.toString());
    }
}
