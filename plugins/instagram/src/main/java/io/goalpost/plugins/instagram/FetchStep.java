package io.goalpost.plugins.instagram;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a fetch of one date range stands; its {@link #token()} is the cursor the host stores. A range
 * is read in three phases, each batch one small bounded set of calls:
 * <ol>
 *   <li>{@code reach|<first day>}: one {@code reach} time series call covering up to 30 days;</li>
 *   <li>{@code day|<day>}: the day's totals (three {@code total_value} calls for one day, plus the
 *       {@code followers_count} snapshot when the day is today);</li>
 *   <li>{@code posts|<after>|<last id>|<last epoch second>}: one page of the media list (resumed at the
 *       Graph {@code after} cursor, empty for the first page) and the insights of up to ten of its posts
 *       published in the range, continuing after the last post handled.</li>
 * </ol>
 */
sealed interface FetchStep {

    /** The cursor token of this step. */
    String token();

    /** Reach time series of the window starting at {@code from}. */
    record Reach(LocalDate from) implements FetchStep {
        public Reach {
            Objects.requireNonNull(from, "from is null");
        }

        @Override
        public String token() {
            return "reach|" + from;
        }
    }

    /** The per-day totals of {@code day}. */
    record Day(LocalDate day) implements FetchStep {
        public Day {
            Objects.requireNonNull(day, "day is null");
        }

        @Override
        public String token() {
            return "day|" + day;
        }
    }

    /**
     * The media page reached with Graph cursor {@code after} (empty: the newest page), continuing after
     * the post {@code lastId} published at {@code lastEpochSecond} (empty id: from the top of the page).
     * The id, not a position, marks the place: new posts published between two batches push the first
     * page down, and a position would then repeat a post.
     */
    record Posts(String after, String lastId, long lastEpochSecond) implements FetchStep {
        private static final Pattern ID = Pattern.compile("[0-9A-Za-z_]*");

        public Posts {
            Objects.requireNonNull(after, "after is null");
            Objects.requireNonNull(lastId, "lastId is null");
            if (!ID.matcher(lastId).matches()) {
                throw new IllegalArgumentException("lastId is not a media id");
            }
            if (lastEpochSecond < 0) {
                throw new IllegalArgumentException("lastEpochSecond is negative");
            }
        }

        /** The first page, from its top. */
        static Posts start() {
            return new Posts("", "", 0);
        }

        @Override
        public String token() {
            return "posts|" + URLEncoder.encode(after, StandardCharsets.UTF_8) + "|" + lastId + "|" + lastEpochSecond;
        }
    }

    /**
     * Reads a cursor token of this adapter for the given range.
     *
     * @throws AdapterException.CursorInvalid when the token is not one this adapter wrote for the range
     */
    static FetchStep parse(String token, DateRange range) throws AdapterException.CursorInvalid {
        String[] parts = token.split("\\|", -1);
        try {
            switch (parts[0]) {
                case "reach":
                    if (parts.length == 2) {
                        return new Reach(dayInRange(parts[1], range));
                    }
                    break;
                case "day":
                    if (parts.length == 2) {
                        return new Day(dayInRange(parts[1], range));
                    }
                    break;
                case "posts":
                    if (parts.length == 4) {
                        return new Posts(URLDecoder.decode(parts[1], StandardCharsets.UTF_8), parts[2],
                                Long.parseLong(parts[3]));
                    }
                    break;
                default:
                    break;
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // falls through to the typed error below
        }
        throw new AdapterException.CursorInvalid("The saved Instagram sync position is not one this plugin version "
                + "wrote for " + range + "; the range is read again from its start.");
    }

    private static LocalDate dayInRange(String text, DateRange range) {
        LocalDate day = LocalDate.parse(text);
        if (!range.contains(day)) {
            throw new IllegalArgumentException("day outside the range");
        }
        return day;
    }
}
