package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.CanonicalMetric;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A plugin's conformance test as an author writes it, for an adapter that breaks one rule on purpose:
 * it reports {@code saves = 0} on its posts although its network declares saves unavailable. The build
 * does not run it (the name does not end in {@code Test}); {@link ConformanceTestNamesTest} does, and
 * so can a person who wants to see Maven's console line for a failing rule:
 *
 * <pre>
 * mvn -pl plugin-api/testkit test -Dtest=FailingConformanceSample
 * [ERROR] io.goalpost.plugin.testkit.FailingConformanceSample.posts carry only reportable metrics, never one
 *         the network cannot report -- Time elapsed: 0.035 s &lt;&lt;&lt; FAILURE!
 * ...
 * [ERROR] Failures:
 * [ERROR]   FailingConformanceSample.posts carry only reportable metrics, never one the network cannot
 *         report [metric saves = 0.0 of post post-1: the descriptor says the network cannot report it]
 * </pre>
 */
class FailingConformanceSample {

    @TestFactory
    Stream<DynamicTest> conformance() {
        FakeFactory zeroSaves = new FakeFactory("account_id", Map.of(CanonicalMetric.VIEWS.id(), 120.0,
                CanonicalMetric.SAVES.id(), 0.0), List.of());
        return AdapterConformance.forFactory(zeroSaves).config(AdapterConformanceTest.CONFIG)
                .range(AdapterConformanceTest.RANGE).clock(AdapterConformanceTest.CLOCK).tests();
    }
}
