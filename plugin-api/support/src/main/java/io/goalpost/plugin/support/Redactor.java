package io.goalpost.plugin.support;

import io.goalpost.plugin.api.ConfigValues;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Removes credentials from text bound for users or logs: every value of the config's secret fields
 * (as the spec declares them), plus any token the adapter obtains later (a refreshed access token).
 * Thread-safe; secrets are replaced longest first, so one that contains another vanishes whole.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "[redacted]";
    /** The longest piece of a network's text that {@link #clean(String)} keeps. */
    public static final int MAX_QUOTE = 300;

    private static final java.util.regex.Pattern TOKEN_PARAM =
            java.util.regex.Pattern.compile("(?i)((?:access_token|refresh_token|client_secret)=)[^&\\s\"']+");
    private static final java.util.regex.Pattern BEARER =
            java.util.regex.Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final java.util.regex.Pattern URL_QUERY =
            java.util.regex.Pattern.compile("(https?://[^\\s\"'?]+)\\?[^\\s\"']*");

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    private Redactor(Collection<String> initial) {
        initial.forEach(this::add);
    }

    /** A redactor for the values of the secret fields of an account's configuration. */
    public static Redactor of(ConfigValues config) {
        return new Redactor(config.secretValues());
    }

    /** A redactor for the given values (null and blank ones ignored). */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets);
    }

    /** A redactor for the given values (null and blank ones ignored). */
    public static Redactor of(String... secrets) {
        return new Redactor(java.util.Arrays.asList(secrets));
    }

    /** Also removes this value from now on (a token obtained by a refresh); blank values are ignored. */
    public void add(String secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret);
        }
    }

    /** The text with every known secret replaced by {@link #MASK}; null becomes "null". */
    public String redact(String text) {
        String out = String.valueOf(text);
        List<String> sorted = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : sorted) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /**
     * A network's text made fit for a user-facing message: the known secrets and anything shaped like a
     * token ({@code access_token=}, {@code Bearer ...}) masked, query strings of URLs dropped (they may
     * carry tokens), control characters and runs of white space folded, at most {@link #MAX_QUOTE}
     * characters. Null becomes "".
     */
    public String clean(String text) {
        if (text == null) {
            return "";
        }
        String out = redact(text);
        out = TOKEN_PARAM.matcher(out).replaceAll("$1" + MASK);
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        out = URL_QUERY.matcher(out).replaceAll("$1");
        out = out.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return out.length() > MAX_QUOTE ? out.substring(0, MAX_QUOTE) + "..." : out;
    }
}
