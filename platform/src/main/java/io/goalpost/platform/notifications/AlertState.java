package io.goalpost.platform.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the evaluator remembers of one subject (table {@code alert_state}): the state it observed and
 * since when, and the state it last alerted (or took as the starting point).
 *
 * <p>The rule against flapping, in one place ({@link #next}): a state alerts once it has been observed
 * without interruption for the hold time and differs from the one last alerted. Any change restarts the
 * clock, so a status that goes off track and back within the hold time sends nothing; and once a state
 * is alerted it is the one last alerted, so the same change never alerts twice.
 *
 * @param observed the state seen last
 * @param observedSince when it was first seen without interruption
 * @param alerted the state last alerted or taken as the starting point
 * @param alertedAt when it was alerted, or null
 */
public record AlertState(String observed, Instant observedSince, String alerted, Instant alertedAt) {

    public AlertState {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(observedSince, "observedSince");
        Objects.requireNonNull(alerted, "alerted");
    }

    /**
     * One evaluation's result.
     *
     * @param state what to remember
     * @param alert whether to raise an alert now
     * @param changed whether {@code state} differs from what was stored
     */
    public record Step(AlertState state, boolean alert, boolean changed) {
    }

    /**
     * The next state of a subject seen as {@code o} at {@code now}.
     *
     * @param before what was remembered, or null when the subject is new
     */
    public static Step next(AlertState before, Observation o, Instant now, Duration hold) {
        AlertState s = before;
        boolean changed = false;
        if (s == null) {
            s = new AlertState(o.state(), now, o.startingState() == null ? o.state() : o.startingState(), null);
            changed = true;
        } else if (!s.observed().equals(o.state())) {
            s = new AlertState(o.state(), now, s.alerted(), s.alertedAt());
            changed = true;
        }
        boolean held = !s.observedSince().plus(hold).isAfter(now);
        if (held && !s.observed().equals(s.alerted())) {
            // Settled on a new state: remember it as alerted whether or not it alerts (back on track is
            // recorded silently, so the next slip alerts again).
            return new Step(new AlertState(s.observed(), s.observedSince(), s.observed(), now), o.alerts(), true);
        }
        return new Step(s, false, changed);
    }
}
