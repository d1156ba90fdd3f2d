package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.support.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * One TikTok answer read through its envelope {@code {"code","message","request_id","data"}}: the
 * {@code data} object of a success ({@code code 0}), or the {@link TikTokError} of a failure. Errors
 * usually arrive with HTTP 200, so the code decides first and the status only without an envelope.
 *
 * @param data the envelope's {@code data} when the call succeeded, else null
 * @param error the failure, else null
 */
record TikTokReply(JsonNode data, TikTokError error) {

    static TikTokReply failed(TikTokError error) {
        return new TikTokReply(null, error);
    }

    /**
     * Reads a response.
     *
     * @param redactor masks credentials in TikTok's messages
     * @param endpoint the path named in messages
     * @throws AdapterException.BadResponse for a 2xx that is not TikTok's envelope or has no {@code data}
     */
    static TikTokReply read(HttpResponse response, ObjectMapper mapper, Redactor redactor, String endpoint)
            throws AdapterException.BadResponse {
        JsonNode root = readJson(response, mapper);
        Duration retryAfter = retryAfter(response);
        Integer code = root != null && root.path("code").canConvertToInt() && root.path("code").isIntegralNumber()
                ? root.path("code").intValue() : null;
        String message = root == null ? "" : redactor.clean(root.path("message").asText(""));
        if (!response.isSuccess()) {
            Integer errorCode = code != null && code != 0 ? code : null;
            return failed(new TikTokError(response.status(), errorCode, errorCode == null ? "" : message, retryAfter));
        }
        if (root == null) {
            throw new AdapterException.BadResponse("TikTok answered " + endpoint
                    + " with a body that is not complete JSON (HTTP " + response.status() + ")");
        }
        if (code == null) {
            throw new AdapterException.BadResponse("TikTok answered " + endpoint + " without a numeric 'code'");
        }
        if (code != 0) {
            return failed(new TikTokError(response.status(), code, message, retryAfter));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new AdapterException.BadResponse("TikTok answered " + endpoint + " with code 0 but no 'data' object");
        }
        return new TikTokReply(data, null);
    }

    /** The body as a JSON object, or null when it is empty, malformed, truncated or not an object. */
    private static JsonNode readJson(HttpResponse response, ObjectMapper mapper) {
        byte[] body = response.body();
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Duration retryAfter(HttpResponse response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null; // HTTP-date form: TikTok is not known to send it; fall back to the default wait
        }
    }
}
