package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.PostSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit against deliberately wrong fake adapters: each check that matters must fail for
 * the adapter that breaks it, and pass for one that does not.
 */
final class AdapterConformanceTest {

    static final DateRange RANGE = new DateRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    static final Map<String, String> CONFIG = Map.of("account_id", "4242", "access_token", "not-a-secret-0");
    static final String POSTS_CHECK = "posts carry only reportable metrics, never one the network cannot report";
    private static final String POINTS_CHECK = "unreported metrics are absent, not 0";
    private static final String IDENTITY_CHECK = "config used by the test names the account in the identity field";
    private static final String RANGE_CHECK = "posts were published inside the requested range";
    private static final String REREAD_CHECK = "re-reading the same range adds nothing";
    static final Instant IN_RANGE = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aPostPublishedOutsideTheRangeFails() {
        FakeFactory late = new FakeFactory("account_id", Map.of(), List.of(), Instant.parse("2026-03-08T00:30:00Z"), false);

        assertThatThrownBy(check(late, CONFIG, RANGE_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("post-1").hasMessageContaining("2026-03-08");
        assertThatCode(check(new FakeFactory("account_id", Map.of(), List.of()), CONFIG, RANGE_CHECK))
                .doesNotThrowAnyException();
    }

    @Test
    void aReReadThatReturnsNewPostsFails() {
        FakeFactory growing = new FakeFactory("account_id", Map.of(), List.of(), IN_RANGE, true);

        assertThatThrownBy(check(growing, CONFIG, REREAD_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("same points and posts");
    }

    @Test
    void aCorrectAdapterPassesEveryCheck() {
        FakeFactory factory = new FakeFactory("account_id", Map.of(CanonicalMetric.VIEWS.id(), 120.0,
                new MetricId("fake.extra"), 3.0), List.of());
        for (DynamicTest test : kit(factory, CONFIG)) {
            assertThatCode(() -> test.getExecutable().execute()).as(test.getDisplayName()).doesNotThrowAnyException();
        }
    }

    @Test
    void aZeroOnEveryPostForAMetricDeclaredUnavailableFails() {
        FakeFactory factory = new FakeFactory("account_id", Map.of(CanonicalMetric.VIEWS.id(), 120.0,
                CanonicalMetric.SAVES.id(), 0.0), List.of());

        assertThatThrownBy(check(factory, CONFIG, POSTS_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("saves").hasMessageContaining("cannot report");
    }

    @Test
    void aPostMetricThatIsNeitherReportableNorTheNetworksOwnFails() {
        FakeFactory undeclared = new FakeFactory("account_id", Map.of(CanonicalMetric.REACH.id(), 80.0), List.of());
        FakeFactory otherNetwork = new FakeFactory("account_id", Map.of(new MetricId("x.retweets"), 2.0), List.of());

        assertThatThrownBy(check(undeclared, CONFIG, POSTS_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("reach");
        assertThatThrownBy(check(otherNetwork, CONFIG, POSTS_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("x.retweets");
    }

    @Test
    void anAccountPointForAMetricDeclaredUnavailableFails() {
        FakeFactory factory = new FakeFactory("account_id", Map.of(),
                List.of(MetricPoint.of(CanonicalMetric.SAVES, RANGE.from(), 0)));

        assertThatThrownBy(check(factory, CONFIG, POINTS_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("saves");
    }

    @Test
    void anIdentityFieldWithoutAValueInTheKitConfigFails() {
        FakeFactory factory = new FakeFactory("account_id", Map.of(), List.of());
        Map<String, String> withoutAccount = Map.of("access_token", "not-a-secret-0");

        assertThatThrownBy(check(factory, withoutAccount, IDENTITY_CHECK)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("account_id");
        assertThatCode(check(factory, CONFIG, IDENTITY_CHECK)).doesNotThrowAnyException();
        assertThatCode(check(new FakeFactory("", Map.of(), List.of()), withoutAccount, IDENTITY_CHECK))
                .as("no identity field, nothing to name").doesNotThrowAnyException();
    }

    private static List<DynamicTest> kit(NetworkAdapterFactory factory, Map<String, String> config) {
        return AdapterConformance.forFactory(factory).config(config).range(RANGE).clock(CLOCK).tests().toList();
    }

    private static ThrowingCallable check(NetworkAdapterFactory factory, Map<String, String> config, String name) {
        DynamicTest test = kit(factory, config).stream().filter(t -> t.getDisplayName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the kit has no check named '" + name + "'"));
        return () -> test.getExecutable().execute();
    }
}
