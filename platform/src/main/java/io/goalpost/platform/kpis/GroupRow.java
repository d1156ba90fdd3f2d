package io.goalpost.platform.kpis;

/**
 * The SQL answer for one bucket and network: how many accounts reported every input, and the sums
 * of their numerators and denominators.
 *
 * @param bucket bucket index
 * @param network network id
 * @param reporting accounts that reported every input
 * @param complete of those, the accounts that stored every day of the bucket for each input their
 *     network reports daily (a bucket is complete for a scope when every account in it is)
 * @param num sum of their numerators (null when none)
 * @param den sum of their denominators (null when none)
 */
public record GroupRow(int bucket, String network, long reporting, long complete, Double num, Double den) {
}
