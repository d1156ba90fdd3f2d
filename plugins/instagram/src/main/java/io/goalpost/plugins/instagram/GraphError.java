package io.goalpost.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The error object of Meta's envelope (Meta's Graph API error-handling guide):
 * {@code {"error":{"message","type","code","error_subcode","is_transient","error_user_title",...}}}.
 *
 * @param code the error code (0 when absent)
 * @param subcode the error subcode (0 when absent)
 * @param type e.g. {@code OAuthException}
 * @param message Meta's message (may quote parameters; redact before showing)
 * @param userTitle {@code error_user_title}, or empty
 * @param isTransient Meta's {@code is_transient} flag
 */
record GraphError(int code, int subcode, String type, String message, String userTitle, boolean isTransient) {

    /** Subcode of "media posted before the account became a business account" (code 100). */
    static final int MEDIA_BEFORE_CONVERSION = 2108006;
    /** Subcode of "object does not exist or cannot be loaded due to missing permissions" (code 100). */
    static final int OBJECT_NOT_FOUND = 33;

    GraphError {
        type = type == null ? "" : type;
        message = message == null ? "" : message;
        userTitle = userTitle == null ? "" : userTitle;
    }

    /** The error of a parsed body, or null when the body has no {@code error} object. */
    static GraphError of(JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject()) {
            return null;
        }
        return new GraphError(error.path("code").asInt(0), error.path("error_subcode").asInt(0),
                error.path("type").asText(""), error.path("message").asText(""),
                error.path("error_user_title").asText(""), error.path("is_transient").asBoolean(false));
    }

    /** An invalid, expired or revoked token (code 190, any subcode; 463 = expired). */
    boolean isTokenProblem() {
        return code == 190 || code == 102 || code == 104;
    }

    /** A metric the API no longer (or never) accepted for this object: one such name fails the whole call. */
    boolean isRejectedMetric() {
        if (code != 100) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("must be one of the following values") || m.contains("no longer supported")
                || m.contains("valid insights metric") || m.contains("does not support the")
                || m.contains("should be specified with parameter metric_type");
    }

    /** The API refused a window longer than 30 days. */
    boolean isWindowTooLong() {
        return code == 100 && message.toLowerCase(Locale.ROOT).contains("cannot be more than 30 days");
    }

    /** A breakdown the API does not offer for a metric. */
    boolean isIncompatibleBreakdown() {
        return code == 100 && message.toLowerCase(Locale.ROOT).contains("incompatible breakdown");
    }

    /** Media too small for insights ("Not enough viewers for the media to show insights"): not a permission problem. */
    boolean isNotEnoughViewers() {
        return code == 10 && message.toLowerCase(Locale.ROOT).contains("not enough viewers");
    }

    /** Media posted before the account became a professional account: it has no insights. */
    boolean isMediaBeforeConversion() {
        return code == 100 && subcode == MEDIA_BEFORE_CONVERSION;
    }
}
