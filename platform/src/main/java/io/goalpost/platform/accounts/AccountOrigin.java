package io.goalpost.platform.accounts;

import java.util.Locale;

/**
 * Where an account's numbers come from, recorded when it is connected and never changed (so a demo
 * data directory later run with {@code serve} cannot pass simulated history off as real).
 */
public enum AccountOrigin {
    /** A real network's API, through its plugin. */
    NETWORK,
    /** A simulated network of the demo (a sandbox): its history is synthetic. */
    SANDBOX,
    /** A manual source: numbers typed in or imported from CSV by a person. */
    MANUAL;

    /** The value in the database and the API: {@code network}, {@code sandbox}, {@code manual}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The origin of a stored value; an unknown one is refused (the database's check allows only these). */
    public static AccountOrigin of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
