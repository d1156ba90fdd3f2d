package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The cursor most adapters need: first the account's daily metrics, window by window, then the posts,
 * page by page. Each batch covers exactly one step, so resuming from any returned cursor neither skips
 * nor repeats data. Tokens read {@code metrics|2026-01-01} (the next metrics window starts that day)
 * and {@code posts|} or {@code posts|<page>} (the first page of posts, or the page the network's
 * next-token, bookmark, offset or next link names).
 *
 * @param phase which phase the next batch belongs to
 * @param from for {@link Phase#METRICS}, the first day of the next window; else null
 * @param page for {@link Phase#POSTS}, the network's page token, or empty for the first page
 */
public record PhasedCursor(Phase phase, LocalDate from, Optional<String> page) {

    /** The two phases of a range, in order. */
    public enum Phase {
        /** Account daily metrics. */
        METRICS,
        /** Posts published in the range, with their lifetime metrics. */
        POSTS
    }

    public PhasedCursor {
        Objects.requireNonNull(phase, "phase is null");
        Objects.requireNonNull(page, "page is null");
        if (phase == Phase.METRICS) {
            Objects.requireNonNull(from, "a metrics step needs its first day");
            if (page.isPresent()) {
                throw new IllegalArgumentException("a metrics step has no page");
            }
        } else if (from != null) {
            throw new IllegalArgumentException("a posts step has no day");
        }
        page = page.filter(p -> !p.isEmpty());
    }

    /** The metrics window starting on a day. */
    public static PhasedCursor metrics(LocalDate from) {
        return new PhasedCursor(Phase.METRICS, from, Optional.empty());
    }

    /** The first page of posts. */
    public static PhasedCursor firstPostsPage() {
        return new PhasedCursor(Phase.POSTS, null, Optional.empty());
    }

    /** The page of posts a network's page token names. */
    public static PhasedCursor postsPage(String page) {
        return new PhasedCursor(Phase.POSTS, null, Optional.of(Objects.requireNonNull(page, "page is null")));
    }

    /**
     * Where a request starts: the beginning of its range without a cursor, else where the cursor
     * points.
     *
     * @param version the adapter's cursor version ({@code AdapterDescriptor.cursorVersion()})
     * @param network the network's name, for the message
     * @throws AdapterException.CursorInvalid for another version, an unreadable token, or a day
     *     outside the range
     */
    public static PhasedCursor of(FetchRequest request, int version, String network)
            throws AdapterException.CursorInvalid {
        if (request.cursor().isEmpty()) {
            return metrics(request.range().from());
        }
        return parse(request.cursor().get(), request.range(), version, network);
    }

    /** Reads a cursor; see {@link #of(FetchRequest, int, String)}. */
    public static PhasedCursor parse(Cursor cursor, DateRange range, int version, String network)
            throws AdapterException.CursorInvalid {
        if (cursor.version() != version) {
            throw new AdapterException.CursorInvalid("The saved " + network + " sync position has format version "
                    + cursor.version() + "; this plugin reads version " + version + ".");
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
                throw unreadable(network);
            }
            if (!range.contains(from)) {
                throw new AdapterException.CursorInvalid("The saved " + network + " sync position (" + from
                        + ") lies outside the range being fetched (" + range + ").");
            }
            return metrics(from);
        }
        if (rest != null && kind.equals("posts")) {
            return rest.isEmpty() ? firstPostsPage() : postsPage(rest);
        }
        throw unreadable(network);
    }

    /**
     * The step after a metrics window that ended on {@code windowTo}: the next window, or the posts
     * once the range's metrics are done.
     */
    public static PhasedCursor afterMetrics(LocalDate windowTo, DateRange range) {
        return windowTo.isBefore(range.to()) ? metrics(windowTo.plusDays(1)) : firstPostsPage();
    }

    /** For a metrics step, the window it fetches: from its day, at most {@code maxDays}, within the range. */
    public DateRange window(DateRange range, int maxDays) {
        if (phase != Phase.METRICS) {
            throw new IllegalStateException("a posts step has no window");
        }
        LocalDate to = from.plusDays(Math.max(1, maxDays) - 1L);
        return new DateRange(from, to.isAfter(range.to()) ? range.to() : to);
    }

    /** The token of this step. */
    public String token() {
        return phase == Phase.METRICS ? "metrics|" + from : "posts|" + page.orElse("");
    }

    /** This step as a cursor of the given version. */
    public Cursor toCursor(int version) {
        return new Cursor(version, token());
    }

    private static AdapterException.CursorInvalid unreadable(String network) {
        return new AdapterException.CursorInvalid("The saved " + network + " sync position cannot be read.");
    }
}
