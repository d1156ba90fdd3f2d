package io.goalpost.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ApiValuesTest {

    @Test
    void splitsRangeIntoChunksThatCoverItExactly() {
        DateRange range = new DateRange(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        List<DateRange> parts = range.split(90);
        assertThat(parts).hasSize(5);
        assertThat(parts.get(0)).isEqualTo(new DateRange(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31)));
        assertThat(parts.get(4).to()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(parts.stream().mapToInt(DateRange::days).sum()).isEqualTo(365);
    }

    @Test
    void rejectsBackwardsRange() {
        assertThatThrownBy(() -> new DateRange(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
                .hasMessageContaining("before it starts");
    }

    @Test
    void metricIdsMustBeCanonicalOrNamespaced() {
        assertThat(new MetricId("followers").isCanonical()).isTrue();
        assertThat(new MetricId("x.bookmarks").isNamespaced()).isTrue();
        assertThatThrownBy(() -> new MetricId("Followers")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricPoint.of(CanonicalMetric.VIEWS, LocalDate.now(), Double.NaN))
                .hasMessageContaining("not finite");
    }

    @Test
    void everyCanonicalMetricIsFoundByItsIdAndAnythingElseIsNot() {
        for (CanonicalMetric m : CanonicalMetric.values()) {
            assertThat(CanonicalMetric.byId(m.id().value())).contains(m);
        }
        assertThat(CanonicalMetric.byId("x.bookmarks")).isEmpty();
        assertThat(CanonicalMetric.byId("Followers")).isEmpty();
        assertThat(CanonicalMetric.byId(null)).isEmpty();
    }

    @Test
    void configSpecNamesEveryProblemWithoutEchoingSecrets() {
        ConfigSpec spec = ConfigSpec.of(
                ConfigField.string("page_id", "Page ID", "The numeric id of the Page"),
                ConfigField.secret("access_token", "Page access token", "From the Graph API Explorer"),
                ConfigField.url("api_base_url", "API base URL", "Leave as is", "https://graph.facebook.com/v25.0"));
        List<ConfigIssue> issues = spec.validate(Map.of("access_token", "s3cr3t", "colour", "red",
                "api_base_url", "not a url"));
        assertThat(issues).extracting(ConfigIssue::field).containsExactlyInAnyOrder("colour", "page_id", "api_base_url");
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).doesNotContain("s3cr3t"));

        ConfigValues values = spec.resolve(Map.of("page_id", "1", "access_token", "s3cr3t"));
        assertThat(values.require("api_base_url")).isEqualTo("https://graph.facebook.com/v25.0");
        assertThat(values.toString()).doesNotContain("s3cr3t").contains("page_id=1");
        assertThat(values.secretValues()).containsExactly("s3cr3t");
    }

    @Test
    void descriptorRefusesMetricsOutsideItsNamespace() {
        assertThatThrownBy(() -> AdapterDescriptor.builder("facebook", "Facebook")
                .reports(new MetricId("x.bookmarks"))
                .history(new HistoryLimits(730, 90, 1, false)).build())
                .hasMessageContaining("namespace");
    }

    @Test
    void descriptorTakesSeveralNamespacedMetricsAndOneLagForThem() {
        MetricId clicks = new MetricId("demo.clicks");
        MetricId starts = new MetricId("demo.starts");
        AdapterDescriptor d = AdapterDescriptor.builder("demo", "Demo")
                .reports(CanonicalMetric.FOLLOWERS)
                .reports(clicks, starts)
                .history(new HistoryLimits(730, 90, 1, false))
                .reportingLag(4, clicks, starts)
                .build();
        assertThat(d.reportable()).containsExactlyInAnyOrder(CanonicalMetric.FOLLOWERS.id(), clicks, starts);
        assertThat(d.reportingLagDays(clicks)).isEqualTo(4);
        assertThat(d.reportingLagDays(starts)).isEqualTo(4);
        assertThatThrownBy(() -> AdapterDescriptor.builder("demo", "Demo")
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS)
                .history(new HistoryLimits(730, 90, 1, false))
                .reportingLag(2, clicks).build())
                .hasMessageContaining("does not report");
    }

    /** Two years of history, 90 days a request, insights final after two days. */
    private static final HistoryLimits TWO_DAY_LAG = new HistoryLimits(730, 90, 2, false);

    private static AdapterDescriptor.Builder reporting(CanonicalMetric... metrics) {
        return AdapterDescriptor.builder("demo", "Demo").reports(metrics).history(TWO_DAY_LAG);
    }

    @Test
    void aMetricWithoutDeclaredLagIsUnfinishedForTheHistorysDaysAndToday() {
        AdapterDescriptor d = reporting(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS).build();
        assertThat(TWO_DAY_LAG.lagCountingToday()).isEqualTo(3);
        assertThat(d.reportingLagDays(CanonicalMetric.VIEWS.id())).isEqualTo(TWO_DAY_LAG.lagCountingToday());
        assertThat(d.reportingLagDays(CanonicalMetric.FOLLOWERS.id())).isZero();
    }

    @Test
    void aLivePostListLeavesOnlyTodaysPostCountUnfinished() {
        AdapterDescriptor live = reporting(CanonicalMetric.FOLLOWERS, CanonicalMetric.POSTS_PUBLISHED).postListIsLive().build();
        AdapterDescriptor undeclared = reporting(CanonicalMetric.FOLLOWERS, CanonicalMetric.POSTS_PUBLISHED).build();
        assertThat(live.reportingLagDays(CanonicalMetric.POSTS_PUBLISHED.id())).isEqualTo(1);
        assertThat(undeclared.reportingLagDays(CanonicalMetric.POSTS_PUBLISHED.id())).isEqualTo(3);
    }

    @Test
    void requestToStringHidesQueryAndHeaders() {
        HttpRequest request = HttpRequest.get(Urls.build("https://graph.facebook.com/v25.0", "/me",
                Map.of("access_token", "s3cr3t"))).withHeader("Authorization", "Bearer s3cr3t");
        assertThat(request.toString()).doesNotContain("s3cr3t").contains("/v25.0/me");
        assertThat(request.queryParam("access_token")).isEqualTo("s3cr3t");
    }
}
