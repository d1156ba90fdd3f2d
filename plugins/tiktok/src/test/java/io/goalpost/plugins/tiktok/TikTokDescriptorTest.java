package io.goalpost.plugins.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.testkit.AdapterDescriptorTest;
import io.goalpost.plugin.testkit.DescriptorAssertions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TikTokDescriptorTest extends AdapterDescriptorTest {

    TikTokDescriptorTest() {
        // Every metric, the follower level included, is final only after TikTok's up to 48 hours of latency.
        super(new TikTokAdapterFactory(), new Expected("tiktok", "business_id", Set.of(CanonicalMetric.MENTIONS.id()),
                Map.of(CanonicalMetric.POSTS_PUBLISHED.id(), 1), 3, Set.of("access_token", "refresh_token", "client_secret"),
                "https://business-api.tiktok.com/open_api/v1.3"));
    }

    @Test
    void mentionsAreExplainedAndTheVideoMetricsReported() {
        assertThat(descriptor.unavailable().get(CanonicalMetric.MENTIONS.id())).contains("no mentions metric");
        assertThat(descriptor.reportable()).contains(CanonicalMetric.POSTS_PUBLISHED.id(),
                new MetricId("tiktok.engaged_audience"), new MetricId("tiktok.total_time_watched"),
                new MetricId("tiktok.average_time_watched"), new MetricId("tiktok.full_video_watched_rate"));
    }

    @Test
    void limitsAreTikToksSixtyDayLookBackInUtcWithOneToTwoDaysLag() {
        assertThat(descriptor.history().maxLookbackDays()).isEqualTo(60);
        assertThat(descriptor.history().maxDaysPerRequest()).isEqualTo(60);
        assertThat(descriptor.history().reportingLagDays()).isEqualTo(2);
        assertThat(descriptor.history().historyFromConnectionOnly()).isFalse();
        assertThat(descriptor.allowedHosts()).containsExactly("business-api.tiktok.com");
        assertThat(descriptor.docsUrl()).startsWith("https://business-api.tiktok.com/");
    }

    @Test
    void theLagsOfTheFollowerLevelAndTheNamespacedMetricsAreDeclared() {
        // The follower level is TikTok's followers_count per date, which lags like the rest: not the
        // default of a live snapshot (0).
        assertThat(descriptor.reportingLags()).containsEntry(CanonicalMetric.FOLLOWERS.id(), 3)
                .containsEntry(new MetricId("tiktok.engaged_audience"), 3);
    }

    @Test
    void onlyTheAccountAndAccessTokenAreRequired() {
        Map<String, ConfigField> fields = DescriptorAssertions.fields(descriptor);

        assertThat(fields).containsOnlyKeys("business_id", "access_token", "refresh_token", "client_id",
                "client_secret", "api_base_url");
        assertThat(fields.get("business_id").required()).isTrue();
        assertThat(fields.get("access_token").required()).isTrue();
        assertThat(fields.get("refresh_token").required()).isFalse();
    }

    @Test
    void aRefreshTokenWithoutTheAppCredentialsIsFlagged() {
        Map<String, String> raw = Map.of("business_id", "b", "access_token", "act.x", "refresh_token", "rft.x");

        List<ConfigIssue> issues = factory.validate(values(raw));

        assertThat(issues).extracting(ConfigIssue::field).containsExactlyInAnyOrder("client_id", "client_secret");
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).doesNotContain("rft.x"));
        assertThat(factory.validate(values(Map.of("business_id", "b", "access_token", "act.x")))).isEmpty();
        assertThat(factory.validate(values(Map.of("business_id", "b", "access_token", "act.x", "refresh_token", "r",
                "client_id", "1", "client_secret", "s")))).isEmpty();
    }

    @Test
    void theFactoryIsAPf4jExtension() {
        assertThat(TikTokAdapterFactory.class.isAnnotationPresent(org.pf4j.Extension.class)).isTrue();
    }

    private ConfigValues values(Map<String, String> raw) {
        assertThat(descriptor.config().validate(raw)).isEmpty();
        return descriptor.config().resolve(raw);
    }
}
