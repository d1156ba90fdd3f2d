package io.goalpost.plugins.x.sandbox;

import io.goalpost.plugin.sandbox.SandboxLimits;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * X's rate limiting as the sandbox plays it: a fixed 15-minute window per caller and endpoint,
 * counted on the simulated clock, reported in the {@code x-rate-limit-*} headers of every answer.
 */
final class RateLimitWindows {

    static final long WINDOW_SECONDS = 15 * 60;

    /** The state of one window after counting a request. */
    record Usage(int limit, int remaining, long resetEpochSecond, boolean exceeded) {
    }

    private record Count(long window, int used) {
    }

    private final ConcurrentHashMap<String, Count> counts = new ConcurrentHashMap<>();

    /**
     * Counts one request of {@code caller} to {@code endpoint} at {@code now}. With the sandboxes' own
     * limits off ({@link SandboxLimits}) nothing is counted and every window is untouched.
     */
    Usage count(String caller, String endpoint, int limit, Instant now) {
        long window = Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS);
        if (!SandboxLimits.enforced()) {
            return new Usage(limit, limit, (window + 1) * WINDOW_SECONDS, false);
        }
        Count c = counts.compute(caller + " " + endpoint,
                (k, old) -> old == null || old.window() != window ? new Count(window, 1) : new Count(window, old.used() + 1));
        long reset = (window + 1) * WINDOW_SECONDS;
        return new Usage(limit, Math.max(0, limit - c.used()), reset, c.used() > limit);
    }
}
