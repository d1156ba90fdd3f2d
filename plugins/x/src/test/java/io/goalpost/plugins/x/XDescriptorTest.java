package io.goalpost.plugins.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.testkit.AdapterDescriptorTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reporting lags and the account identity the host learns from X's descriptor (the base checks the rest). */
final class XDescriptorTest extends AdapterDescriptorTest {

    XDescriptorTest() {
        // Levels are final as read, post metrics once the posts have settled; the account is known from the
        // token, so there is no identity field.
        super(new XAdapterFactory(), new Expected("x", "", Set.of(CanonicalMetric.FOLLOWER_GAINS.id(),
                CanonicalMetric.FOLLOWER_LOSSES.id(), CanonicalMetric.REACH.id(), CanonicalMetric.MENTIONS.id()),
                Map.of(CanonicalMetric.FOLLOWERS.id(), 0, XMetrics.FOLLOWING, 0, XMetrics.LISTED, 0,
                        XMetrics.POST_COUNT, 0, CanonicalMetric.POSTS_PUBLISHED.id(), 1), 4,
                Set.of("access_token", "refresh_token", "client_secret"), "https://api.x.com/2"));
    }

    @Test
    void theLevelsLagsAreDeclared() {
        // Declared, not defaulted: a namespaced level would otherwise count as a flow (lag 4).
        assertThat(descriptor.reportingLags()).containsEntry(XMetrics.FOLLOWING, 0).containsEntry(XMetrics.POST_COUNT, 0);
    }

    @Test
    void theUserIdIsOptional() {
        assertThat(descriptor.config().field("user_id").orElseThrow().required()).isFalse();
    }
}
