package io.goalpost.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged, stored as an error, or returned: the account's own
 * secret values wherever they appear, and the values of token-like query parameters and headers.
 */
public final class Redactor {

    private static final Pattern TOKEN_PARAMS = Pattern.compile(
            "(?i)((?:access_token|refresh_token|client_secret|token|password|code)=)[^&\\s\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        // Longest first, so a secret that contains another is removed whole.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4)
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    /** The text with every secret replaced by {@code ******}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "******");
        }
        out = TOKEN_PARAMS.matcher(out).replaceAll("$1******");
        return BEARER.matcher(out).replaceAll("$1******");
    }
}
