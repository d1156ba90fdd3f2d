package io.goalpost.plugins.pinterest.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A simulated pin. Its lifetime impressions approach {@code potential} along
 * {@code potential * (1 - exp(-(age + 1) / halfLifeDays))}; every other count is a fixed share of them.
 *
 * @param id pin id
 * @param createdAt creation time (UTC)
 * @param owned false for a pin saved from another creator
 * @param video true for a video pin
 * @param title title
 * @param boardId board it is on
 * @param potential impressions it tends towards
 * @param decayDays how quickly it gets there (days)
 * @param saveRate saves per impression
 * @param pinClickRate pin clicks per impression
 * @param outboundClickRate outbound clicks per impression
 * @param avgWatchTimeMs average watch time of a video pin
 */
record SandboxPin(String id, Instant createdAt, boolean owned, boolean video, String title, String boardId,
        double potential, double decayDays, double saveRate, double pinClickRate, double outboundClickRate,
        double avgWatchTimeMs) {

    SandboxPin {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        if (decayDays <= 0) {
            throw new IllegalArgumentException("decayDays must be positive");
        }
    }

    /** The day it was created (UTC). */
    LocalDate createdDay() {
        return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
    }

    /** Impressions from creation to the end of {@code day} (0 before creation). */
    double cumulativeImpressions(LocalDate day) {
        long age = day.toEpochDay() - createdDay().toEpochDay();
        if (age < 0) {
            return 0;
        }
        return potential * (1 - Math.exp(-(age + 1) / decayDays));
    }
}
