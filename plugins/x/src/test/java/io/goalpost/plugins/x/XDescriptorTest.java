package io.goalpost.plugins.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.testkit.DescriptorAssertions;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reporting lags and the account identity the host learns from X's descriptor. */
final class XDescriptorTest {

    private final AdapterDescriptor descriptor = new XAdapterFactory().descriptor();

    @Test
    void levelsAreFinalAsReadAndPostMetricsOnceThePostsHaveSettled() {
        Set<MetricId> levels = Set.of(CanonicalMetric.FOLLOWERS.id(), XMetrics.FOLLOWING, XMetrics.LISTED,
                XMetrics.POST_COUNT);
        DescriptorAssertions.assertReportingLags(descriptor, metric -> levels.contains(metric) ? 0 : metric.equals(CanonicalMetric.POSTS_PUBLISHED.id()) ? 1 : 4);
        // Declared, not defaulted: a namespaced level would otherwise count as a flow (lag 4).
        assertThat(descriptor.reportingLags()).containsEntry(XMetrics.FOLLOWING, 0).containsEntry(XMetrics.POST_COUNT, 0);
    }

    @Test
    void theAccountIsKnownFromTheTokenSoThereIsNoIdentityField() {
        assertThat(descriptor.identityField()).isEmpty();
        assertThat(descriptor.config().field("user_id").orElseThrow().required()).isFalse();
    }
}
