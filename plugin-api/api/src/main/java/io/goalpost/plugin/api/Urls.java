package io.goalpost.plugin.api;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Small URL helpers every adapter needs; kept here so plugins need no HTTP library for them. */
public final class Urls {

    private Urls() {
    }

    /**
     * Joins a base URL (with or without trailing slash) and a path, and appends query parameters
     * (encoded, in the map's order; null values skipped).
     */
    public static URI build(String baseUrl, String path, Map<String, String> query) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String p = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        String q = formEncode(query);
        return URI.create(base + p + (q.isEmpty() ? "" : "?" + q));
    }

    /** Joins a base URL and a path without query. */
    public static URI build(String baseUrl, String path) {
        return build(baseUrl, path, Map.of());
    }

    /** Encodes pairs as {@code a=1&b=2}, skipping null values. */
    public static String formEncode(Map<String, String> pairs) {
        StringJoiner joiner = new StringJoiner("&");
        pairs.forEach((k, v) -> {
            if (v != null) {
                joiner.add(encode(k) + "=" + encode(v));
            }
        });
        return joiner.toString();
    }

    /** Percent-encodes one query component (spaces as {@code %20}). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The decoded query parameters of a URI; for a repeated name the first value wins. */
    public static Map<String, String> queryParams(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }
}
