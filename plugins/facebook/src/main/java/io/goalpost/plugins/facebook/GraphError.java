package io.goalpost.plugins.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The {@code error} object of a Graph API response: {@code {"message","type","code","error_subcode",
 * "is_transient","fbtrace_id"}}. Facebook sends it with HTTP 400 (sometimes 401/403/500, and now and
 * then inside HTTP 200), so the code, not the status, decides what happened.
 *
 * @param code the error code (e.g. 190, 10, 80001); 0 when absent
 * @param subcode the subcode (e.g. 463 for an expired token); 0 when absent
 * @param message Facebook's message, as sent (redact before showing)
 * @param isTransient Facebook's own hint that retrying may succeed
 */
record GraphError(int code, int subcode, String message, boolean isTransient) {

    GraphError {
        message = message == null ? "" : message;
    }

    static GraphError from(JsonNode error) {
        return new GraphError(error.path("code").asInt(0), error.path("error_subcode").asInt(0),
                error.path("message").asText(""), error.path("is_transient").asBoolean(false));
    }

    /** True for {@code (#100) The value must be a valid insights metric}: a metric Meta has removed. */
    boolean isInvalidInsightsMetric() {
        return code == 100 && message.toLowerCase(Locale.ROOT).contains("valid insights metric");
    }
}
