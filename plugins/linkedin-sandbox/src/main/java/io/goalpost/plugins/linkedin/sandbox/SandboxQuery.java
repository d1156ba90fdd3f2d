package io.goalpost.plugins.linkedin.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query string read the way a Rest.li 2.0 server reads it: values stay raw until asked for, so the
 * sandbox can insist on what LinkedIn insists on (URNs percent-encoded, the {@code List(...)} and
 * {@code (timeRange:(...))} structure unescaped).
 */
final class SandboxQuery {

    private final Map<String, String> raw;

    private SandboxQuery(Map<String, String> raw) {
        this.raw = raw;
    }

    static SandboxQuery parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.putIfAbsent(key, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return new SandboxQuery(values);
    }

    Optional<String> raw(String name) {
        return Optional.ofNullable(raw.get(name));
    }

    Optional<String> decoded(String name) {
        return raw(name).map(SandboxQuery::decode);
    }

    /** A URN parameter; a URN sent with literal colons is refused as LinkedIn refuses it. */
    Optional<String> urn(String name) {
        Optional<String> value = raw(name);
        if (value.isPresent() && value.get().contains(":")) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: the URN in '" + name
                    + "' must be URL-encoded (Rest.li protocol 2.0.0)");
        }
        return value.map(SandboxQuery::decode);
    }

    /** A {@code List(urn%3A..,urn%3A..)} parameter as decoded URNs. */
    Optional<List<String>> urnList(String name) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (!v.startsWith("List(") || !v.endsWith(")")) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: '" + name
                    + "' must be List(...) with unescaped parentheses (Rest.li protocol 2.0.0)");
        }
        List<String> urns = new ArrayList<>();
        String inner = v.substring("List(".length(), v.length() - 1);
        for (String item : inner.isEmpty() ? new String[0] : inner.split(",")) {
            if (item.contains(":")) {
                throw SandboxError.badRequest("Invalid query parameters passed to request: URNs inside '" + name
                        + "' must be URL-encoded (Rest.li protocol 2.0.0)");
            }
            urns.add(decode(item));
        }
        return Optional.of(urns);
    }

    /** A whole-number parameter, or the fallback when absent. */
    int integer(String name, int fallback) {
        Optional<String> value = decoded(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: '" + name
                    + "' must be a whole number");
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
