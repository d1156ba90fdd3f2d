package io.goalpost.plugin.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request an adapter asks the host to send, or one the demo hands a simulated network.
 *
 * @param method HTTP method, upper case
 * @param uri absolute URI (for a sandbox: the URI as received, absolute against the sandbox's base)
 * @param headers header name to value; names compared case-insensitively by {@link #header(String)}
 * @param body request body, empty for none
 */
public record HttpRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public HttpRequest {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(uri, "uri is null");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("uri is not absolute: " + uri.getPath());
        }
        method = method.toUpperCase(java.util.Locale.ROOT);
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers is null"));
        body = body == null ? new byte[0] : body.clone();
    }

    /** A GET without headers. */
    public static HttpRequest get(URI uri) {
        return new HttpRequest("GET", uri, Map.of(), null);
    }

    /** A POST of a form-encoded body. */
    public static HttpRequest postForm(URI uri, Map<String, String> form) {
        return new HttpRequest("POST", uri, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                Urls.formEncode(form).getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of a JSON body given as text. */
    public static HttpRequest postJson(URI uri, String json) {
        return new HttpRequest("POST", uri, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** This request with one more header (replacing one of the same name). */
    public HttpRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase(name)) {
                copy.put(k, v);
            }
        });
        copy.put(name, Objects.requireNonNull(value, "value is null"));
        return new HttpRequest(method, uri, copy, body);
    }

    /** The value of a header, compared case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The first value of a query parameter (decoded), or null. */
    public String queryParam(String name) {
        return Urls.queryParams(uri).getOrDefault(name, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Deliberately omits headers, query and body: they may carry tokens. */
    @Override
    public String toString() {
        return method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest r && method.equals(r.method) && uri.equals(r.uri)
                && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body));
    }
}
