package io.goalpost.platform.bench;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A network's limit as the network enforces it, for the sync benchmark and tests: at most
 * {@code limit} calls in any interval of {@code window} (a sliding log, the strictest way a network
 * may count), refusing the call that would exceed it, as the network answers 429. Thread-safe.
 */
public final class SimulatedQuota {

    private final long limit;
    private final long windowNanos;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private long used;
    private long refused;
    private long busiest;

    public SimulatedQuota(long limit, Duration window) {
        if (limit < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a simulated quota needs a positive limit and window");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Counts a call now; false when it would exceed the limit (the network's 429; not counted). */
    public synchronized boolean admit() {
        long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= windowNanos) {
            admitted.pollFirst();
        }
        if (admitted.size() >= limit) {
            refused++;
            return false;
        }
        admitted.addLast(now);
        used++;
        busiest = Math.max(busiest, admitted.size());
        return true;
    }

    /** Calls admitted so far. */
    public synchronized long used() {
        return used;
    }

    /** Calls refused so far (429s). */
    public synchronized long refused() {
        return refused;
    }

    /** The most calls admitted within one window so far. */
    public synchronized long busiestWindow() {
        return busiest;
    }

    public long limit() {
        return limit;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }
}
