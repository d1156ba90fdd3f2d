package io.goalpost.platform.sync;

import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Date arithmetic of a backfill that fetches the most recent days first. */
final class BackfillOrder {

    private BackfillOrder() {
    }

    /** {@code range} cut into windows of at most {@code maxDays}, the newest window first, ending at its last day. */
    static List<DateRange> newestFirst(DateRange range, int maxDays) {
        List<DateRange> out = new ArrayList<>();
        LocalDate to = range.to();
        while (!to.isBefore(range.from())) {
            LocalDate from = to.minusDays(maxDays - 1L);
            if (from.isBefore(range.from())) {
                from = range.from();
            }
            out.add(new DateRange(from, to));
            to = from.minusDays(1);
        }
        return out;
    }

    /** The days of {@code range} outside {@code cut} (null: none), as zero, one or two ranges, newest first. */
    static List<DateRange> without(DateRange range, DateRange cut) {
        if (cut == null || cut.to().isBefore(range.from()) || cut.from().isAfter(range.to())) {
            return List.of(range);
        }
        List<DateRange> out = new ArrayList<>();
        if (cut.to().isBefore(range.to())) {
            out.add(new DateRange(cut.to().plusDays(1), range.to()));
        }
        if (cut.from().isAfter(range.from())) {
            out.add(new DateRange(range.from(), cut.from().minusDays(1)));
        }
        return out;
    }
}
