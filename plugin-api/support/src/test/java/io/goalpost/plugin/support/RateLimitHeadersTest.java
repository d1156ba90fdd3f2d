package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class RateLimitHeadersTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static HttpResponse with(String name, String value) {
        return HttpResponse.json(429, "{}").withHeader(name, value);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(RateLimitHeaders.retryAt(with("Retry-After", "120"), CLOCK)).hasValue(NOW.plusSeconds(120));
        assertThat(RateLimitHeaders.retryAt(with("Retry-After", "Tue, 10 Mar 2026 12:05:00 GMT"), CLOCK))
                .hasValue(NOW.plusSeconds(300));
    }

    @Test
    void resetHeadersAsEpochSecondsOrAsADelay() {
        long epoch = NOW.getEpochSecond() + 900;
        assertThat(RateLimitHeaders.retryAt(with("x-rate-limit-reset", Long.toString(epoch)), CLOCK))
                .hasValue(NOW.plusSeconds(900));
        assertThat(RateLimitHeaders.retryAt(with("RateLimit-Reset", "30"), CLOCK)).hasValue(NOW.plusSeconds(30));
        assertThat(RateLimitHeaders.retryAt(with("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() - 50)), CLOCK))
                .as("a reset in the past means now").hasValue(NOW);
    }

    @Test
    void noHeaderGivesTheFallback() {
        HttpResponse plain = HttpResponse.json(429, "{}");
        assertThat(RateLimitHeaders.retryAt(plain, CLOCK)).isEmpty();
        assertThat(RateLimitHeaders.retryAtOr(plain, CLOCK, Duration.ofMinutes(1))).isEqualTo(NOW.plusSeconds(60));
        assertThat(RateLimitHeaders.retryAt(with("Retry-After", "soon"), CLOCK)).isEmpty();
        assertThat(RateLimitHeaders.remaining(with("X-RateLimit-Remaining", "3"))).hasValue(3);
    }
}
