package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.MetricId;
import org.junit.jupiter.api.Test;

final class NetworkMetricTest {

    /** The shape of a plugin's enum of the metrics it reads. */
    private enum Insight implements NetworkMetric.Named {
        VIEWS(new NetworkMetric("post_media_view", CanonicalMetric.VIEWS.id())),
        CLICKS(new NetworkMetric("post_clicks", new MetricId("example.post_clicks")));

        private final NetworkMetric metric;

        Insight(NetworkMetric metric) {
            this.metric = metric;
        }

        @Override
        public NetworkMetric networkMetric() {
            return metric;
        }
    }

    @Test
    void aRequestAsksForEveryNameInTheEnumsOrder() {
        assertThat(NetworkMetric.names(Insight.values())).isEqualTo("post_media_view,post_clicks");
    }

    @Test
    void anAnswersNameFindsItsMetricAndAnUnknownNameNone() {
        assertThat(NetworkMetric.byName(Insight.values(), "post_clicks")).contains(Insight.CLICKS);
        assertThat(NetworkMetric.byName(Insight.values(), "post_impressions")).isEmpty();
    }

    @Test
    void aNamedMetricSaysItsNetworksNameAndTheMetricItBecomes() {
        assertThat(Insight.CLICKS.networkName()).isEqualTo("post_clicks");
        assertThat(Insight.CLICKS.metric()).isEqualTo(new MetricId("example.post_clicks"));
    }

    @Test
    void aMetricWithoutTheNetworksNameIsRefused() {
        assertThatThrownBy(() -> new NetworkMetric(" ", CanonicalMetric.VIEWS.id()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
