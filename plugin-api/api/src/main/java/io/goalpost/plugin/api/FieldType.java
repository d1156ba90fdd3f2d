package io.goalpost.plugin.api;

/** The type of a configuration field; decides validation and how the UI renders the input. */
public enum FieldType {
    /** Free text. */
    STRING,
    /** A credential (token, key, password): stored encrypted, never returned, rendered as a password input. */
    SECRET,
    /** An absolute http(s) URL. */
    URL,
    /** A whole number, optionally bounded. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of {@link ConfigField#allowedValues()}. */
    ENUM
}
