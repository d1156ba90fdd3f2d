package io.goalpost.platform.sync;

import java.time.Instant;

/**
 * How a sync ended, for the scheduler to pick the next run.
 *
 * @param succeeded true when every window it ran completed
 * @param retryAt when to run again, or null for the regular schedule: after a failure, when the network or
 *     the error type suggests; after a successful turn of a backfill with history still to fetch, now;
 *     after a sync the quotas deferred, when they have room
 * @param points points stored
 * @param posts posts stored
 * @param historyToGo the account is still backfilling: its next run fetches older history, which waits
 *     behind the regular syncs of accounts already backfilled ({@link SyncScheduler})
 */
public record SyncOutcome(boolean succeeded, Instant retryAt, int points, int posts, boolean historyToGo) {

    /** An outcome after which the account syncs as usual (no history left to fetch, or none started). */
    public SyncOutcome(boolean succeeded, Instant retryAt, int points, int posts) {
        this(succeeded, retryAt, points, posts, false);
    }
}
