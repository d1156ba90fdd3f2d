package io.goalpost.plugin.support.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.goalpost.plugin.api.AdapterException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a usage report announces a throttle, how long it holds, and what a refused call says. */
final class GraphThrottleTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final MetaUsage APP_AT_LIMIT = new MetaUsage(100, 0, MetaUsage.APP_USAGE);
    private static final MetaUsage BUSINESS_WAIT = new MetaUsage(92, 6, MetaUsage.BUSINESS_USE_CASE_USAGE);

    private static GraphAnswer succeeded(MetaUsage usage) {
        return new GraphAnswer("GET /123/insights", 200, JsonNodeFactory.instance.objectNode(), null, usage, null);
    }

    @Test
    void aSuccessfulAnswerAtTheLimitAnnouncesAThrottleForMetasEstimateElseTheDefaultWait() {
        assertThat(GraphThrottle.announcedBy(succeeded(BUSINESS_WAIT), NOW))
                .contains(new GraphThrottle(NOW.plus(Duration.ofMinutes(6)), BUSINESS_WAIT));
        assertThat(GraphThrottle.announcedBy(succeeded(APP_AT_LIMIT), NOW))
                .contains(new GraphThrottle(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT), APP_AT_LIMIT));
    }

    @Test
    void aBudgetNotUsedUpOrAFailedAnswerAnnouncesNothing() {
        assertThat(GraphThrottle.announcedBy(succeeded(new MetaUsage(99, 0, MetaUsage.APP_USAGE)), NOW)).isEmpty();
        assertThat(GraphThrottle.announcedBy(succeeded(MetaUsage.NONE), NOW)).isEmpty();
        // A throttling error carries its own retry time; the failure is what the caller throws.
        GraphAnswer failed = new GraphAnswer("GET /123/insights", 400, null, null, APP_AT_LIMIT,
                new AdapterException.RateLimited("throttled", NOW.plus(Duration.ofMinutes(15))));
        assertThat(GraphThrottle.announcedBy(failed, NOW)).isEmpty();
    }

    @Test
    void holdsUntilItsEndAndNoLonger() {
        GraphThrottle throttle = new GraphThrottle(NOW.plus(Duration.ofMinutes(6)), BUSINESS_WAIT);

        assertThat(throttle.holdsAt(NOW)).isTrue();
        assertThat(throttle.holdsAt(NOW.plus(Duration.ofMinutes(6)).minusMillis(1))).isTrue();
        assertThat(throttle.holdsAt(NOW.plus(Duration.ofMinutes(6)))).isFalse();
    }

    @Test
    void aRefusedCallIsRateLimitedUntilTheEndNamingTheNetworkTheHeaderAndTheCall() {
        GraphThrottle throttle = new GraphThrottle(NOW.plus(Duration.ofMinutes(6)), BUSINESS_WAIT);

        AdapterException.RateLimited refusal = throttle.refusal("Instagram", "GET /{ig-user-id}/insights");

        assertThat(refusal.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
        assertThat(refusal).hasMessage("Instagram reported the call budget used up (X-Business-Use-Case-Usage at 92 %),"
                + " so GET /{ig-user-id}/insights was not called. Goalpost will try again later.");
    }

    @Test
    void onlyAUsageReportAtTheLimitMakesAThrottle() {
        assertThatThrownBy(() -> new GraphThrottle(NOW, new MetaUsage(99, 0, MetaUsage.APP_USAGE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GraphThrottle(null, APP_AT_LIMIT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GraphThrottle(NOW, null)).isInstanceOf(NullPointerException.class);
    }
}
