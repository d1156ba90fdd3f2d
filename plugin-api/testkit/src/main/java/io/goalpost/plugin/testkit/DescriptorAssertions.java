package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.MetricId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Assertions a plugin's descriptor test makes about what is specific to its network, beyond the
 * conformance kit's general rules: the reporting lag of each metric, the identity field, the fields.
 */
public final class DescriptorAssertions {

    private DescriptorAssertions() {
    }

    /**
     * Each reportable metric has the expected reporting lag, and the lag fits in the days before today
     * that the host re-reads ({@code history().reportingLagDays() + 1}): a longer one would leave days
     * that are not final stored as final.
     */
    public static void assertReportingLags(AdapterDescriptor descriptor, ToIntFunction<MetricId> expected) {
        for (MetricId metric : descriptor.reportable()) {
            assertThat(descriptor.reportingLagDays(metric)).as("reporting lag of " + metric)
                    .isEqualTo(expected.applyAsInt(metric));
            assertThat(descriptor.reportingLagDays(metric)).as("lag of " + metric + " within the re-read days")
                    .isLessThanOrEqualTo(descriptor.history().reportingLagDays() + 1);
        }
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
