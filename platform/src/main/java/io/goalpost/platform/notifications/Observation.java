package io.goalpost.platform.notifications;

import java.util.Objects;

/**
 * What the evaluator sees of one subject now.
 *
 * @param subject what is watched, e.g. {@code goal:12}, {@code account:3:reconnect}
 * @param event the kind of alert a change of it raises
 * @param state its state now, e.g. {@code off_track}, {@code needed}, {@code ok}
 * @param startingState the state taken as already alerted when the subject is first seen: null takes
 *     the first state seen (a goal's status when alerts start is no change), {@code ok} makes an account
 *     that already needs reconnecting alert
 * @param alerts whether reaching {@code state} alerts (a goal back on track or an account synced again
 *     is recorded silently, so its next change alerts again)
 * @param title one line naming the subject and what happened, e.g. "Goal “More visits” is off track"
 * @param body the explanation in words
 * @param link where to look, relative to the UI (e.g. {@code #/goals/12}), or null
 */
public record Observation(String subject, AlertEvent event, String state, String startingState, boolean alerts, String title,
        String body, String link) {

    public Observation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }
}
