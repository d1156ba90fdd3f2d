package io.goalpost.plugin.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration a network needs, as an ordered list of fields. Validation lives here so the host,
 * the UI and the test kit all apply the same rules.
 *
 * @param fields the fields in form order; keys unique
 */
public record ConfigSpec(List<ConfigField> fields) {

    public ConfigSpec {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
        Set<String> keys = new HashSet<>();
        for (ConfigField f : fields) {
            if (!keys.add(f.key())) {
                throw new IllegalArgumentException("duplicate config field: " + f.key());
            }
        }
    }

    /** A spec of the given fields. */
    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(List.of(fields));
    }

    /** The field with that key, if any. */
    public Optional<ConfigField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** Keys of the secret fields. */
    public Set<String> secretKeys() {
        Set<String> keys = new HashSet<>();
        fields.stream().filter(ConfigField::secret).forEach(f -> keys.add(f.key()));
        return Set.copyOf(keys);
    }

    /**
     * Validates raw values: unknown keys, missing required values, types, enum choices. Returns every
     * problem found (empty when valid); messages never contain a secret value.
     */
    public List<ConfigIssue> validate(Map<String, String> raw) {
        List<ConfigIssue> issues = new ArrayList<>();
        raw.keySet().stream().filter(k -> field(k).isEmpty()).sorted()
                .forEach(k -> issues.add(new ConfigIssue(k, "unknown field '" + k + "'")));
        for (ConfigField f : fields) {
            String value = raw.get(f.key());
            if (value == null || value.isBlank()) {
                if (f.required()) {
                    issues.add(new ConfigIssue(f.key(), "'" + f.label() + "' is required"));
                }
                continue;
            }
            typeIssue(f, value.trim()).ifPresent(issues::add);
        }
        return List.copyOf(issues);
    }

    /**
     * Applies defaults and trims values. Call after {@link #validate(Map)} returned no issue.
     */
    public ConfigValues resolve(Map<String, String> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigField f : fields) {
            String value = raw.get(f.key());
            if (value != null && !value.isBlank()) {
                values.put(f.key(), value.trim());
            } else if (f.defaultValue() != null) {
                values.put(f.key(), f.defaultValue());
            }
        }
        return new ConfigValues(values, secretKeys());
    }

    private static Optional<ConfigIssue> typeIssue(ConfigField f, String value) {
        switch (f.type()) {
            case INTEGER:
                try {
                    Long.parseLong(value);
                    return Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.of(new ConfigIssue(f.key(), "'" + f.label() + "' must be a whole number"));
                }
            case BOOLEAN:
                return value.equals("true") || value.equals("false") ? Optional.empty()
                        : Optional.of(new ConfigIssue(f.key(), "'" + f.label() + "' must be true or false"));
            case ENUM:
                return f.allowedValues().contains(value) ? Optional.empty()
                        : Optional.of(new ConfigIssue(f.key(),
                                "'" + f.label() + "' must be one of " + f.allowedValues()));
            case URL:
                try {
                    URI uri = URI.create(value);
                    if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null) {
                        return Optional.empty();
                    }
                } catch (IllegalArgumentException e) {
                    // reported below
                }
                return Optional.of(new ConfigIssue(f.key(), "'" + f.label() + "' must be an http(s) URL"));
            default:
                return Optional.empty();
        }
    }
}
