package io.goalpost.plugin.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP response as the host received it (or as a simulated network in the demo produces it).
 *
 * @param status HTTP status code
 * @param headers header name to values; {@link #header(String)} compares names case-insensitively
 * @param body response body, empty for none
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status is not an HTTP status: " + status);
        }
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers is null").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A response with a JSON body. */
    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, Map.of("Content-Type", List.of("application/json; charset=UTF-8")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** This response with one more header value. */
    public HttpResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(name, List.of(value));
        return new HttpResponse(status, copy, body);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** True for 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponse r && status == r.status && headers.equals(r.headers)
                && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
    }
}
