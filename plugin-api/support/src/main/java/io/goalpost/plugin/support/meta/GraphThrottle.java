package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.api.AdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A throttle Meta announced in the usage headers of an answer that itself succeeded: the budget is used up
 * ({@link MetaUsage#exhausted()}), so the next call would most likely be refused, and on Meta's rolling
 * windows every refused call keeps the window full. A plugin stops before sending that call and hands the
 * host the time to try again; {@link GraphSession} does this for every call it sends.
 *
 * @param until when calls may be sent again: Meta's {@code estimated_time_to_regain_access} after the
 *     answer, else {@link GraphErrors#DEFAULT_RATE_LIMIT_WAIT}
 * @param usage the usage report that announced it
 */
public record GraphThrottle(Instant until, MetaUsage usage) {

    public GraphThrottle {
        Objects.requireNonNull(until, "until is null");
        Objects.requireNonNull(usage, "usage is null");
        if (!usage.exhausted()) {
            throw new IllegalArgumentException("a usage report below the limit announces no throttle");
        }
    }

    /**
     * The throttle an answer received at {@code now} announces. Empty when the budget is not used up, and
     * when the answer failed: its own failure (a throttling error with Meta's retry time) says what happened.
     */
    public static Optional<GraphThrottle> announcedBy(GraphAnswer answer, Instant now) {
        MetaUsage usage = answer.usage();
        if (answer.failed() || !usage.exhausted()) {
            return Optional.empty();
        }
        Duration wait = usage.regainAccessIn() != null ? usage.regainAccessIn() : GraphErrors.DEFAULT_RATE_LIMIT_WAIT;
        return Optional.of(new GraphThrottle(now.plus(wait), usage));
    }

    /** True while calls should not be sent. */
    public boolean holdsAt(Instant now) {
        return now.isBefore(until);
    }

    /**
     * The failure for a call that was not sent because of this throttle, retried at {@link #until()}.
     *
     * @param network the network as users know it, e.g. {@code Instagram}
     * @param endpoint the call as users may see it, e.g. {@code GET /{ig-user-id}/insights}; never a URL
     */
    public AdapterException.RateLimited refusal(String network, String endpoint) {
        return new AdapterException.RateLimited(network + " reported the call budget used up (" + usage.header()
                + " at " + usage.percentUsed() + " %), so " + endpoint + " was not called. Goalpost will try again "
                + "later.", until);
    }
}
