package io.goalpost.platform.kpis;

import java.util.List;

/**
 * The SQL answer for one bucket and account that stored at least one input.
 *
 * @param bucket bucket index
 * @param accountId account id
 * @param hasAll true when it reported every input
 * @param present per input (catalog order), whether it reported it
 * @param complete it reported every input, and every day of the bucket for each input its network
 *     reports daily
 * @param num its numerator
 * @param den its denominator
 */
public record AccountRow(int bucket, long accountId, boolean hasAll, List<Boolean> present, boolean complete, Double num,
        Double den) {
}
