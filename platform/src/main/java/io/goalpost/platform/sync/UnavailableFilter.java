package io.goalpost.platform.sync;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.PostSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host's side of "absent, not 0": a value a plugin returns for a metric its own descriptor says
 * the network cannot report is a plugin bug (typically a 0 filled in for a missing field), never data.
 * Such points and post values are not stored; what was dropped becomes a warning on the account.
 * One filter per sync run.
 */
final class UnavailableFilter {

    private final AdapterDescriptor descriptor;
    private final Map<MetricId, int[]> dropped = new TreeMap<>();

    UnavailableFilter(AdapterDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** The batch without values of unavailable metrics. */
    FetchResult apply(FetchResult batch) {
        List<MetricPoint> points = new ArrayList<>(batch.points().size());
        for (MetricPoint p : batch.points()) {
            if (unavailable(p.metric())) {
                count(p.metric(), 0);
            } else {
                points.add(p);
            }
        }
        List<PostSnapshot> posts = new ArrayList<>(batch.posts().size());
        for (PostSnapshot post : batch.posts()) {
            Map<MetricId, Double> kept = new LinkedHashMap<>();
            post.metrics().forEach((m, v) -> {
                if (unavailable(m)) {
                    count(m, 1);
                } else {
                    kept.put(m, v);
                }
            });
            posts.add(kept.size() == post.metrics().size() ? post
                    : new PostSnapshot(post.postId(), post.publishedAt(), post.type(), post.permalink(), kept, post.text()));
        }
        if (points.size() == batch.points().size() && posts.equals(batch.posts())) {
            return batch;
        }
        return new FetchResult(points, posts, batch.next(), batch.notes());
    }

    private boolean unavailable(MetricId metric) {
        return descriptor.unavailable().containsKey(metric);
    }

    private void count(MetricId metric, int kind) {
        dropped.computeIfAbsent(metric, k -> new int[2])[kind]++;
    }

    /** One sentence per metric dropped in this run. */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        dropped.forEach((metric, n) -> out.add("The " + descriptor.displayName() + " plugin returned " + metric
                + " (" + describe(n) + "), which it declares it cannot report (\"" + descriptor.unavailable().get(metric)
                + "\"). Goalpost did not store these values: a metric a network cannot report is shown as not available, "
                + "never as 0. Update the plugin."));
        return out;
    }

    private static String describe(int[] n) {
        List<String> parts = new ArrayList<>();
        if (n[0] > 0) {
            parts.add(n[0] + (n[0] == 1 ? " daily value" : " daily values"));
        }
        if (n[1] > 0) {
            parts.add(n[1] + (n[1] == 1 ? " post value" : " post values"));
        }
        return String.join(" and ", parts);
    }
}
