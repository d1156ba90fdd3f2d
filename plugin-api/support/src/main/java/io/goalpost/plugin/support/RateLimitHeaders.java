package io.goalpost.plugin.support;

import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a throttled network will take calls again, read from the headers networks actually send:
 * {@code Retry-After} (seconds or an HTTP date, RFC 9110), {@code X-RateLimit-Reset} /
 * {@code x-rate-limit-reset} / {@code RateLimit-Reset} (epoch seconds or seconds from now: a value
 * above 10^9 is taken as an epoch second), and the remaining-calls counters.
 */
public final class RateLimitHeaders {

    /** Above this, a reset value is an epoch second rather than a delay. */
    private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;
    private static final List<String> RESET_HEADERS = List.of("X-RateLimit-Reset", "x-rate-limit-reset",
            "RateLimit-Reset", "X-Rate-Limit-Reset");
    private static final List<String> REMAINING_HEADERS = List.of("X-RateLimit-Remaining", "x-rate-limit-remaining",
            "RateLimit-Remaining", "X-Rate-Limit-Remaining");

    private RateLimitHeaders() {
    }

    /** The instant named by {@code Retry-After} or a reset header, if the response names one. */
    public static Optional<Instant> retryAt(HttpResponse response, Clock clock) {
        Instant now = clock.instant();
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null) {
            Optional<Instant> at = parseRetryAfter(retryAfter.trim(), now);
            if (at.isPresent()) {
                return at;
            }
        }
        for (String name : RESET_HEADERS) {
            OptionalLong v = number(response.header(name));
            if (v.isPresent()) {
                long n = v.getAsLong();
                Instant at = n > EPOCH_SECONDS_THRESHOLD ? Instant.ofEpochSecond(n) : now.plusSeconds(n);
                return Optional.of(at.isBefore(now) ? now : at);
            }
        }
        return Optional.empty();
    }

    /** As {@link #retryAt(HttpResponse, Clock)}, or now plus {@code fallback} when the response names no time. */
    public static Instant retryAtOr(HttpResponse response, Clock clock, Duration fallback) {
        return retryAt(response, clock).orElseGet(() -> clock.instant().plus(fallback));
    }

    /** The calls left in the current window, when the network says. */
    public static OptionalLong remaining(HttpResponse response) {
        for (String name : REMAINING_HEADERS) {
            OptionalLong v = number(response.header(name));
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<Instant> parseRetryAfter(String value, Instant now) {
        OptionalLong seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(now.plusSeconds(Math.max(0, seconds.getAsLong())));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isBefore(now) ? now : at);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong number(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
