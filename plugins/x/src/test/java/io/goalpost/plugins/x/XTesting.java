package io.goalpost.plugins.x;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.testkit.Fetches;
import io.goalpost.plugin.api.PostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small helpers for the X tests: resolving config, fetching a whole range, checking messages. */
final class XTesting {

    private XTesting() {
    }

    static ConfigValues resolve(XAdapterFactory factory, Map<String, String> raw) {
        assertThat(factory.descriptor().config().validate(raw)).as("config issues").isEmpty();
        return factory.descriptor().config().resolve(raw);
    }

    /** Every batch of a range, following cursors until the last one. */
    static List<FetchResult> fetchAll(NetworkAdapter adapter, DateRange range) throws AdapterException {
        return Fetches.all(adapter, range);
    }

    static List<MetricPoint> points(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.points().stream()).toList();
    }

    static List<PostSnapshot> posts(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.posts().stream()).toList();
    }

    static List<String> notes(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.notes().stream()).toList();
    }

    /** Asserts that no configured or refreshed secret leaks into the exception's text. */
    static void assertNoSecret(Throwable e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage() + " " + t;
            for (String secret : secrets) {
                assertThat(text).as("exception text").doesNotContain(secret);
            }
            assertThat(text).as("exception text names no query string").doesNotContain("?");
        }
    }
}
