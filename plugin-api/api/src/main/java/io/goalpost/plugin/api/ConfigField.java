package io.goalpost.plugin.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration field of a network, in the spirit of Kafka Connect's {@code ConfigDef}: the host
 * validates values against it and the UI builds the connect form from it.
 *
 * @param key stable identifier, {@code [a-z][a-z0-9_]*}
 * @param type value type; {@link FieldType#SECRET} fields are encrypted at rest and never returned
 * @param label short label for the form
 * @param help one sentence on where to find the value
 * @param required whether a value must be given (a field with a default is never required)
 * @param defaultValue value used when none is given, or null
 * @param allowedValues the choices of an {@link FieldType#ENUM} field, else empty
 * @param advanced true for fields most users leave alone (e.g. the API base URL)
 */
public record ConfigField(String key, FieldType type, String label, String help, boolean required,
        String defaultValue, List<String> allowedValues, boolean advanced) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

    public ConfigField {
        Objects.requireNonNull(key, "key is null");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key must match [a-z][a-z0-9_]*: " + key);
        }
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(label, "label is null");
        help = help == null ? "" : help;
        allowedValues = List.copyOf(allowedValues == null ? List.of() : allowedValues);
        if (type == FieldType.ENUM && allowedValues.isEmpty()) {
            throw new IllegalArgumentException("ENUM field " + key + " has no allowed values");
        }
        if (defaultValue != null && required) {
            throw new IllegalArgumentException("field " + key + " has a default, so it cannot be required");
        }
        if (type == FieldType.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("secret field " + key + " cannot have a default");
        }
    }

    /** A required text field. */
    public static ConfigField string(String key, String label, String help) {
        return new ConfigField(key, FieldType.STRING, label, help, true, null, List.of(), false);
    }

    /** A required secret field (token, key). */
    public static ConfigField secret(String key, String label, String help) {
        return new ConfigField(key, FieldType.SECRET, label, help, true, null, List.of(), false);
    }

    /**
     * A required URL field without default (since 1.3), such as the address of the server an account
     * lives on; pair it with {@link AdapterDescriptor.Builder#allowHostOf(String)}.
     */
    public static ConfigField requiredUrl(String key, String label, String help) {
        return new ConfigField(key, FieldType.URL, label, help, true, null, List.of(), false);
    }

    /** An advanced URL field with a default, such as the API base URL tests and the demo redirect. */
    public static ConfigField url(String key, String label, String help, String defaultValue) {
        return new ConfigField(key, FieldType.URL, label, help, false, defaultValue, List.of(), true);
    }

    /** This field, made optional. */
    public ConfigField optional() {
        return new ConfigField(key, type, label, help, false, defaultValue, allowedValues, advanced);
    }

    /** This field with a default value (and therefore optional). */
    public ConfigField withDefault(String value) {
        return new ConfigField(key, type, label, help, false, value, allowedValues, advanced);
    }

    /** This field, marked advanced. */
    public ConfigField asAdvanced() {
        return new ConfigField(key, type, label, help, required, defaultValue, allowedValues, true);
    }

    /** True when the value is a credential. */
    public boolean secret() {
        return type == FieldType.SECRET;
    }
}
