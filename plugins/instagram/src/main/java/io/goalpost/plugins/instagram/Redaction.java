package io.goalpost.plugins.instagram;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the messages this plugin builds from Instagram's answers. Meta's error texts do
 * not normally echo tokens, but a proxy or a future message might; every text that reaches an exception
 * passes through {@link #clean(String)}. Knows every token this adapter has held, including refreshed
 * ones.
 */
final class Redaction {

    private static final int MAX_QUOTE = 300;
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(access_token=)[^&\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._\\-]+");

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    Redaction(String... initialSecrets) {
        for (String s : initialSecrets) {
            add(s);
        }
    }

    /** Remembers one more secret (e.g. a refreshed token). */
    void add(String secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret);
        }
    }

    /** The text with every known secret and anything shaped like a token parameter masked, shortened. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "[redacted]");
        }
        out = TOKEN_PARAM.matcher(out).replaceAll("$1[redacted]");
        out = BEARER.matcher(out).replaceAll("$1[redacted]");
        out = out.replaceAll("\\s+", " ").trim();
        return out.length() > MAX_QUOTE ? out.substring(0, MAX_QUOTE) + "…" : out;
    }
}
