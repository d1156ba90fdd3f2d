package io.goalpost.plugins.facebook.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Graph's {@code fields} parameter, e.g.
 * {@code id,reactions.summary(total_count).limit(0),insights.metric(post_media_view,post_clicks)}: a
 * comma-separated list at the top level, each field a name followed by {@code .modifier(arguments)}.
 */
final class GraphFields {

    private static final Pattern MODIFIER = Pattern.compile("\\.([a-z_]+)\\(([^()]*)\\)");

    /** One requested field with its modifiers (name to raw argument text). */
    record Field(String name, Map<String, String> modifiers) {
        Field {
            modifiers = Map.copyOf(modifiers);
        }

        /** The comma-separated arguments of a modifier, empty when absent. */
        List<String> arguments(String modifier) {
            String raw = modifiers.get(modifier);
            if (raw == null || raw.isBlank()) {
                return List.of();
            }
            List<String> args = new ArrayList<>();
            for (String a : raw.split(",")) {
                if (!a.isBlank()) {
                    args.add(a.strip());
                }
            }
            return args;
        }
    }

    private GraphFields() {
    }

    /** The fields in request order; an empty or missing parameter gives the defaults. */
    static Map<String, Field> parse(String fields, List<String> defaults) {
        Map<String, Field> parsed = new LinkedHashMap<>();
        if (fields == null || fields.isBlank()) {
            defaults.forEach(d -> parsed.put(d, new Field(d, Map.of())));
            return parsed;
        }
        for (String part : splitTopLevel(fields)) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                continue;
            }
            int end = 0;
            while (end < spec.length() && spec.charAt(end) != '.' && spec.charAt(end) != '{') {
                end++;
            }
            String name = spec.substring(0, end);
            Map<String, String> modifiers = new LinkedHashMap<>();
            Matcher m = MODIFIER.matcher(spec.substring(end));
            while (m.find()) {
                modifiers.put(m.group(1), m.group(2));
            }
            parsed.put(name, new Field(name, modifiers));
        }
        return parsed;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
