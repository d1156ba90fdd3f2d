package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Where a fetch of one date range resumes. Two phases, in order: daily account metrics from a day on,
 * then the video list below a TikTok paging cursor. Token format (version {@value #VERSION}):
 * {@code metrics|2026-10-01} or {@code posts|1772380800000}; the number is TikTok's own {@code cursor},
 * epoch milliseconds, so resuming asks TikTok for exactly the page it would have served next.
 */
sealed interface FetchCursor {

    /** Bump when the token format changes incompatibly. */
    int VERSION = 1;

    /** The cursor token as the host stores it. */
    String token();

    /** The cursor to hand the host. */
    default Cursor toCursor() {
        return new Cursor(VERSION, token());
    }

    /**
     * Reads a cursor this adapter returned for {@code range}.
     *
     * @throws AdapterException.CursorInvalid for another version, an unreadable token, or a metrics
     *     day outside the range (a cursor of another range)
     */
    static FetchCursor parse(Cursor cursor, DateRange range) throws AdapterException.CursorInvalid {
        if (cursor.version() != VERSION) {
            throw new AdapterException.CursorInvalid("TikTok cursor version " + cursor.version()
                    + " is not the supported version " + VERSION + "; the range restarts from its first day");
        }
        String token = cursor.token();
        int bar = token.indexOf('|');
        String phase = bar < 0 ? token : token.substring(0, bar);
        String value = bar < 0 ? "" : token.substring(bar + 1);
        if (MetricsFrom.PHASE.equals(phase)) {
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw unreadable(token);
            }
            if (!range.contains(day)) {
                throw new AdapterException.CursorInvalid("TikTok cursor '" + printable(token)
                        + "' belongs to another date range than " + range);
            }
            return new MetricsFrom(day);
        }
        if (PostsBefore.PHASE.equals(phase)) {
            long millis;
            try {
                millis = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw unreadable(token);
            }
            if (millis <= 0) {
                throw unreadable(token);
            }
            return new PostsBefore(millis);
        }
        throw unreadable(token);
    }

    private static AdapterException.CursorInvalid unreadable(String token) {
        return new AdapterException.CursorInvalid("TikTok cursor '" + printable(token)
                + "' cannot be read; the range restarts from its first day");
    }

    private static String printable(String token) {
        String shown = token.length() > 60 ? token.substring(0, 60) + "..." : token;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Daily account metrics are next, from {@code day} on. */
    record MetricsFrom(LocalDate day) implements FetchCursor {
        static final String PHASE = "metrics";

        public MetricsFrom {
            java.util.Objects.requireNonNull(day, "day is null");
        }

        @Override
        public String token() {
            return PHASE + "|" + day;
        }
    }

    /** Videos are next: TikTok's page of videos created before {@code cursorMillis}. */
    record PostsBefore(long cursorMillis) implements FetchCursor {
        static final String PHASE = "posts";

        public PostsBefore {
            if (cursorMillis <= 0) {
                throw new IllegalArgumentException("video cursor must be a positive epoch millisecond: " + cursorMillis);
            }
        }

        @Override
        public String token() {
            return PHASE + "|" + cursorMillis;
        }
    }
}
