package io.goalpost.plugins.instagram.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a Graph {@code fields} parameter such as {@code id,caption,children{id,media_type}} into field
 * names and their nested field lists (empty when none).
 */
final class FieldList {

    private FieldList() {
    }

    /** Field name to the text of its nested list ({@code ""} when it has none), in request order. */
    static Map<String, String> parse(String fields, String whenAbsent) {
        String text = fields == null || fields.isBlank() ? whenAbsent : fields;
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : (text + ",").toCharArray()) {
            if (c == ',' && depth == 0) {
                String item = current.toString().trim();
                if (!item.isEmpty()) {
                    int brace = item.indexOf('{');
                    if (brace < 0) {
                        out.put(item, "");
                    } else {
                        String inner = item.endsWith("}") ? item.substring(brace + 1, item.length() - 1)
                                : item.substring(brace + 1);
                        out.put(item.substring(0, brace).trim(), inner);
                    }
                }
                current.setLength(0);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            }
            current.append(c);
        }
        return out;
    }
}
