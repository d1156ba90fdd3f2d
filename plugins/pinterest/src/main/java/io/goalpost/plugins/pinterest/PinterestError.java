package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.support.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Pinterest's error envelope {@code {"code": <int>, "message": "..."}} (some responses add
 * {@code "status": "failure"}).
 *
 * @param code Pinterest's error code, or null when the body had none
 * @param message Pinterest's message, or null when the body had none
 */
record PinterestError(Integer code, String message) {

    /** Code Pinterest uses for "Authentication failed." (bad, expired or revoked token). */
    static final int CODE_AUTHENTICATION_FAILED = 2;

    private static final Set<String> ENVELOPE_FIELDS = Set.of("code", "message", "status");
    private static final int MAX_MESSAGE_LENGTH = 200;

    /** The envelope read from any body; fields it lacks stay null. */
    static PinterestError from(JsonNode body) {
        if (body == null || !body.isObject()) {
            return new PinterestError(null, null);
        }
        JsonNode code = body.get("code");
        JsonNode message = body.get("message");
        return new PinterestError(code != null && code.isIntegralNumber() ? code.intValue() : null,
                message != null && message.isTextual() ? message.textValue() : null);
    }

    /**
     * True when a 2xx body is really an error: an object made only of the envelope's fields, with a
     * code and a message (or {@code "status": "failure"}). No data response of the endpoints the
     * adapter reads looks like that.
     */
    static boolean isErrorEnvelope(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            return false;
        }
        JsonNode status = body.get("status");
        if (status != null && "failure".equals(status.asText())) {
            return true;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            if (!ENVELOPE_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return body.path("code").isIntegralNumber() && body.path("message").isTextual();
    }

    /** A short description for a user-facing message, e.g. {@code "Authentication failed." (code 2)}. */
    String describe(Redactor redactor) {
        StringBuilder text = new StringBuilder();
        if (message != null && !message.isBlank()) {
            String shown = redactor.redact(message.strip());
            text.append('"').append(shown.length() > MAX_MESSAGE_LENGTH
                    ? shown.substring(0, MAX_MESSAGE_LENGTH) + "..." : shown).append('"');
        } else {
            text.append("no message");
        }
        if (code != null) {
            text.append(" (code ").append(code).append(')');
        }
        return text.toString();
    }
}
