package io.goalpost.plugin.api;

/**
 * How much history a network gives and how it must be asked for.
 *
 * @param maxLookbackDays how many days before today the network still answers for (e.g. 730 for
 *     Facebook, 60 for TikTok); the initial backfill starts there
 * @param maxDaysPerRequest largest date range one fetch may cover; the host sends windows no longer
 *     than this (adapters may still split further internally)
 * @param reportingLagDays days before today that are not final yet (LinkedIn: 2); the host re-reads
 *     them on the next sync
 * @param historyFromConnectionOnly true when the network has no history endpoint for account levels
 *     (X): the adapter snapshots today's value and history grows from the day the account was
 *     connected
 */
public record HistoryLimits(int maxLookbackDays, int maxDaysPerRequest, int reportingLagDays,
        boolean historyFromConnectionOnly) {

    public HistoryLimits {
        if (maxLookbackDays < 1) {
            throw new IllegalArgumentException("maxLookbackDays must be positive: " + maxLookbackDays);
        }
        if (maxDaysPerRequest < 1) {
            throw new IllegalArgumentException("maxDaysPerRequest must be positive: " + maxDaysPerRequest);
        }
        if (reportingLagDays < 0) {
            throw new IllegalArgumentException("reportingLagDays must not be negative: " + reportingLagDays);
        }
    }

    /**
     * The reporting lag, counted as {@link AdapterDescriptor.Builder#reportingLag} counts it (today
     * included), of a metric the network finishes as late as this history says: the
     * {@link #reportingLagDays()} before today, and today, which is not over (since 2.0). It is the lag
     * of every metric that declares none and is not a level.
     */
    public int lagCountingToday() {
        return reportingLagDays + 1;
    }
}
