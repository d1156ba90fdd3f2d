package io.goalpost.platform.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's notion of "now", shared by the sandboxes and the adapters while the demo replays the past
 * (so a network that forgets after 60 days still shows a year of history, as it would after a year of
 * running Goalpost). Real time when not replaying.
 */
final class DemoClock extends Clock {

    private volatile Instant fixed;

    /** Pretends it is this instant until {@link #useRealTime()}. */
    void set(Instant instant) {
        this.fixed = instant;
    }

    /** Back to the system clock. */
    void useRealTime() {
        this.fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant now = instant();
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}
