package io.goalpost.platform.team;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The team's settings: the time zone the web UI shows times of day in (an IANA name such as
 * {@code Europe/Berlin}; "UTC" by default).
 */
public record TeamSettings(ZoneId timeZone) {

    public static final TeamSettings DEFAULT = new TeamSettings(ZoneId.of("UTC"));

    public TeamSettings {
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /** Reads {@code {"time_zone": "Europe/Berlin"}}; an unknown zone is refused in words. */
    public static TeamSettings parse(JsonObject body) {
        Object raw = body == null ? null : body.getValue("time_zone");
        if (!(raw instanceof String s) || s.isBlank()) {
            throw ApiError.badRequest("time_zone is required", Map.of("time_zone", "give a time zone such as Europe/Berlin or UTC"));
        }
        // Region names only (and UTC): a fixed offset such as +02:00 would be wrong half the year.
        if (!s.strip().equals("UTC") && !ZoneId.getAvailableZoneIds().contains(s.strip())) {
            throw ApiError.badRequest("unknown time zone '" + s.strip() + "'",
                    Map.of("time_zone", "'" + s.strip() + "' is not a time zone name such as Europe/Berlin or America/New_York"));
        }
        try {
            return new TeamSettings(ZoneId.of(s.strip()));
        } catch (DateTimeException e) {
            throw ApiError.badRequest("unknown time zone '" + s.strip() + "'", Map.of("time_zone", "not a time zone name"));
        }
    }
}
