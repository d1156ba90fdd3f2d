package io.goalpost.plugins.linkedin;

import java.util.Collection;

/**
 * Removes credentials from text that may reach a user or a log, such as a message LinkedIn wrote
 * into an error body. Messages are also shortened: an error body is not a place for a novel.
 */
final class Redaction {

    private static final int MAX_LENGTH = 240;
    /** Shorter values would match ordinary words; no real credential is that short. */
    private static final int MIN_SECRET_LENGTH = 4;

    private Redaction() {
    }

    static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String clean = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                clean = clean.replace(secret, "******");
            }
        }
        clean = clean.replaceAll("\\s+", " ").trim();
        return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH) + "...";
    }
}
