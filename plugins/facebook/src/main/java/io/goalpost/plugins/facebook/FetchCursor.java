package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a fetch of one range stands. Text form (the cursor token):
 * <ul>
 *   <li>{@code metrics|2026-01-01}: Page Insights from that day on are still to be read;</li>
 *   <li>{@code posts|}: the first page of published posts is next;</li>
 *   <li>{@code posts|<after>}: the next page of posts starts after Facebook's paging cursor.</li>
 * </ul>
 * Facebook's cursors are opaque base64 strings; they are not secrets (the token travels in a header).
 */
sealed interface FetchCursor {

    /** Cursor format version; bump on incompatible change. */
    int VERSION = 1;

    /** Characters Facebook uses in paging cursors (base64, URL-safe base64, percent escapes). */
    Pattern AFTER = Pattern.compile("[A-Za-z0-9_\\-+/=%.~]{1,2048}");

    /** Page Insights from {@code from} on. */
    record Metrics(LocalDate from) implements FetchCursor {
        public Metrics {
            Objects.requireNonNull(from, "from is null");
        }

        @Override
        public String token() {
            return "metrics|" + from;
        }
    }

    /** Published posts, from the first page ({@code after} null) or after a paging cursor. */
    record Posts(String after) implements FetchCursor {
        public Posts {
            if (after != null && !AFTER.matcher(after).matches()) {
                throw new IllegalArgumentException("not a Facebook paging cursor");
            }
        }

        @Override
        public String token() {
            return "posts|" + (after == null ? "" : after);
        }
    }

    /** The token stored by the host. */
    String token();

    /** The cursor to hand back to the host. */
    default Cursor toCursor() {
        return new Cursor(VERSION, token());
    }

    /** Where a fresh fetch of a range starts. */
    static FetchCursor start(DateRange range) {
        return new Metrics(range.from());
    }

    /**
     * Reads a cursor this adapter returned for the same range.
     *
     * @throws AdapterException.CursorInvalid for another version, an unreadable token, or a day outside
     *     the range
     */
    static FetchCursor parse(Cursor cursor, DateRange range) throws AdapterException.CursorInvalid {
        if (cursor.version() != VERSION) {
            throw new AdapterException.CursorInvalid("the Facebook cursor has format version " + cursor.version()
                    + ", this plugin reads version " + VERSION + "; the range is read again from its start");
        }
        String token = cursor.token();
        int bar = token.indexOf('|');
        if (bar < 0) {
            throw invalid();
        }
        String phase = token.substring(0, bar);
        String rest = token.substring(bar + 1);
        try {
            switch (phase) {
                case "metrics": {
                    LocalDate from = LocalDate.parse(rest);
                    if (!range.contains(from)) {
                        throw new AdapterException.CursorInvalid("the Facebook cursor points at " + from
                                + ", outside the range " + range + "; the range is read again from its start");
                    }
                    return new Metrics(from);
                }
                case "posts":
                    return new Posts(rest.isEmpty() ? null : rest);
                default:
                    throw invalid();
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static AdapterException.CursorInvalid invalid() {
        return new AdapterException.CursorInvalid(
                "the Facebook cursor cannot be read; the range is read again from its start");
    }
}
