package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * An error a sandbox of a Meta network (Facebook, Instagram) answers with, in Graph's envelope:
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}, with {@code error_subcode}
 * only when there is one and, for an error Meta explains to the person, {@code is_transient},
 * {@code error_user_title} and {@code error_user_msg}. The sandbox keeps its own catalogue of errors
 * (which code, which words); the envelope is written here once.
 *
 * @param status the HTTP status (400 for OAuth and parameter errors, 500 for Meta's own failures)
 * @param message Graph's {@code message}
 * @param type Graph's {@code type}, e.g. {@code OAuthException}
 * @param code Graph's {@code code}
 * @param subcode Graph's {@code error_subcode}; 0 for none
 * @param userTitle the title Meta shows the person, for an error that has one
 * @param userMessage the explanation Meta shows the person, with {@code userTitle}
 */
public record GraphErrorAnswer(int status, String message, String type, int code, int subcode,
        Optional<String> userTitle, Optional<String> userMessage) {

    public GraphErrorAnswer {
        // Each is written into the answer: List.of refuses a missing one.
        List.of(message, type, userTitle, userMessage);
        if (userTitle.isPresent() != userMessage.isPresent()) {
            throw new IllegalArgumentException("Meta shows a user title and a user message together");
        }
    }

    /** An error without words for the person. */
    public GraphErrorAnswer(int status, String message, String type, int code, int subcode) {
        this(status, message, type, code, subcode, Optional.empty(), Optional.empty());
    }

    /** The response Meta would send, with {@code fbtraceId} as its trace id. */
    public HttpResponse toResponse(String fbtraceId) {
        StringBuilder error = new StringBuilder("{\"message\":").append(JsonStrings.quote(message))
                .append(",\"type\":").append(JsonStrings.quote(type))
                .append(",\"code\":").append(code);
        if (subcode != 0) {
            error.append(",\"error_subcode\":").append(subcode);
        }
        if (userTitle.isPresent()) {
            error.append(",\"is_transient\":false")
                    .append(",\"error_user_title\":").append(JsonStrings.quote(userTitle.get()))
                    .append(",\"error_user_msg\":").append(JsonStrings.quote(userMessage.orElseThrow()));
        }
        error.append(",\"fbtrace_id\":").append(JsonStrings.quote(fbtraceId)).append('}');
        return HttpResponse.json(status, "{\"error\":" + error + "}");
    }
}
