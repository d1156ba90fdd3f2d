package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.HistoryLimits;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DescriptorAssertionsTest {

    private static final CanonicalMetric[] SOCIAL = Arrays.stream(CanonicalMetric.values())
            .filter(m -> !DescriptorAssertions.MANUAL_ONLY.contains(m)).toArray(CanonicalMetric[]::new);

    @Test
    void aDescriptorListingEverySocialMetricOnceAndNoManualOnePasses() {
        AdapterDescriptor descriptor = builder().reports(SOCIAL).build();

        assertThatCode(() -> DescriptorAssertions.assertEverySocialMetricListed(descriptor)).doesNotThrowAnyException();
    }

    @Test
    void aSocialMetricNeitherReportedNorExplainedFailsNamingIt() {
        AdapterDescriptor descriptor = builder().reports(Arrays.stream(SOCIAL)
                .filter(m -> m != CanonicalMetric.SAVES).toArray(CanonicalMetric[]::new)).build();

        assertThatThrownBy(() -> DescriptorAssertions.assertEverySocialMetricListed(descriptor))
                .isInstanceOf(AssertionError.class).hasMessageContaining("saves is reportable or explained");
    }

    @Test
    void aManualOnlyMetricListedAsUnavailableFails() {
        AdapterDescriptor descriptor = builder().reports(SOCIAL)
                .cannotReport(CanonicalMetric.AD_SPEND, "The network has no ads.").build();

        assertThatThrownBy(() -> DescriptorAssertions.assertEverySocialMetricListed(descriptor))
                .isInstanceOf(AssertionError.class).hasMessageContaining("manual-only ad_spend is not listed");
    }

    @Test
    void lagsGivenAsExceptionsAndTheRestPassWhenTheyMatch() {
        AdapterDescriptor descriptor = builder().reports(SOCIAL).build(); // followers 0, the rest 1 + 1

        assertThatCode(() -> DescriptorAssertions.assertReportingLags(descriptor,
                Map.of(CanonicalMetric.FOLLOWERS.id(), 0), 2)).doesNotThrowAnyException();
    }

    @Test
    void aWrongLagForTheRestFailsNamingAMetric() {
        AdapterDescriptor descriptor = builder().reports(SOCIAL).build();

        assertThatThrownBy(() -> DescriptorAssertions.assertReportingLags(descriptor,
                Map.of(CanonicalMetric.FOLLOWERS.id(), 0), 3))
                .isInstanceOf(AssertionError.class).hasMessageContaining("reporting lag of");
        assertThatThrownBy(() -> DescriptorAssertions.assertReportingLags(descriptor, Map.of(), 2))
                .isInstanceOf(AssertionError.class).hasMessageContaining("reporting lag of followers");
    }

    @Test
    void aLagForAMetricNotReportedIsAMistakeInTheTest() {
        AdapterDescriptor descriptor = builder().reports(CanonicalMetric.FOLLOWERS).build();

        assertThatThrownBy(() -> DescriptorAssertions.assertReportingLags(descriptor,
                Map.of(CanonicalMetric.SAVES.id(), 2), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("saves");
    }

    private static AdapterDescriptor.Builder builder() {
        return AdapterDescriptor.builder("fake", "Fake network")
                .docsUrl("https://fake.invalid/docs")
                .config(ConfigSpec.of(ConfigField.secret("access_token", "Access token", "The account's token.")))
                .history(new HistoryLimits(30, 30, 1, false))
                .allowedHosts("fake.invalid");
    }
}
