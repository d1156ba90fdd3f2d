package io.goalpost.plugin.support;

import io.goalpost.plugin.api.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * The message and code of a JSON error body, wherever the common shapes put them:
 * {@code {"error": "..."}}, {@code {"error": {"message": "...", "code": 190}}} (Meta),
 * {@code {"message": "...", "code": 2}} (Pinterest), {@code {"error_description": "..."}} (OAuth),
 * {@code {"errors": [{"message": "..."}]}} (X), {@code {"detail": "..."}} (problem+json).
 *
 * @param message the network's message, shortened to 200 characters, or empty
 * @param code the network's error code as text, or empty
 */
public record ErrorBody(Optional<String> message, Optional<String> code) {

    private static final int MAX_MESSAGE = 200;

    public ErrorBody {
        message = message.map(ErrorBody::shorten).filter(m -> !m.isBlank());
        code = code.filter(c -> !c.isBlank());
    }

    /** Reads a response's body; a body that is not JSON gives an empty error. */
    public static ErrorBody of(HttpResponse response) {
        return of(Json.lenient(response));
    }

    /** Reads a parsed body. */
    public static ErrorBody of(Json body) {
        Json error = body.get("error");
        Json first = body.array("errors").stream().findFirst().orElse(body.get("errors"));
        Optional<String> message = firstPresent(
                error.text("message"),
                body.text("error_description"),
                error.asText(),
                body.text("message"),
                first.text("message"),
                first.text("detail"),
                body.text("detail"),
                body.text("title"));
        Optional<String> code = firstPresent(
                error.text("code"),
                body.text("code"),
                first.text("code"),
                error.isObject() ? Optional.empty() : body.text("error"));
        return new ErrorBody(message, code);
    }

    /** Words for a user-facing message, e.g. {@code "Invalid token" (code 190)}, after redaction. */
    public String describe(Redactor redactor) {
        String text = message.map(m -> '"' + redactor.redact(m) + '"').orElse("no message");
        return code.map(c -> text + " (code " + redactor.redact(c) + ")").orElse(text);
    }

    @SafeVarargs
    private static Optional<String> firstPresent(Optional<String>... options) {
        for (Optional<String> o : List.of(options)) {
            if (o.isPresent() && !o.get().isBlank()) {
                return o;
            }
        }
        return Optional.empty();
    }

    private static String shorten(String m) {
        String s = m.strip();
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    }
}
