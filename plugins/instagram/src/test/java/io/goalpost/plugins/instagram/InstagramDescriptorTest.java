package io.goalpost.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.testkit.AdapterDescriptorTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class InstagramDescriptorTest extends AdapterDescriptorTest {

    InstagramDescriptorTest() {
        // Insights are final after their up to 48 hours of delay, the follower snapshot at once.
        super(new InstagramAdapterFactory(), new Expected("instagram", "ig_user_id", Set.of(CanonicalMetric.MENTIONS.id()),
                Map.of(CanonicalMetric.FOLLOWERS.id(), 0, CanonicalMetric.POSTS_PUBLISHED.id(), 1), 3,
                Set.of("access_token"), "https://graph.instagram.com/v25.0"));
    }

    @Test
    void reportsTheAccountsEngagedPostsVideoViewsAndProfileVisits() {
        // Profile visits come per feed post and story (media insight profile_visits), not per day.
        assertThat(descriptor.reportable()).contains(new MetricId("instagram.accounts_engaged"),
                CanonicalMetric.POSTS_PUBLISHED.id(), CanonicalMetric.VIDEO_VIEWS.id(), CanonicalMetric.PROFILE_VIEWS.id());
    }

    @Test
    void limitsFollowTheDocumentedApi() {
        assertThat(descriptor.history().maxLookbackDays()).isEqualTo(730);
        assertThat(descriptor.history().maxDaysPerRequest()).isEqualTo(30);
        assertThat(descriptor.history().reportingLagDays()).isEqualTo(2);
        assertThat(descriptor.allowedHosts()).containsExactlyInAnyOrder("graph.instagram.com", "graph.facebook.com");
        assertThat(descriptor.docsUrl()).startsWith("https://");
    }

    @Test
    void theLagsOfNamespacedMetricsAndTheFollowerCountAreDeclared() {
        // Not left to the default: namespaced metrics count as flows there, but say it explicitly.
        assertThat(descriptor.reportingLags()).containsEntry(new MetricId("instagram.accounts_engaged"), 3)
                .containsEntry(CanonicalMetric.FOLLOWER_GAINS.id(), 3).containsEntry(CanonicalMetric.FOLLOWERS.id(), 0);
    }

    @Test
    void configOffersBothLoginTypes() {
        ConfigField login = descriptor.config().field("login_type").orElseThrow();
        assertThat(login.type()).isEqualTo(FieldType.ENUM);
        assertThat(login.allowedValues()).containsExactly("instagram_login", "facebook_login");
        assertThat(login.defaultValue()).isEqualTo("instagram_login");
        assertThat(descriptor.config().validate(Map.of("ig_user_id", "1784", "access_token", "t", "login_type", "twitter")))
                .anySatisfy(i -> assertThat(i.field()).isEqualTo("login_type"));
    }

    @Test
    void loginTypeChoosesTheHostOnMetaAndKeepsTestHostsAsGiven() {
        ConfigValues facebook = resolve(Map.of("login_type", "facebook_login"));
        InstagramConfig fb = InstagramConfig.from(facebook);
        assertThat(fb.apiBaseUrl()).isEqualTo("https://graph.facebook.com/v25.0");

        InstagramConfig ig = InstagramConfig.from(resolve(Map.of("api_base_url", "https://graph.facebook.com/v26.0/")));
        assertThat(ig.apiBaseUrl()).as("Instagram Login tokens only work on graph.instagram.com")
                .isEqualTo("https://graph.instagram.com/v26.0");
        assertThat(ig.refreshBaseUrl()).isEqualTo("https://graph.instagram.com");

        InstagramConfig local = InstagramConfig.from(resolve(Map.of("login_type", "facebook_login",
                "api_base_url", "http://127.0.0.1:8089/sandbox/instagram/v25.0")));
        assertThat(local.apiBaseUrl()).isEqualTo("http://127.0.0.1:8089/sandbox/instagram/v25.0");
        assertThat(local.refreshBaseUrl()).isEqualTo("http://127.0.0.1:8089/sandbox/instagram");
        assertThat(local.toString()).doesNotContain("secret-token");
    }

    @Test
    void validationExplainsWhatIsWrong() {
        assertThat(factory.validate(resolve(Map.of("ig_user_id", "@acme.coffee"))))
                .singleElement().satisfies(i -> assertThat(i.message()).contains("numeric id"));
        assertThat(factory.validate(resolve(Map.of("access_refreshed_at", "last tuesday"))))
                .singleElement().satisfies(i -> assertThat(i.field()).isEqualTo("access_refreshed_at"));
        assertThat(factory.validate(resolve(Map.of()))).isEmpty();
    }

    private ConfigValues resolve(Map<String, String> overrides) {
        Map<String, String> raw = new java.util.HashMap<>(Map.of("ig_user_id", "17841400000000000",
                "access_token", "secret-token"));
        raw.putAll(overrides);
        return descriptor.config().resolve(raw);
    }
}
