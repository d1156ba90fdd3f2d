package io.goalpost.plugins.linkedin;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Where a fetch of one date range stands, as a small text token:
 * <ul>
 *   <li>{@code stats|2026-01-01}: daily statistics, next window starting that day;
 *   <li>{@code followers}: today's follower count (only when the range contains today);
 *   <li>{@code posts|50|1767300000000}: the posts list from offset 50, skipping posts created at or
 *       after that epoch millisecond (already seen: new posts push older ones down the list);
 *       {@code posts|0|-} starts the list.
 * </ul>
 */
sealed interface FetchCursor {

    /** Cursor format version; bump when the token format changes incompatibly. */
    int VERSION = 1;

    /** The token. */
    String token();

    default Cursor toCursor() {
        return new Cursor(VERSION, token());
    }

    /** Daily statistics from {@code from} on. */
    record Stats(LocalDate from) implements FetchCursor {
        @Override
        public String token() {
            return "stats|" + from;
        }
    }

    /** The follower-count snapshot for today. */
    record Followers() implements FetchCursor {
        @Override
        public String token() {
            return "followers";
        }
    }

    /**
     * The posts list.
     *
     * @param start offset of the next page
     * @param seenBefore epoch ms of the oldest post already seen, or null at the start
     */
    record Posts(int start, Long seenBefore) implements FetchCursor {
        public Posts {
            if (start < 0) {
                throw new IllegalArgumentException("start is negative: " + start);
            }
        }

        @Override
        public String token() {
            return "posts|" + start + "|" + (seenBefore == null ? "-" : seenBefore.toString());
        }
    }

    /**
     * Reads a cursor this adapter returned for the same range.
     *
     * @throws AdapterException.CursorInvalid for another version, an unreadable token, or a stats day
     *     outside the range
     */
    static FetchCursor parse(Cursor cursor, DateRange range) throws AdapterException {
        if (cursor.version() != VERSION) {
            throw new AdapterException.CursorInvalid("cursor version " + cursor.version()
                    + " is not this plugin's version " + VERSION);
        }
        String[] parts = cursor.token().split("\\|", -1);
        try {
            switch (parts[0]) {
                case "stats":
                    if (parts.length == 2) {
                        LocalDate from = LocalDate.parse(parts[1]);
                        if (!range.contains(from)) {
                            throw new AdapterException.CursorInvalid("cursor day " + from + " lies outside " + range);
                        }
                        return new Stats(from);
                    }
                    break;
                case "followers":
                    if (parts.length == 1) {
                        return new Followers();
                    }
                    break;
                case "posts":
                    if (parts.length == 3) {
                        Long seen = parts[2].equals("-") ? null : Long.valueOf(parts[2]);
                        return new Posts(Integer.parseInt(parts[1]), seen);
                    }
                    break;
                default:
                    break;
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // falls through to the common error below
        }
        throw new AdapterException.CursorInvalid("unreadable LinkedIn cursor");
    }
}
