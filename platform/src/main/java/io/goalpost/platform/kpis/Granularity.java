package io.goalpost.platform.kpis;

import io.goalpost.platform.api.ApiError;
import java.util.Locale;

/** How a range is cut into periods: days, ISO weeks (Monday to Sunday) or calendar months. */
public enum Granularity {
    DAY, WEEK, MONTH;

    /** The lower-case name used in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code day|week|month}, 400 otherwise. */
    public static Granularity parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DAY;
        }
        for (Granularity g : values()) {
            if (g.id().equals(raw.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw ApiError.badRequest("granularity must be day, week or month, got '" + raw + "'",
                java.util.Map.of("granularity", "must be day, week or month"));
    }
}
