package io.goalpost.plugin.sandbox;

/** JSON string literals for the answers the sandbox API writes by hand (it has no JSON library of its own). */
final class JsonStrings {

    private JsonStrings() {
    }

    /** {@code value} as a JSON string: quotes, backslashes and control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
