package io.goalpost.platform.sync;

import java.time.Instant;

/**
 * How a sync ended, for the scheduler to pick the next run.
 *
 * @param succeeded true when every window completed
 * @param retryAt when to try again after a failure the network or the error type suggests, or null
 * @param points points stored
 * @param posts posts stored
 */
public record SyncOutcome(boolean succeeded, Instant retryAt, int points, int posts) {
}
