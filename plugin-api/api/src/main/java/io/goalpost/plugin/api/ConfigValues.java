package io.goalpost.plugin.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration values of one account after validation and defaults. {@link #toString()} masks
 * secret values so a stray log line cannot leak them.
 */
public final class ConfigValues {

    private final Map<String, String> values;
    private final Set<String> secretKeys;

    /**
     * @param values field key to value
     * @param secretKeys keys whose values are secret
     */
    public ConfigValues(Map<String, String> values, Set<String> secretKeys) {
        this.values = Map.copyOf(Objects.requireNonNull(values, "values is null"));
        this.secretKeys = Set.copyOf(Objects.requireNonNull(secretKeys, "secretKeys is null"));
    }

    /** The value of a field, or empty. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of a field that the spec requires or defaults. */
    public String require(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("config field '" + key + "' has no value");
        }
        return v;
    }

    /** A whole-number field, or the fallback when absent. */
    public long getLong(String key, long fallback) {
        return get(key).map(Long::parseLong).orElse(fallback);
    }

    /** A boolean field, or the fallback when absent. */
    public boolean getBoolean(String key, boolean fallback) {
        return get(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    /** All values, secrets included: for the host's storage only. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Keys whose values are secret. */
    public Set<String> secretKeys() {
        return secretKeys;
    }

    /** The values of the secret fields, for redaction. */
    public Set<String> secretValues() {
        return secretKeys.stream().map(values::get).filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** These values with some replaced (e.g. after a token refresh). */
    public ConfigValues with(Map<String, String> updates) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.putAll(updates);
        return new ConfigValues(copy, secretKeys);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, secretKeys.contains(k) ? "******" : v));
        return "ConfigValues" + shown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigValues c && values.equals(c.values) && secretKeys.equals(c.secretKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, secretKeys);
    }
}
