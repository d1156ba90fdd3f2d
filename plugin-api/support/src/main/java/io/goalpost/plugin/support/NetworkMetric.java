package io.goalpost.plugin.support;

import io.goalpost.plugin.api.MetricId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A metric as the network names it in its requests and answers, and the Goalpost metric it becomes.
 * A plugin's enum of the metrics it reads implements {@link Named} with one of these, so the lookup by
 * the network's name and the list of every name a request asks for are written once
 * ({@link #byName}, {@link #names}).
 *
 * @param name the network's name, as it goes into a request and comes back in the answer
 * @param metric the metric the plugin reports it as
 */
public record NetworkMetric(String name, MetricId metric) {

    public NetworkMetric {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(metric, "metric is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a network metric needs the network's name for it");
        }
    }

    /** One of a plugin's metrics (typically an enum constant), with the network's name for it. */
    public interface Named {
        NetworkMetric networkMetric();

        /** The network's name for it. */
        default String networkName() {
            return networkMetric().name();
        }

        /** The metric the plugin reports it as. */
        default MetricId metric() {
            return networkMetric().metric();
        }
    }

    /** The network's names of {@code metrics}, comma-separated in their order, as a request asks for all. */
    @SafeVarargs
    public static <M extends Named> String names(M... metrics) {
        return Arrays.stream(metrics).map(Named::networkName).collect(Collectors.joining(","));
    }

    /** The one of {@code metrics} the network calls {@code name}; empty for a name the plugin does not read. */
    public static <M extends Named> Optional<M> byName(M[] metrics, String name) {
        return Arrays.stream(metrics).filter(m -> m.networkName().equals(name)).findFirst();
    }
}
