package io.goalpost.plugin.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric identifier: a canonical id from {@link CanonicalMetric} ({@code followers}) or a
 * namespaced network-only id ({@code x.bookmarks}, network id, dot, name).
 *
 * @param value the id
 */
public record MetricId(String value) implements Comparable<MetricId> {

    private static final Pattern CANONICAL = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern NAMESPACED = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    public MetricId {
        Objects.requireNonNull(value, "value is null");
        if (!CANONICAL.matcher(value).matches() && !NAMESPACED.matcher(value).matches()) {
            throw new IllegalArgumentException("metric id must be 'name' or 'network.name' in lower case: " + value);
        }
    }

    /** The id of a canonical metric. */
    public static MetricId of(CanonicalMetric metric) {
        return metric.id();
    }

    /** True when this id is one of {@link CanonicalMetric}. */
    public boolean isCanonical() {
        return CanonicalMetric.byId(value).isPresent();
    }

    /** True when this id is {@code network.name}. */
    public boolean isNamespaced() {
        return value.indexOf('.') > 0;
    }

    /** True when this id is canonical or namespaced, the only ids an adapter may emit. */
    public boolean isValidForAdapters() {
        return isCanonical() || isNamespaced();
    }

    @Override
    public int compareTo(MetricId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
