package io.goalpost.plugins.facebook;

import static io.goalpost.plugin.testkit.DescriptorAssertions.assertEverySocialMetricListed;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.testkit.DescriptorAssertions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the host and the connect form learn about Facebook. */
final class FacebookDescriptorTest {

    private final FacebookAdapterFactory factory = new FacebookAdapterFactory();
    private final AdapterDescriptor descriptor = factory.descriptor();

    @Test
    void everySocialMetricIsEitherReportedOrExplainedAndManualOnesAreNotListed() {
        assertEverySocialMetricListed(descriptor);
        assertThat(descriptor.unavailable()).containsOnlyKeys(CanonicalMetric.SAVES.id(), CanonicalMetric.MENTIONS.id());
        assertThat(descriptor.reportable()).contains(CanonicalMetric.POSTS_PUBLISHED.id(), FacebookAdapterFactory.POST_CLICKS);
    }

    @Test
    void limitsAndHostsMatchTheGraphApi() {
        assertThat(descriptor.networkId()).isEqualTo("facebook");
        assertThat(descriptor.history()).isEqualTo(new HistoryLimits(730, 90, 1, false));
        assertThat(descriptor.allowedHosts()).containsExactly("graph.facebook.com");
        assertThat(descriptor.docsUrl()).startsWith("https://developers.facebook.com/");
    }

    @Test
    void insightsAreFinalOnceTheDayAfterIsOverAndPostsOnceTheDayIsOver() {
        DescriptorAssertions.assertReportingLags(descriptor, metric -> metric.equals(CanonicalMetric.POSTS_PUBLISHED.id()) ? 1 : 2);
        // The follower level lags like the insights it comes from, not like a live snapshot (0).
        assertThat(descriptor.reportingLagDays(CanonicalMetric.FOLLOWERS.id())).isEqualTo(2);
        assertThat(descriptor.reportingLagDays(CanonicalMetric.REACTIONS.id())).isEqualTo(2);
    }

    @Test
    void thePageIdNamesTheAccount() {
        assertThat(descriptor.identityField()).isEqualTo("page_id");
        assertThat(descriptor.config().field(descriptor.identityField())).get()
                .satisfies(f -> assertThat(f.required()).isTrue());
    }

    @Test
    void theTokenIsASecretAndTheBaseUrlDefaultsToV25() {
        assertThat(descriptor.config().field("page_access_token")).get().extracting(ConfigField::type)
                .isEqualTo(FieldType.SECRET);
        assertThat(descriptor.config().field("page_id")).get().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FieldType.STRING);
            assertThat(f.required()).isTrue();
        });
        assertThat(descriptor.config().field("api_base_url")).get().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FieldType.URL);
            assertThat(f.advanced()).isTrue();
            assertThat(f.defaultValue()).isEqualTo("https://graph.facebook.com/v25.0");
        });
        assertThat(descriptor.config().secretKeys()).containsExactly("page_access_token");
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
