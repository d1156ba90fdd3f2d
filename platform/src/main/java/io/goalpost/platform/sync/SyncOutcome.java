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
 */
public record SyncOutcome(boolean succeeded, Instant retryAt, int points, int posts) {
}
