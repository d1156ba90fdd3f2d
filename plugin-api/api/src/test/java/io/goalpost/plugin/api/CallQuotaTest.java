package io.goalpost.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.CallQuota.Scope;
import io.goalpost.plugin.api.CallQuota.Window;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallQuotaTest {

    @Test
    void aQuotaOnPathsCountsOnlyTheRequestsWhosePathMatches() {
        CallQuota timeline = CallQuota.onPaths(Scope.ACCOUNT, 900, Window.FIFTEEN_MINUTES, "/users/[^/]+/tweets$", "timeline");
        assertThat(timeline.counts("/2/users/42/tweets")).isTrue();
        assertThat(timeline.counts("/2/users/me")).isFalse();
        assertThat(CallQuota.of(Scope.APP, 600, Window.MINUTE, "every request").counts("/anything")).isTrue();
    }

    @Test
    void aMonthIsCountedAsThirtyOneDaysSoNoCalendarMonthExceedsIt() {
        assertThat(Window.MONTH.length()).isEqualTo(Duration.ofDays(31));
        assertThat(Window.FIFTEEN_MINUTES.length()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void badDeclarationsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CallQuota.of(Scope.APP, 0, Window.DAY, "x")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CallQuota.onPaths(Scope.APP, 5, Window.DAY, "([", "x")).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> CallQuota.of(Scope.APP, 5, Window.DAY, " ")).hasMessageContaining("description");
        assertThatThrownBy(() -> CallQuota.of(null, 5, Window.DAY, "x")).hasMessageContaining("scope");
    }

    @Test
    void theDescriptorKeepsItsQuotasAndRefusesTheSameOneTwice() {
        CallQuota q = CallQuota.of(Scope.APP, 600, Window.MINUTE, "every request");
        AdapterDescriptor.Builder b = AdapterDescriptor.builder("demo", "Demo").reports(CanonicalMetric.FOLLOWERS)
                .history(new HistoryLimits(30, 30, 0, false)).quota(q);
        assertThat(b.build().quotas()).containsExactly(q);
        assertThatThrownBy(() -> b.quota(q).build()).hasMessageContaining("same quota twice");
        assertThat(AdapterDescriptor.builder("demo", "Demo").reports(CanonicalMetric.FOLLOWERS)
                .history(new HistoryLimits(30, 30, 0, false)).build().quotas()).isEmpty();
    }
}
