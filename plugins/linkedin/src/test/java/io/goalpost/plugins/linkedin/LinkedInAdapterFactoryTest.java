package io.goalpost.plugins.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.testkit.AdapterDescriptorTest;
import io.goalpost.plugin.testkit.DescriptorAssertions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the host and the connect form learn from the descriptor, and the factory's own config checks. */
final class LinkedInAdapterFactoryTest extends AdapterDescriptorTest {

    LinkedInAdapterFactoryTest() {
        // Statistics are final only once LinkedIn answers for them, the follower count at once.
        super(new LinkedInAdapterFactory(), new Expected("linkedin", "organization_id",
                Set.of(CanonicalMetric.FOLLOWER_LOSSES.id(), CanonicalMetric.SAVES.id(), CanonicalMetric.VIDEO_VIEWS.id(),
                        CanonicalMetric.MENTIONS.id()),
                Map.of(CanonicalMetric.FOLLOWERS.id(), 0, CanonicalMetric.POSTS_PUBLISHED.id(), 1), 3,
                Set.of("access_token", "refresh_token", "client_secret"), "https://api.linkedin.com/rest"));
    }

    @Test
    void reportsWhatLinkedInGivesAndExplainsTheRest() {
        assertThat(descriptor.reportable()).containsExactlyInAnyOrder(
                CanonicalMetric.FOLLOWERS.id(), CanonicalMetric.FOLLOWER_GAINS.id(), CanonicalMetric.VIEWS.id(),
                CanonicalMetric.REACH.id(), CanonicalMetric.ENGAGEMENTS.id(), CanonicalMetric.REACTIONS.id(),
                CanonicalMetric.COMMENTS.id(), CanonicalMetric.SHARES.id(), CanonicalMetric.LINK_CLICKS.id(),
                CanonicalMetric.PROFILE_VIEWS.id(), CanonicalMetric.POSTS_PUBLISHED.id(),
                new MetricId("linkedin.paid_follower_gains"), new MetricId("linkedin.unique_page_views"),
                new MetricId("linkedin.careers_page_views"));
        assertThat(descriptor.unavailable().get(CanonicalMetric.FOLLOWER_LOSSES.id())).contains("not followers lost");
    }

    @Test
    void historyLimitsFollowTheTwelveMonthAndTwoDayRule() {
        assertThat(descriptor.history().maxLookbackDays()).isBetween(355, 364);
        assertThat(descriptor.history().maxDaysPerRequest()).isLessThanOrEqualTo(descriptor.history().maxLookbackDays());
        assertThat(descriptor.history().reportingLagDays()).isEqualTo(2);
        assertThat(descriptor.history().historyFromConnectionOnly()).isFalse();
        assertThat(descriptor.allowedHosts()).containsExactlyInAnyOrder("api.linkedin.com", "www.linkedin.com");
        assertThat(descriptor.docsUrl()).startsWith("https://");
    }

    @Test
    void theAdapterAsksStatisticsThroughTheLastFinalDay() {
        // The last day the adapter asks statistics for is the last final day of the declared lag.
        ReportingWindow window = new ReportingWindow(java.time.LocalDate.of(2026, 11, 20));
        assertThat(window.lastDay()).isEqualTo(window.today().minusDays(
                descriptor.reportingLagDays(CanonicalMetric.VIEWS.id())));
    }

    @Test
    void theRefreshTokenIsOptionalAndTheVersionHasACurrentDefault() {
        Map<String, ConfigField> fields = DescriptorAssertions.fields(descriptor);
        assertThat(fields.get("refresh_token").required()).isFalse();
        assertThat(fields.get("linkedin_version").defaultValue()).matches("20[0-9]{2}(0[1-9]|1[0-2])");
        assertThat(fields.get("linkedin_version").advanced()).isTrue();
        assertThat(fields.get("oauth_base_url").defaultValue()).isEqualTo("https://www.linkedin.com/oauth/v2");
        assertThat(fields.get("access_token").help()).contains("rw_organization_admin").contains("r_organization_social");
    }

    @Test
    void acceptsTheIdOrTheUrnAndRejectsAnythingElse() {
        assertThat(issues(Map.of("organization_id", "2414183"))).isEmpty();
        assertThat(issues(Map.of("organization_id", "urn:li:organization:2414183"))).isEmpty();
        assertThat(issues(Map.of("organization_id", "acme-corp"))).extracting(ConfigIssue::field)
                .containsExactly("organization_id");
        assertThat(LinkedInConfig.from(values(Map.of("organization_id", "urn:li:organization:2414183")))
                .organizationUrn()).isEqualTo("urn:li:organization:2414183");
    }

    @Test
    void rejectsAVersionThatIsNotAMonth() {
        assertThat(issues(Map.of("organization_id", "1", "linkedin_version", "202613"))).extracting(ConfigIssue::field)
                .containsExactly("linkedin_version");
        assertThat(issues(Map.of("organization_id", "1", "linkedin_version", "v2"))).hasSize(1);
        assertThat(issues(Map.of("organization_id", "1", "linkedin_version", "20250301"))).isEmpty();
    }

    @Test
    void aRefreshTokenNeedsTheClientCredentials() {
        assertThat(issues(Map.of("organization_id", "1", "refresh_token", "r"))).extracting(ConfigIssue::field)
                .containsExactly(LinkedInConfig.CLIENT_ID, LinkedInConfig.CLIENT_SECRET);
        assertThat(issues(Map.of("organization_id", "1", "refresh_token", "r", "client_id", "c")))
                .singleElement().extracting(ConfigIssue::message).asString()
                .contains("'Client secret' is needed too").contains("client ID and the client secret");
        assertThat(issues(Map.of("organization_id", "1", "refresh_token", "r", "client_id", "c", "client_secret", "s")))
                .isEmpty();
    }

    @Test
    void theConfigNeverPrintsCredentials() {
        LinkedInConfig config = LinkedInConfig.from(values(Map.of("organization_id", "1", "refresh_token", "refresh-secret",
                "client_id", "c", "client_secret", "client-secret-value")));
        assertThat(config.toString()).doesNotContain("token-value").doesNotContain("refresh-secret")
                .doesNotContain("client-secret-value");
        assertThat(config.canRefresh()).isTrue();
    }

    private List<ConfigIssue> issues(Map<String, String> extra) {
        return factory.validate(values(extra));
    }

    private ConfigValues values(Map<String, String> extra) {
        Map<String, String> raw = new HashMap<>(extra);
        raw.putIfAbsent("access_token", "token-value");
        assertThat(descriptor.config().validate(raw)).isEmpty();
        return descriptor.config().resolve(raw);
    }
}
