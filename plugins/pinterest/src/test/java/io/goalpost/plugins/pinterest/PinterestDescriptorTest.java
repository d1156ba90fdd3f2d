package io.goalpost.plugins.pinterest;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.testkit.AdapterDescriptorTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the host and the connect form learn about Pinterest. */
final class PinterestDescriptorTest extends AdapterDescriptorTest {

    PinterestDescriptorTest() {
        // Analytics are final only when Pinterest no longer processes them, the follower count at once;
        // the account is the token's own, so there is no identity field.
        super(new PinterestAdapterFactory(), new Expected("pinterest", "", Set.of(CanonicalMetric.FOLLOWER_GAINS.id(),
                CanonicalMetric.FOLLOWER_LOSSES.id(), CanonicalMetric.REACH.id(), CanonicalMetric.SHARES.id(),
                CanonicalMetric.PROFILE_VIEWS.id(), CanonicalMetric.MENTIONS.id()),
                Map.of(CanonicalMetric.FOLLOWERS.id(), 0, CanonicalMetric.POSTS_PUBLISHED.id(), 1), 3,
                Set.of("access_token", "refresh_token", "client_secret"), "https://api.pinterest.com/v5"));
    }

    @Test
    void reportsPostsAndPinClicks() {
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
    void theLagsOfPinClicksAndEngagementsAreDeclared() {
        assertThat(descriptor.reportingLags()).containsEntry(new MetricId("pinterest.pin_clicks"), 3)
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 3);
    }

    @Test
    void theFieldsAreTheTokensTheAppAndTheBaseUrl() {
        assertThat(descriptor.config().fields()).extracting(ConfigField::key)
                .containsExactlyInAnyOrder("access_token", "refresh_token", "client_id", "client_secret", "api_base_url");
    }

    @Test
    void onlyTheAccessTokenIsRequiredAndTheAppIdIsPlainText() {
        assertThat(descriptor.config().field("client_id").orElseThrow().type()).isEqualTo(FieldType.STRING);
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
