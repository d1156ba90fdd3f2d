package io.goalpost.plugins.tiktok;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Masks credentials in text that reaches users (TikTok's own error messages may echo what they were
 * sent). Tokens obtained by a refresh are added as they arrive.
 */
final class Redactor {

    /** Longest piece of network-supplied text shown to users. */
    private static final int MAX_LENGTH = 200;
    private static final String MASK = "******";

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    Redactor(Iterable<String> initialSecrets) {
        initialSecrets.forEach(this::add);
    }

    /** Adds a secret to mask from now on. */
    void add(String secret) {
        // Very short values would mask ordinary words; real credentials are long.
        if (secret != null && secret.length() >= 6) {
            secrets.add(secret);
        }
    }

    /** The text with every known secret masked, control characters removed and length bounded. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        result = result.replaceAll("[\\p{Cntrl}]+", " ").trim();
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) + "..." : result;
    }
}
