package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A failing kit rule is reported under the rule's name. Surefire names a dynamic test after the
 * {@code @TestFactory} method ({@code conformance()[7]}) when the test's source is that method, and by
 * its display name when the source is not a class or method; this runs {@link FailingConformanceSample}
 * on the JUnit Platform, as Surefire does, and checks what Surefire is given.
 */
final class ConformanceTestNamesTest {

    @Test
    void aFailingRuleIsReportedByItsNameNotByItsIndex() {
        List<TestIdentifier> failed = new ArrayList<>();
        List<TestIdentifier> passed = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(FailingConformanceSample.class))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.isTest()) {
                            (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).add(test);
                        }
                    }
                });

        assertThat(failed).as("only the broken rule fails").hasSize(1);
        TestIdentifier rule = failed.get(0);
        assertThat(rule.getDisplayName()).isEqualTo(AdapterConformanceTest.POSTS_CHECK);
        assertThat(rule.getLegacyReportingName()).isEqualTo("conformance()[7]");
        // The source decides Surefire's console name: the factory method would give "conformance()[7]".
        assertThat(rule.getSource()).get().isInstanceOf(UriSource.class).isNotInstanceOf(MethodSource.class);
        assertThat(((UriSource) rule.getSource().get()).getUri().toString())
                .startsWith(AdapterConformance.RULE_SOURCE).contains("posts+carry+only+reportable+metrics");
        assertThat(passed).isNotEmpty().allSatisfy(t -> assertThat(t.getSource()).get().isInstanceOf(UriSource.class));
    }
}
