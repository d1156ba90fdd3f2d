package io.goalpost.plugins.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.MetricPoint;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/** Reading numbers from TikTok's JSON, where a missing or null field means "not reported". */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * The field as a number: empty when absent or null (not reported, which is never 0); a number
     * written as a string is accepted; anything else is a {@link AdapterException.BadResponse}.
     *
     * @param where names the object in error messages, e.g. {@code metrics of 2026-10-01}
     */
    static OptionalDouble number(JsonNode object, String field, String where) throws AdapterException.BadResponse {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (node.isNumber()) {
            return finite(node.doubleValue(), field, where);
        }
        if (node.isTextual()) {
            try {
                return finite(new BigDecimal(node.asText().trim()).doubleValue(), field, where);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new AdapterException.BadResponse("TikTok sent a non-numeric '" + field + "' in " + where);
    }

    private static OptionalDouble finite(double value, String field, String where) throws AdapterException.BadResponse {
        if (!Double.isFinite(value)) {
            throw new AdapterException.BadResponse("TikTok sent a non-finite '" + field + "' in " + where);
        }
        // No count comes near 10^15 (MetricPoint.MAX_VALUE): a larger one is a broken answer, not data.
        if (Math.abs(value) > MetricPoint.MAX_VALUE) {
            throw new AdapterException.BadResponse("TikTok sent an impossible '" + field + "' (above 10^15) in "
                    + where);
        }
        return OptionalDouble.of(value);
    }
}
