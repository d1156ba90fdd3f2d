package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.PostSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A network "fake" that reports followers and views and cannot report saves. Its adapter returns
 * one followers point per day, the given extra points, and one post with the given metrics.
 */
final class FakeFactory implements NetworkAdapterFactory {
    private final AdapterDescriptor descriptor;
    private final Map<MetricId, Double> postMetrics;
    private final List<MetricPoint> extraPoints;
    private final Instant publishedAt;
    private final boolean growing;
    private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

    FakeFactory(String identityField, Map<MetricId, Double> postMetrics, List<MetricPoint> extraPoints) {
        this(identityField, postMetrics, extraPoints, AdapterConformanceTest.IN_RANGE, false);
    }

    /**
     * @param publishedAt when its one post was published
     * @param growing true for a network that answers every read with one more post than the last
     */
    FakeFactory(String identityField, Map<MetricId, Double> postMetrics, List<MetricPoint> extraPoints,
            Instant publishedAt, boolean growing) {
        this.publishedAt = publishedAt;
        this.growing = growing;
        this.descriptor = AdapterDescriptor.builder("fake", "Fake network")
                .docsUrl("https://fake.invalid/docs")
                .config(ConfigSpec.of(
                        ConfigField.string("account_id", "Account id", "The account's number.").optional(),
                        ConfigField.secret("access_token", "Access token", "The account's token.")))
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.POSTS_PUBLISHED)
                .cannotReport(CanonicalMetric.SAVES, "The fake network has no saves.")
                .history(new HistoryLimits(30, 30, 1, false))
                .allowedHosts("fake.invalid")
                .identityField(identityField)
                .build();
        this.postMetrics = Map.copyOf(postMetrics);
        this.extraPoints = List.copyOf(extraPoints);
    }

    @Override
    public AdapterDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        return new NetworkAdapter() {
            @Override
            public CheckResult check() {
                return CheckResult.of(new AccountIdentity("4242", "fake", "Fake account", ZoneOffset.UTC));
            }

            @Override
            public FetchResult fetch(FetchRequest request) throws AdapterException {
                if (request.cursor().isPresent()) {
                    throw new AdapterException.CursorInvalid("the fake network answers in one batch");
                }
                List<MetricPoint> points = new java.util.ArrayList<>(extraPoints);
                request.range().split(1).forEach(day ->
                        points.add(MetricPoint.of(CanonicalMetric.FOLLOWERS, day.from(), 1000)));
                List<PostSnapshot> posts = new java.util.ArrayList<>();
                posts.add(new PostSnapshot("post-1", publishedAt, "photo", null, postMetrics));
                int n = fetches.incrementAndGet();
                if (growing) {
                    posts.add(new PostSnapshot("post-" + (n + 1), AdapterConformanceTest.IN_RANGE, "photo", null, postMetrics));
                }
                return FetchResult.last(points, posts);
            }
        };
    }
}
