package io.goalpost.plugins.pinterest;

import java.util.Collection;
import java.util.List;

/** Removes credentials from text that ends up in user-facing messages. */
@FunctionalInterface
interface Redactor {

    /** The text with every secret replaced. */
    String redact(String text);

    /** Replaces each of the given secrets (longest first, so overlapping values vanish whole). */
    static Redactor of(Collection<String> secrets) {
        List<String> sorted = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
        return text -> {
            String out = text;
            for (String secret : sorted) {
                out = out.replace(secret, "[redacted]");
            }
            return out;
        };
    }
}
