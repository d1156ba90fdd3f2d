package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.NetworkAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a whole range the way the host does: batch after batch, resuming from each returned cursor. */
public final class Fetches {

    /** More batches than any range of a test needs: a cursor that never ends fails instead of looping. */
    public static final int MAX_BATCHES = 10_000;

    private Fetches() {
    }

    /** Every batch of {@code range}, from its start to the last batch. */
    public static List<FetchResult> all(NetworkAdapter adapter, DateRange range) throws AdapterException {
        return from(adapter, FetchRequest.of(range));
    }

    /**
     * Every batch from {@code first} (a fresh request or one resumed from a cursor) to the last one.
     *
     * @throws AssertionError when no last batch comes within {@link #MAX_BATCHES}
     */
    public static List<FetchResult> from(NetworkAdapter adapter, FetchRequest first) throws AdapterException {
        List<FetchResult> batches = new ArrayList<>();
        FetchRequest request = first;
        for (int i = 0; i < MAX_BATCHES; i++) {
            FetchResult result = adapter.fetch(request);
            batches.add(result);
            Optional<Cursor> next = result.next();
            if (next.isEmpty()) {
                return batches;
            }
            request = FetchRequest.resume(first.range(), next.get());
        }
        throw new AssertionError("fetch of " + first.range() + " did not finish within " + MAX_BATCHES + " batches");
    }
}
