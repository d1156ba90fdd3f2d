package io.goalpost.platform.notifications;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of alert a channel can subscribe to. */
public enum AlertEvent {
    /** A goal changed status to at risk, off track, achieved or missed. */
    GOAL_STATUS("goal_status"),
    /** An account needs reconnecting (its sign-in lapsed or was revoked, or a permission is missing). */
    ACCOUNT_RECONNECT("account_reconnect"),
    /** An account has not synced successfully for a day. */
    ACCOUNT_STALE("account_stale");

    private final String id;

    AlertEvent(String id) {
        this.id = id;
    }

    /** The API id. */
    public String id() {
        return id;
    }

    /** The event of an API id. */
    public static Optional<AlertEvent> of(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }
}
