package io.goalpost.plugin.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock a test moves: to a time ({@link #set}) or forward ({@link #advance}), e.g. past a
 * rate-limit window, a token's expiry or a sandbox's simulated day. Not thread-safe: one test drives it.
 */
public final class MovableClock extends Clock {

    private Instant now;

    public MovableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start is null");
    }

    /** Moves the clock to {@code instant} (backwards too). */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant is null");
    }

    /** Moves the clock forward by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the adapters' days are computed from instants in the zone they state themselves. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a MovableClock is UTC only");
        }
        return this;
    }
}
