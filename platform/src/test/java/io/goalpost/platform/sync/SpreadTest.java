package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Regular syncs spread over the interval ({@link SyncScheduler#nextRegular}). */
class SpreadTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aThousandAccountsSyncedTogetherAreSpreadEvenlyOverTheNextInterval() {
        int[] perSixMinutes = new int[10];
        Instant earliest = NOW.plus(HOUR.dividedBy(2));
        for (long id = 1; id <= 1000; id++) {
            Instant next = SyncScheduler.nextRegular(id, NOW, HOUR);
            assertThat(next).isAfterOrEqualTo(earliest).isBefore(earliest.plus(HOUR));
            perSixMinutes[(int) (Duration.between(earliest, next).toMinutes() / 6)]++;
        }
        // 100 each if perfectly even; a burst would put most of them in one slot.
        assertThat(java.util.Arrays.stream(perSixMinutes).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(90, 110));
    }

    @Test
    void onceSettledAnAccountSyncsExactlyOncePerIntervalAtItsOwnTime() {
        Instant first = SyncScheduler.nextRegular(42, NOW, HOUR);
        // The sync ran a few seconds late and took a while: the next one keeps the account's place.
        Instant second = SyncScheduler.nextRegular(42, first.plusSeconds(95), HOUR);
        assertThat(Duration.between(first, second)).isEqualTo(HOUR);
        assertThat(SyncScheduler.nextRegular(43, NOW, HOUR)).isNotEqualTo(first);
    }
}
