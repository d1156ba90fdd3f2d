package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.MetricId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Assertions a plugin's descriptor test makes about what is specific to its network, beyond the
 * conformance kit's general rules: the reporting lag of each metric, the identity field, the fields.
 */
public final class DescriptorAssertions {

    /**
     * The canonical metrics that only manual entry or a CSV import give (web analytics, sales, ads,
     * surveys); no network adapter lists them, neither as reportable nor as unavailable.
     */
    public static final Set<CanonicalMetric> MANUAL_ONLY = Set.copyOf(EnumSet.of(CanonicalMetric.WEB_SESSIONS,
            CanonicalMetric.CONVERSIONS, CanonicalMetric.LEADS, CanonicalMetric.BOUNCES, CanonicalMetric.AD_SPEND,
            CanonicalMetric.CSAT_SATISFIED, CanonicalMetric.CSAT_RESPONSES, CanonicalMetric.COMPETITOR_MENTIONS));

    private DescriptorAssertions() {
    }

    /**
     * Every canonical social metric is either reportable or unavailable with a reason, so the goal form
     * can say why a metric has no data; the {@link #MANUAL_ONLY} ones are listed in neither.
     */
    public static void assertEverySocialMetricListed(AdapterDescriptor descriptor) {
        for (CanonicalMetric metric : CanonicalMetric.values()) {
            boolean listed = descriptor.reportable().contains(metric.id())
                    || descriptor.unavailable().containsKey(metric.id());
            assertThat(listed).as(MANUAL_ONLY.contains(metric) ? "manual-only " + metric.id() + " is not listed"
                    : metric.id() + " is reportable or explained").isEqualTo(!MANUAL_ONLY.contains(metric));
        }
    }

    /**
     * Each reportable metric has the expected reporting lag, and the lag fits in the days before today
     * that the host re-reads ({@code history().lagCountingToday()}): a longer one would leave days
     * that are not final stored as final.
     */
    public static void assertReportingLags(AdapterDescriptor descriptor, ToIntFunction<MetricId> expected) {
        for (MetricId metric : descriptor.reportable()) {
            assertThat(descriptor.reportingLagDays(metric)).as("reporting lag of " + metric)
                    .isEqualTo(expected.applyAsInt(metric));
            assertThat(descriptor.reportingLagDays(metric)).as("lag of " + metric + " within the re-read days")
                    .isLessThanOrEqualTo(descriptor.history().lagCountingToday());
        }
    }

    /**
     * {@link #assertReportingLags(AdapterDescriptor, ToIntFunction)} where most metrics share one lag:
     * each metric in {@code lags} has its own, every other reportable metric has {@code otherwise}.
     *
     * @throws IllegalArgumentException when {@code lags} names a metric the descriptor does not report
     *     (a typo would otherwise check nothing)
     */
    public static void assertReportingLags(AdapterDescriptor descriptor, Map<MetricId, Integer> lags, int otherwise) {
        for (MetricId metric : lags.keySet()) {
            if (!descriptor.reportable().contains(metric)) {
                throw new IllegalArgumentException(metric + " has an expected lag but is not reportable");
            }
        }
        assertReportingLags(descriptor, metric -> lags.getOrDefault(metric, otherwise));
    }

    /** The account is named by the required config field {@code key}. */
    public static void assertIdentityField(AdapterDescriptor descriptor, String key) {
        assertThat(descriptor.identityField()).isEqualTo(key);
        assertThat(descriptor.config().field(key)).as("identity field " + key).isPresent();
        assertThat(descriptor.config().field(key).orElseThrow().required()).as(key + " is required").isTrue();
    }

    /** The config fields by key, in their order. */
    public static Map<String, ConfigField> fields(AdapterDescriptor descriptor) {
        Map<String, ConfigField> fields = new LinkedHashMap<>();
        descriptor.config().fields().forEach(f -> fields.put(f.key(), f));
        return fields;
    }
}
