package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class StatusErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final StatusErrors errors = new StatusErrors("Mastodon", Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(60), Redactor.of(List.of("tok-123")));

    @Test
    void eachStatusBecomesItsTypedError() {
        assertThat(errors.toException(HttpResponse.json(401, "{\"error\":\"The access token is invalid\"}"), "/api/v1/x"))
                .isInstanceOf(AdapterException.AuthExpired.class)
                .hasMessageContaining("The access token is invalid").hasMessageContaining("/api/v1/x");
        AdapterException forbidden = errors.toException(HttpResponse.json(403, "{}"), "/p", Set.of("read:statuses"));
        assertThat(forbidden).isInstanceOf(AdapterException.PermissionMissing.class).hasMessageContaining("read:statuses");
        assertThat(((AdapterException.PermissionMissing) forbidden).permissions()).containsExactly("read:statuses");
        assertThat(errors.toException(HttpResponse.json(404, "{}"), "/p")).isInstanceOf(AdapterException.ConfigInvalid.class);
        assertThat(errors.toException(HttpResponse.json(503, "<html>"), "/p")).isInstanceOf(AdapterException.TransientFailure.class);
        assertThat(errors.toException(HttpResponse.json(200, "{}"), "/p")).isInstanceOf(AdapterException.BadResponse.class);
    }

    @Test
    void aRateLimitWaitsForTheHeaderOrTheFallback() {
        var withHeader = (AdapterException.RateLimited) errors.toException(
                HttpResponse.json(429, "{}").withHeader("Retry-After", "600"), "/p");
        var without = (AdapterException.RateLimited) errors.toException(HttpResponse.json(429, "{}"), "/p");

        assertThat(withHeader.retryAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(without.retryAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void theNetworksMessageIsRedacted() {
        assertThat(errors.toException(HttpResponse.json(400, "{\"error\":{\"message\":\"bad token tok-123\",\"code\":190}}"), "/p"))
                .hasMessageContaining("bad token [redacted]").hasMessageContaining("code 190")
                .hasMessageNotContaining("tok-123");
    }
}
