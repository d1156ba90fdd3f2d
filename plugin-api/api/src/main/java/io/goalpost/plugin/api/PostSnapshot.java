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
 * @param text the post's own text (caption, message, description) as plain text, or null when the network
 *        gives none; blank text counts as none. The host keeps only an excerpt of at most
 *        {@link #TEXT_EXCERPT_LENGTH} characters, so a plugin need not trim it. Since 1.4.0.
 */
public record PostSnapshot(String postId, Instant publishedAt, String type, String permalink,
        Map<MetricId, Double> metrics, String text) {

    /** How many characters of {@link #text()} the host keeps as the post's excerpt. */
    public static final int TEXT_EXCERPT_LENGTH = 280;

    /** A post without text, as before 1.4.0: plugins built against 1.3 keep compiling and working. */
    public PostSnapshot(String postId, Instant publishedAt, String type, String permalink, Map<MetricId, Double> metrics) {
        this(postId, publishedAt, type, permalink, metrics, null);
    }

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
        text = text == null || text.isBlank() ? null : text.strip();
    }
}
