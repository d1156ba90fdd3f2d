package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.MetricPoint;
import java.util.OptionalDouble;

/**
 * Reads counts out of LinkedIn JSON. A count that is missing, null, not a number, negative or above
 * {@link MetricPoint#MAX_VALUE} (no count comes near 10^15) is "not reported": it becomes no value at
 * all, never 0.
 */
final class Counts {

    private Counts() {
    }

    static OptionalDouble of(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isNumber()) {
            return OptionalDouble.empty();
        }
        double value = node.asDouble();
        return Double.isFinite(value) && value >= 0 && value <= MetricPoint.MAX_VALUE ? OptionalDouble.of(value)
                : OptionalDouble.empty();
    }

    /**
     * The value of a count that is a number below 0, if it is one. LinkedIn documents none of its
     * counts as signed; a negative one is reported to the user rather than silently dropped.
     */
    static OptionalDouble negative(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node != null && node.isNumber() && node.asDouble() < 0 ? OptionalDouble.of(node.asDouble())
                : OptionalDouble.empty();
    }

    /** The sum of all the fields, or nothing when any of them is not reported (a partial sum would undercount). */
    static OptionalDouble sum(JsonNode parent, String... fields) {
        double total = 0;
        for (String field : fields) {
            OptionalDouble value = of(parent, field);
            if (value.isEmpty()) {
                return OptionalDouble.empty();
            }
            total += value.getAsDouble();
        }
        return total <= MetricPoint.MAX_VALUE ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /**
     * LinkedIn's engagement count. {@code totalShareStatistics.engagement} is a rate
     * ((clicks + likes + comments + shares) / impressions), so the count is computed from its parts.
     */
    static OptionalDouble engagements(JsonNode shareStatistics) {
        return sum(shareStatistics, "likeCount", "commentCount", "shareCount", "clickCount");
    }
}
