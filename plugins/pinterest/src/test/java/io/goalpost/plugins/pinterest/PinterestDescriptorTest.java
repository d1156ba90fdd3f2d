package io.goalpost.plugins.pinterest;

import static io.goalpost.plugin.testkit.DescriptorAssertions.assertEverySocialMetricListed;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.testkit.DescriptorAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the host and the connect form learn about Pinterest. */
final class PinterestDescriptorTest {

    private final PinterestAdapterFactory factory = new PinterestAdapterFactory();
    private final AdapterDescriptor descriptor = factory.descriptor();

    @Test
    void everySocialMetricIsEitherReportableOrExplained() {
        assertEverySocialMetricListed(descriptor);
        assertThat(descriptor.unavailable()).containsOnlyKeys(CanonicalMetric.FOLLOWER_GAINS.id(),
                CanonicalMetric.FOLLOWER_LOSSES.id(), CanonicalMetric.REACH.id(), CanonicalMetric.SHARES.id(),
                CanonicalMetric.PROFILE_VIEWS.id(), CanonicalMetric.MENTIONS.id());
        assertThat(descriptor.reportable()).contains(CanonicalMetric.POSTS_PUBLISHED.id(),
                new MetricId("pinterest.pin_clicks"));
    }

    @Test
    void limitsFollowPinterestsNinetyDayLookBack() {
        assertThat(descriptor.history().maxLookbackDays()).isEqualTo(90);
        assertThat(descriptor.history().maxDaysPerRequest()).isEqualTo(90);
        assertThat(descriptor.history().reportingLagDays()).isEqualTo(2);
        assertThat(descriptor.history().historyFromConnectionOnly()).as("followers are a snapshot only").isTrue();
        assertThat(descriptor.allowedHosts()).containsExactlyInAnyOrder("api.pinterest.com", "api-sandbox.pinterest.com");
    }

    @Test
    void analyticsAreFinalOnlyWhenPinterestNoLongerProcessesThemAndTheFollowerCountAtOnce() {
        DescriptorAssertions.assertReportingLags(descriptor, metric -> switch (metric.value()) {
            case "followers" -> 0;
            case "posts_published" -> 1;
            default -> 3;
        });
        assertThat(descriptor.reportingLags()).containsEntry(new MetricId("pinterest.pin_clicks"), 3)
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 3);
    }

    @Test
    void theAccountIsTheTokensOwnSoThereIsNoIdentityField() {
        assertThat(descriptor.identityField()).isEmpty();
        assertThat(descriptor.config().fields()).extracting(ConfigField::key)
                .containsExactlyInAnyOrder("access_token", "refresh_token", "client_id", "client_secret", "api_base_url");
    }

    @Test
    void credentialsAreSecretAndTheBaseUrlDefaultsToPinterest() {
        Map<String, FieldType> types = new java.util.HashMap<>();
        descriptor.config().fields().forEach(f -> types.put(f.key(), f.type()));
        assertThat(types).containsEntry("access_token", FieldType.SECRET).containsEntry("refresh_token", FieldType.SECRET)
                .containsEntry("client_secret", FieldType.SECRET).containsEntry("client_id", FieldType.STRING)
                .containsEntry("api_base_url", FieldType.URL);
        ConfigField baseUrl = descriptor.config().field("api_base_url").orElseThrow();
        assertThat(baseUrl.defaultValue()).isEqualTo("https://api.pinterest.com/v5");
        assertThat(baseUrl.advanced()).isTrue();
        assertThat(descriptor.config().fields()).filteredOn(ConfigField::required).extracting(ConfigField::key)
                .containsExactly("access_token");
    }

    @Test
    void aRefreshTokenWithoutTheAppCredentialsIsReported() {
        List<ConfigIssue> issues = factory.validate(descriptor.config().resolve(
                Map.of("access_token", "pina_x", "refresh_token", "pinr_y")));
        assertThat(issues).extracting(ConfigIssue::field).containsExactly("client_id", "client_secret");
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).doesNotContain("pinr_y"));

        assertThat(factory.validate(descriptor.config().resolve(Map.of("access_token", "pina_x")))).isEmpty();
    }
}
