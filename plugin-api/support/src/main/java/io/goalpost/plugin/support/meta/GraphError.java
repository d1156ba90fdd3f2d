package io.goalpost.plugin.support.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code error} object of a Graph API answer (Meta's Graph API error-handling guide):
 * {@code {"error":{"message","type","code","error_subcode","is_transient","error_user_title",...}}}.
 * Meta sends it with HTTP 400 (sometimes 401/403/500, now and then inside HTTP 200), so the code, not
 * the status, says what happened.
 *
 * @param code the error code (e.g. 190, 10, 80001); 0 when absent
 * @param subcode the subcode (e.g. 463 for an expired token); 0 when absent
 * @param type e.g. {@code OAuthException}, or empty
 * @param message Meta's message, as sent (it may quote parameters: redact before showing)
 * @param userTitle {@code error_user_title}, or empty
 * @param isTransient Meta's own hint that retrying may succeed
 */
public record GraphError(int code, int subcode, String type, String message, String userTitle, boolean isTransient) {

    /** Codes Meta throttles with (app, user, Pages, short-term, Page and Instagram account limits). */
    public static final Set<Integer> THROTTLING_CODES = Set.of(4, 17, 32, 613, 80001, 80002);
    /** Subcode of "object does not exist or cannot be loaded due to missing permissions" (code 100). */
    public static final int OBJECT_NOT_FOUND = 33;
    /** Subcode of "media posted before the account became a business account" (code 100). */
    public static final int MEDIA_BEFORE_CONVERSION = 2108006;

    public GraphError {
        type = type == null ? "" : type;
        message = message == null ? "" : message;
        userTitle = userTitle == null ? "" : userTitle;
    }

    /** The error of a parsed answer, or null when it has no {@code error} object. */
    public static GraphError of(JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject()) {
            return null;
        }
        return new GraphError(error.path("code").asInt(0), error.path("error_subcode").asInt(0),
                error.path("type").asText(""), error.path("message").asText(""),
                error.path("error_user_title").asText(""), error.path("is_transient").asBoolean(false));
    }

    /** An invalid, expired or revoked token (190, any subcode; 463 = expired), a dead session (102), none (104). */
    public boolean isTokenProblem() {
        return code == 190 || code == 102 || code == 104;
    }

    /** A missing permission (10, 200–299). */
    public boolean isPermissionProblem() {
        return code == 10 || (code >= 200 && code <= 299);
    }

    /** Meta is throttling (see {@link #THROTTLING_CODES}). */
    public boolean isThrottling() {
        return THROTTLING_CODES.contains(code);
    }

    /**
     * A metric Meta no longer (or never) accepted for this object, e.g. {@code (#100) The value must be a
     * valid insights metric}: one such name fails the whole call.
     */
    public boolean isRejectedMetric() {
        if (code != 100) {
            return false;
        }
        String m = lower();
        return m.contains("must be one of the following values") || m.contains("no longer supported")
                || m.contains("valid insights metric") || m.contains("does not support the")
                || m.contains("should be specified with parameter metric_type");
    }

    /** Meta refused a window longer than 30 days. */
    public boolean isWindowTooLong() {
        return code == 100 && lower().contains("cannot be more than 30 days");
    }

    /** A breakdown Meta does not offer for a metric. */
    public boolean isIncompatibleBreakdown() {
        return code == 100 && lower().contains("incompatible breakdown");
    }

    /** Media too small for insights ("Not enough viewers for the media to show insights"): not a permission problem. */
    public boolean isNotEnoughViewers() {
        return code == 10 && lower().contains("not enough viewers");
    }

    /** Media posted before the account became a professional account: it has no insights. */
    public boolean isMediaBeforeConversion() {
        return code == 100 && subcode == MEDIA_BEFORE_CONVERSION;
    }

    /** {@code code} or {@code code/subcode}, for messages. */
    public String codes() {
        return code + (subcode != 0 ? "/" + subcode : "");
    }

    private String lower() {
        return message.toLowerCase(Locale.ROOT);
    }
}
