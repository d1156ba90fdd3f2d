package io.goalpost.plugin.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A post with its lifetime metrics as of the fetch.
 *
 * @param postId the network's id of the post
 * @param publishedAt when it was published
 * @param type the network's type of post (e.g. {@code photo}, {@code video}, {@code reel}), lower case
 * @param permalink public link to the post, or null when the network gives none
 * @param metrics lifetime metric values; a metric the network did not report is absent
 */
public record PostSnapshot(String postId, Instant publishedAt, String type, String permalink,
        Map<MetricId, Double> metrics) {

    public PostSnapshot {
        Objects.requireNonNull(postId, "postId is null");
        if (postId.isBlank()) {
            throw new IllegalArgumentException("postId is blank");
        }
        Objects.requireNonNull(publishedAt, "publishedAt is null");
        type = type == null || type.isBlank() ? "post" : type.toLowerCase(java.util.Locale.ROOT);
        metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics is null"));
        metrics.forEach((k, v) -> {
            if (!Double.isFinite(v) || v < 0 || v > MetricPoint.MAX_VALUE) {
                throw new IllegalArgumentException("metric " + k + " of post " + postId + " is invalid: " + v);
            }
        });
    }
}
