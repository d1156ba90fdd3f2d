package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a fetch of one range stands, and its cursor token:
 * <ul>
 *   <li>{@code metrics|2026-01-01}: account daily metrics, next window starting on that day;</li>
 *   <li>{@code posts|}: the first page of pins;</li>
 *   <li>{@code posts|<bookmark>}: the page of pins Pinterest's bookmark points at.</li>
 * </ul>
 * Phase 1 (metrics) runs before phase 2 (posts); each batch covers exactly one step, so resuming from
 * any token neither skips nor repeats data.
 */
sealed interface FetchStep {

    /** Version of the token format above; bump when it changes incompatibly. */
    int CURSOR_VERSION = 1;

    /** The cursor token of this step. */
    String token();

    /** This step as a cursor. */
    default Cursor cursor() {
        return new Cursor(CURSOR_VERSION, token());
    }

    /**
     * The step a cursor points at.
     *
     * @throws AdapterException.CursorInvalid for another version, an unknown format, or a day
     *     outside the requested range
     */
    static FetchStep parse(Cursor cursor, DateRange range) throws AdapterException.CursorInvalid {
        if (cursor.version() != CURSOR_VERSION) {
            throw new AdapterException.CursorInvalid("The saved Pinterest sync position has format version "
                    + cursor.version() + ", this plugin reads version " + CURSOR_VERSION + ".");
        }
        String token = cursor.token();
        int bar = token.indexOf('|');
        String kind = bar < 0 ? token : token.substring(0, bar);
        String rest = bar < 0 ? null : token.substring(bar + 1);
        if (rest != null && kind.equals("metrics")) {
            LocalDate from;
            try {
                from = LocalDate.parse(rest);
            } catch (DateTimeParseException e) {
                throw unreadable();
            }
            if (!range.contains(from)) {
                throw new AdapterException.CursorInvalid("The saved Pinterest sync position (" + from
                        + ") lies outside the range being fetched (" + range + ").");
            }
            return new Metrics(from);
        }
        if (rest != null && kind.equals("posts")) {
            return new Posts(rest.isEmpty() ? null : rest);
        }
        throw unreadable();
    }

    private static AdapterException.CursorInvalid unreadable() {
        return new AdapterException.CursorInvalid("The saved Pinterest sync position cannot be read.");
    }

    /**
     * Account daily metrics from {@code from} on.
     *
     * @param from first day of the next analytics window
     */
    record Metrics(LocalDate from) implements FetchStep {
        public Metrics {
            Objects.requireNonNull(from, "from is null");
        }

        @Override
        public String token() {
            return "metrics|" + from;
        }
    }

    /**
     * A page of pins.
     *
     * @param bookmark Pinterest's bookmark of the page, or null for the first page
     */
    record Posts(String bookmark) implements FetchStep {
        public Posts {
            if (bookmark != null && bookmark.isEmpty()) {
                throw new IllegalArgumentException("an empty bookmark means the first page: use null");
            }
        }

        @Override
        public String token() {
            return "posts|" + (bookmark == null ? "" : bookmark);
        }
    }
}
