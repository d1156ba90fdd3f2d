package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The base of a plugin's descriptor test: the rules every network's self-description follows, checked
 * against what the plugin expects of its own ({@link Expected}), so that each plugin's test keeps only
 * what is its network's (which metrics it reports, its limits and hosts, its config's own checks).
 * The conformance kit checks the rules that need no expectation (labels, help, https docs).
 *
 * <pre>{@code
 * final class MastodonDescriptorTest extends AdapterDescriptorTest {
 *     MastodonDescriptorTest() {
 *         super(new MastodonAdapterFactory(), new Expected("mastodon", "account_id", Set.of(SAVES.id()),
 *                 Map.of(FOLLOWERS.id(), 0, POSTS_PUBLISHED.id(), 1), 2, Set.of("access_token"),
 *                 "https://mastodon.social/api/v1"));
 *     }
 * }
 * }</pre>
 */
public abstract class AdapterDescriptorTest {

    /**
     * What a network's descriptor must say.
     *
     * @param networkId the network's id
     * @param identityField the config key naming the account, or "" where the account is known from the
     *     token alone
     * @param unavailable exactly the canonical metrics the network cannot report (each with a reason)
     * @param lags the reporting lag in days of the reportable metrics that differ from {@code otherLag}
     * @param otherLag the reporting lag of every other reportable metric
     * @param secretKeys exactly the config keys that hold secrets
     * @param apiBaseUrl the default of the advanced {@code api_base_url} field
     */
    public record Expected(String networkId, String identityField, Set<MetricId> unavailable,
            Map<MetricId, Integer> lags, int otherLag, Set<String> secretKeys, String apiBaseUrl) {

        public Expected {
            Objects.requireNonNull(networkId, "networkId");
            Objects.requireNonNull(identityField, "identityField");
            unavailable = Set.copyOf(unavailable);
            lags = Map.copyOf(lags);
            secretKeys = Set.copyOf(secretKeys);
            Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        }
    }

    protected final NetworkAdapterFactory factory;
    protected final AdapterDescriptor descriptor;
    private final Expected expected;

    protected AdapterDescriptorTest(NetworkAdapterFactory factory, Expected expected) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.descriptor = factory.descriptor();
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    @Test
    protected void theNetworkIdIsTheNetworks() {
        assertThat(descriptor.networkId()).isEqualTo(expected.networkId());
    }

    /** The goal form says why a metric has no data; manual-only metrics are the host's, never listed. */
    @Test
    protected void everySocialMetricIsReportableOrExplained() {
        DescriptorAssertions.assertEverySocialMetricListed(descriptor);
        assertThat(descriptor.unavailable().keySet()).as("unavailable metrics")
                .containsExactlyInAnyOrderElementsOf(expected.unavailable());
    }

    @Test
    protected void eachMetricIsFinalAfterItsReportingLag() {
        DescriptorAssertions.assertReportingLags(descriptor, expected.lags(), expected.otherLag());
    }

    /** The host refuses a second connection of the same account by this field's value. */
    @Test
    protected void theIdentityFieldNamesTheAccount() {
        if (expected.identityField().isEmpty()) {
            assertThat(descriptor.identityField()).as("identity field").isEmpty();
        } else {
            DescriptorAssertions.assertIdentityField(descriptor, expected.identityField());
        }
    }

    /** Secrets are stored encrypted, masked in the form and left out of logs and exports. */
    @Test
    protected void credentialsAreSecret() {
        assertThat(descriptor.config().secretKeys()).as("secret keys")
                .containsExactlyInAnyOrderElementsOf(expected.secretKeys());
        Map<String, ConfigField> fields = DescriptorAssertions.fields(descriptor);
        for (String key : expected.secretKeys()) {
            assertThat(fields.get(key).type()).as("type of " + key).isEqualTo(FieldType.SECRET);
        }
    }

    /** The base URL points the plugin at a sandbox or proxy; an admin rarely changes it. */
    @Test
    protected void theApiBaseUrlIsAnAdvancedUrlDefaultingToTheNetwork() {
        ConfigField baseUrl = descriptor.config().field("api_base_url").orElseThrow();
        assertThat(baseUrl.type()).as("type of api_base_url").isEqualTo(FieldType.URL);
        assertThat(baseUrl.advanced()).as("api_base_url is advanced").isTrue();
        assertThat(baseUrl.required()).as("api_base_url is required").isFalse();
        assertThat(baseUrl.defaultValue()).as("default of api_base_url").isEqualTo(expected.apiBaseUrl());
    }

    @Test
    protected void theFactoryIsAnIndexedPf4jExtension() {
        ExtensionIndex.assertListed(factory.getClass());
    }
}
