package io.goalpost.plugins.x;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a fetch of the post timeline stands: one segment of days (UTC) read with one set of fields,
 * and X's {@code next_token} for the next page of it (empty before the first page).
 *
 * <p>A range is read in at most two segments because X gives non-public and organic metrics only
 * for posts under 30 days old: first the recent days with those fields, then the older days with
 * public metrics only. The segment bounds are fixed when the range starts and travel in the cursor,
 * so a resume later (when "recent" has moved on) reads exactly the days it would have read.
 *
 * <p>Wire format: {@code posts|<from>|<to>|<full|public>|<next_token>}.
 *
 * @param from first day of the segment
 * @param to last day of the segment
 * @param fields which metric fields the segment asks for
 * @param paginationToken X's {@code next_token} of the page to read, or empty for the first page
 */
record PostsCursor(LocalDate from, LocalDate to, Fields fields, String paginationToken) {

    /** The metric fields a segment asks for. */
    enum Fields {
        /** Public, non-public and organic metrics: only for posts under 30 days old. */
        FULL("full"),
        /** Public metrics only. */
        PUBLIC("public");

        private final String wire;

        Fields(String wire) {
            this.wire = wire;
        }

        static Optional<Fields> parse(String wire) {
            for (Fields f : values()) {
                if (f.wire.equals(wire)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    private static final String PREFIX = "posts";
    // X's next_token is short alphanumeric text; anything else did not come from us.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{0,512}");

    /**
     * Posts published on the last {@value} days before today (plus today) still get non-public
     * metrics. X's limit is 30 days; the margin keeps a post inside it even if a resumed cursor is
     * read a day later than it was planned.
     */
    static final int RECENT_DAYS = 28;

    PostsCursor {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(fields, "fields is null");
        Objects.requireNonNull(paginationToken, "paginationToken is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("segment ends before it starts: " + from + ".." + to);
        }
        if (!TOKEN.matcher(paginationToken).matches()) {
            throw new IllegalArgumentException("pagination token has unexpected characters");
        }
    }

    /**
     * The first segment of a range, or empty when no post can lie in it (the range is in the future).
     */
    static Optional<PostsCursor> first(DateRange range, LocalDate today) {
        if (range.from().isAfter(today)) {
            return Optional.empty();
        }
        LocalDate recentStart = today.minusDays(RECENT_DAYS);
        if (range.to().isBefore(recentStart)) {
            return Optional.of(new PostsCursor(range.from(), range.to(), Fields.PUBLIC, ""));
        }
        LocalDate from = range.from().isAfter(recentStart) ? range.from() : recentStart;
        return Optional.of(new PostsCursor(from, range.to(), Fields.FULL, ""));
    }

    /** The same segment at the next page. */
    PostsCursor atPage(String nextToken) {
        return new PostsCursor(from, to, fields, nextToken);
    }

    /** The segment after this one has been read completely, or empty when the range is done. */
    Optional<PostsCursor> nextSegment(DateRange range) {
        if (fields == Fields.FULL && from.isAfter(range.from())) {
            return Optional.of(new PostsCursor(range.from(), from.minusDays(1), Fields.PUBLIC, ""));
        }
        return Optional.empty();
    }

    /** This position as the host's opaque cursor. */
    Cursor toCursor(int version) {
        return new Cursor(version, String.join("|", PREFIX, from.toString(), to.toString(), fields.wire,
                paginationToken));
    }

    /**
     * Reads a cursor this adapter returned for the same range.
     *
     * @throws AdapterException.CursorInvalid when the version differs, the text is not ours, or the
     *     segment does not lie inside the range
     */
    static PostsCursor parse(Cursor cursor, int version, DateRange range) throws AdapterException.CursorInvalid {
        if (cursor.version() != version) {
            throw new AdapterException.CursorInvalid("the saved X sync position has format version "
                    + cursor.version() + ", this plugin reads version " + version + "; the range restarts");
        }
        String[] parts = cursor.token().split("\\|", -1);
        if (parts.length != 5 || !PREFIX.equals(parts[0])) {
            throw invalid();
        }
        try {
            LocalDate from = LocalDate.parse(parts[1]);
            LocalDate to = LocalDate.parse(parts[2]);
            Fields fields = Fields.parse(parts[3]).orElseThrow(PostsCursor::invalid);
            PostsCursor parsed = new PostsCursor(from, to, fields, parts[4]);
            if (!range.contains(from) || !range.contains(to)) {
                throw new AdapterException.CursorInvalid("the saved X sync position (" + from + ".." + to
                        + ") belongs to another date range than " + range + "; the range restarts");
            }
            return parsed;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static AdapterException.CursorInvalid invalid() {
        return new AdapterException.CursorInvalid("the saved X sync position is not one this plugin wrote;"
                + " the range restarts");
    }
}
