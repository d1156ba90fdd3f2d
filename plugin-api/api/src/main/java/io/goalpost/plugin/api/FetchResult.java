package io.goalpost.plugin.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch of a fetch. The host stores the points and posts and the cursor in one transaction.
 *
 * @param points daily account metric points, each inside the requested range, at most one per
 *     metric and day
 * @param posts posts published in the requested range, with lifetime metrics
 * @param next where to resume, or empty when the range is complete
 * @param notes plain-language remarks about this batch for the user (e.g. "data for 2026-11-21 is
 *     still processing"); never secrets
 */
public record FetchResult(List<MetricPoint> points, List<PostSnapshot> posts, Optional<Cursor> next,
        List<String> notes) {

    public FetchResult {
        points = List.copyOf(Objects.requireNonNull(points, "points is null"));
        posts = List.copyOf(Objects.requireNonNull(posts, "posts is null"));
        Objects.requireNonNull(next, "next is null");
        notes = List.copyOf(Objects.requireNonNull(notes, "notes is null"));
    }

    /** A batch with more to come. */
    public static FetchResult partial(List<MetricPoint> points, List<PostSnapshot> posts, Cursor next) {
        return new FetchResult(points, posts, Optional.of(next), List.of());
    }

    /** The last batch of a range. */
    public static FetchResult last(List<MetricPoint> points, List<PostSnapshot> posts) {
        return new FetchResult(points, posts, Optional.empty(), List.of());
    }

    /** This result with a note added. */
    public FetchResult withNote(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(note);
        return new FetchResult(points, posts, next, n);
    }

    /** True when the range is complete. */
    public boolean isLast() {
        return next.isEmpty();
    }
}
