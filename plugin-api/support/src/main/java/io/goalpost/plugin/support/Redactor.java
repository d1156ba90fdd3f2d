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

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    private Redactor(Collection<String> initial) {
        initial.forEach(this::add);
    }

    /** A redactor for the values of the secret fields of an account's configuration. */
    public static Redactor of(ConfigValues config) {
        return new Redactor(config.secretValues());
    }

    /** A redactor for the given values. */
    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets);
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
}
