package io.goalpost.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What to fetch: a date range, resumed from a cursor the same adapter returned for the same range.
 *
 * @param range the days to fetch, no longer than {@link HistoryLimits#maxDaysPerRequest()}
 * @param cursor where the previous batch of this range ended, or empty to start the range
 */
public record FetchRequest(DateRange range, Optional<Cursor> cursor) {

    public FetchRequest {
        Objects.requireNonNull(range, "range is null");
        Objects.requireNonNull(cursor, "cursor is null");
    }

    /** The start of a range. */
    public static FetchRequest of(DateRange range) {
        return new FetchRequest(range, Optional.empty());
    }

    /** A range resumed from a cursor. */
    public static FetchRequest resume(DateRange range, Cursor cursor) {
        return new FetchRequest(range, Optional.of(cursor));
    }
}
