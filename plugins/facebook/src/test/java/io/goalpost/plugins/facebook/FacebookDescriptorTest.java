package io.goalpost.plugins.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.testkit.AdapterDescriptorTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the host and the connect form learn about Facebook (the base checks the rules every network follows). */
final class FacebookDescriptorTest extends AdapterDescriptorTest {

    FacebookDescriptorTest() {
        // Insights are final once the day after is over, posts once the day is over.
        super(new FacebookAdapterFactory(), new Expected("facebook", "page_id",
                Set.of(CanonicalMetric.SAVES.id(), CanonicalMetric.MENTIONS.id()),
                Map.of(CanonicalMetric.POSTS_PUBLISHED.id(), 1), 2, Set.of("page_access_token"),
                "https://graph.facebook.com/v25.0"));
    }

    @Test
    void reportsThePostsAndTheirClicks() {
        assertThat(descriptor.reportable()).contains(CanonicalMetric.POSTS_PUBLISHED.id(), FacebookAdapterFactory.POST_CLICKS);
    }

    @Test
    void limitsAndHostsMatchTheGraphApi() {
        assertThat(descriptor.history()).isEqualTo(new HistoryLimits(730, 90, 1, false));
        assertThat(descriptor.allowedHosts()).containsExactly("graph.facebook.com");
        assertThat(descriptor.docsUrl()).startsWith("https://developers.facebook.com/");
    }

    @Test
    void theFollowerLevelLagsLikeTheInsightsItComesFrom() {
        // Not like a live snapshot (0).
        assertThat(descriptor.reportingLagDays(CanonicalMetric.FOLLOWERS.id())).isEqualTo(2);
        assertThat(descriptor.reportingLagDays(CanonicalMetric.REACTIONS.id())).isEqualTo(2);
    }

    @Test
    void thePageIdIsAString() {
        assertThat(descriptor.config().field("page_id").orElseThrow().type()).isEqualTo(FieldType.STRING);
    }

    @Test
    void aPageNameInsteadOfItsNumericIdIsRejected() {
        ConfigValues byName = descriptor.config().resolve(Map.of("page_id", "acmecoffee", "page_access_token", "t"));
        assertThat(factory.validate(byName)).singleElement()
                .satisfies(issue -> assertThat(issue.field()).isEqualTo("page_id"));
        ConfigValues byId = descriptor.config().resolve(Map.of("page_id", "104857600000001", "page_access_token", "t"));
        assertThat(factory.validate(byId)).isEmpty();
    }

    @Test
    void theConfigNeverPrintsTheToken() {
        FacebookConfig config = new FacebookConfig("104857600000001", "EAABsecret", "https://graph.facebook.com/v25.0/");
        assertThat(config.toString()).doesNotContain("EAABsecret");
        assertThat(config.apiBaseUrl()).isEqualTo("https://graph.facebook.com/v25.0");
    }
}
