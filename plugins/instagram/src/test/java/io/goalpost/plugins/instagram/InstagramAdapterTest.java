package io.goalpost.plugins.instagram;

import io.goalpost.plugin.support.meta.GraphErrors;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.goalpost.plugins.instagram.InstagramStubs.CLOCK;
import static io.goalpost.plugins.instagram.InstagramStubs.IG_ID;
import static io.goalpost.plugins.instagram.InstagramStubs.INSIGHTS;
import static io.goalpost.plugins.instagram.InstagramStubs.MEDIA;
import static io.goalpost.plugins.instagram.InstagramStubs.NEW_TOKEN;
import static io.goalpost.plugins.instagram.InstagramStubs.NOW;
import static io.goalpost.plugins.instagram.InstagramStubs.REFRESH;
import static io.goalpost.plugins.instagram.InstagramStubs.TODAY;
import static io.goalpost.plugins.instagram.InstagramStubs.TOKEN;
import static io.goalpost.plugins.instagram.InstagramStubs.noon;
import static io.goalpost.plugins.instagram.InstagramStubs.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.Fetches;
import io.goalpost.plugin.testkit.WireMockAdapterTest;
import io.goalpost.plugins.instagram.InstagramStubs.Media;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class InstagramAdapterTest extends WireMockAdapterTest {

    private static final LocalDate D1 = LocalDate.of(2026, 3, 10);
    private static final LocalDate D2 = LocalDate.of(2026, 3, 11);

    private final InstagramAdapterFactory factory = new InstagramAdapterFactory();
    private InstagramStubs stubs;

    InstagramAdapterTest() {
        super(CLOCK);
    }

    @BeforeEach
    void setUp() {
        stubs = new InstagramStubs(wm);
    }

    // ---- account metrics --------------------------------------------------------------------------------

    @Test
    void readsEveryDailyMetricFromTheDocumentedCalls() throws Exception {
        stubs.reachSeries(D1, D2, Map.of(D1, 310L, D2, 287L));
        stubs.fullDay(D1);
        stubs.fullDay(D2);
        stubs.noMedia();

        List<FetchResult> batches = Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D2));

        Map<String, Double> points = points(batches);
        assertThat(points).containsEntry("reach@2026-03-10", 310.0).containsEntry("reach@2026-03-11", 287.0)
                .containsEntry("views@2026-03-10", 5010.0).containsEntry("video_views@2026-03-10", 3010.0)
                .containsEntry("engagements@2026-03-11", 411.0).containsEntry("reactions@2026-03-11", 331.0)
                .containsEntry("comments@2026-03-11", 31.0).containsEntry("shares@2026-03-11", 41.0)
                .containsEntry("saves@2026-03-11", 30.0).containsEntry("link_clicks@2026-03-10", 10.0)
                .containsEntry("instagram.accounts_engaged@2026-03-10", 290.0)
                .containsEntry("follower_gains@2026-03-10", 43.0).containsEntry("follower_losses@2026-03-10", 10.0);
        assertThat(points).as("12 metrics on each of 2 days, no followers level (today is not in the range)")
                .hasSize(24).doesNotContainKey("followers@2026-03-10");
        assertThat(batches.stream().flatMap(b -> b.posts().stream())).isEmpty();
    }

    @Test
    void sendsTheDocumentedParametersWithTheTokenInTheHeaderOnly() throws Exception {
        stubs.reachSeries(D1, D1, Map.of(D1, 310L));
        stubs.fullDay(D1);
        stubs.noMedia();

        Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D1));

        String since = Long.toString(since(D1));
        String until = Long.toString(since(D1.plusDays(1)));
        assertThat(until).as("one Pacific day (PDT since 2026-03-08) is 86,400 s")
                .isEqualTo(Long.toString(since(D1) + 86_400));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo("reach"))
                .withQueryParam("period", equalTo("day")).withQueryParam("metric_type", equalTo("time_series"))
                .withQueryParam("since", equalTo(since)).withQueryParam("until", equalTo(until)));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(INSIGHTS))
                .withQueryParam("metric", equalTo("total_interactions,accounts_engaged,likes,comments,shares,saves,"
                        + "profile_links_taps"))
                .withQueryParam("metric_type", equalTo("total_value")).withQueryParam("breakdown", absent()));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo("views"))
                .withQueryParam("metric_type", equalTo("total_value"))
                .withQueryParam("breakdown", equalTo("media_product_type")));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(INSIGHTS))
                .withQueryParam("metric", equalTo("follows_and_unfollows"))
                .withQueryParam("breakdown", equalTo("follow_type")));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(MEDIA)).withQueryParam("limit", equalTo("100"))
                .withQueryParam("fields", equalTo(MediaInsights.LIST_FIELDS)));
        List<LoggedRequest> all = wm.find(getRequestedFor(urlPathMatching(".*")));
        assertThat(all).hasSize(5).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.getUrl()).doesNotContain(TOKEN).doesNotContain("access_token");
        });
        List<String> requestedMetrics = all.stream().map(r -> r.queryParameter("metric"))
                .filter(p -> p.isPresent()).flatMap(p -> Arrays.stream(p.firstValue().split(","))).toList();
        assertThat(requestedMetrics).as("removed metrics fail the whole call, so none is ever asked")
                .doesNotContainAnyElementsOf(AccountInsights.REMOVED_METRICS);
    }

    @Test
    void recordsTodaysFollowersCountAsTodaysFollowersLevel() throws Exception {
        LocalDate yesterday = TODAY.minusDays(1);
        stubs.reachSeries(yesterday, TODAY, Map.of(yesterday, 300L));
        stubs.fullDay(yesterday);
        stubs.day(TODAY, Map.of(), null, null, null, null); // today's insights are not in yet
        stubs.account();
        stubs.noMedia();

        Map<String, Double> points = points(Fetches.all(adapter(InstagramStubs.config(baseUrl)),
                new DateRange(yesterday, TODAY)));

        assertThat(points).containsEntry("followers@" + TODAY, 12840.0)
                .doesNotContainKey("followers@" + yesterday)
                .doesNotContainKey("views@" + TODAY).doesNotContainKey("reach@" + TODAY);
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(InstagramStubs.ACCOUNT))
                .withQueryParam("fields", equalTo("followers_count")));
    }

    @Test
    void aValueAboveWhatAMetricMayHoldIsABadResponseNotAnUntypedFailure() {
        Map<String, Long> totals = new LinkedHashMap<>(InstagramStubs.standardTotals(D1));
        totals.put("likes", 2_000_000_000_000_000L);
        stubs.reachSeries(D1, D1, Map.of());
        stubs.day(D1, totals, 5000L, null, 12L, null);
        stubs.noMedia();

        assertThatThrownBy(() -> Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D1)))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("likes")
                .hasMessageContaining("10^15");
    }

    @Test
    void metricMissingForADayIsAbsentNotZero() throws Exception {
        Map<String, Long> totals = new LinkedHashMap<>(InstagramStubs.standardTotals(D1));
        totals.remove("saves");
        totals.remove("profile_links_taps");
        stubs.reachSeries(D1, D1, Map.of());
        stubs.day(D1, totals, 5000L, null, 12L, null);
        stubs.noMedia();

        Map<String, Double> points = points(Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D1)));

        assertThat(points).containsKeys("views@2026-03-10", "reactions@2026-03-10",
                "follower_gains@2026-03-10");
        assertThat(points.keySet()).noneMatch(k -> k.startsWith("saves@") || k.startsWith("link_clicks@")
                || k.startsWith("reach@") || k.startsWith("video_views@") || k.startsWith("follower_losses@"));
    }

    @Test
    void splitsLongRangesIntoReachWindowsOfAtMostThirtyDays() throws Exception {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 2, 14);
        stubs.anyReachSeries(from, LocalDate.of(2026, 1, 30));
        stubs.anyReachSeries(LocalDate.of(2026, 1, 31), to);
        stubs.emptyInsights();
        stubs.noMedia();

        Map<String, Double> points = points(Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(from, to)));

        assertThat(points).hasSize(45).containsEntry("reach@2026-01-01", 301.0).containsEntry("reach@2026-02-14", 314.0);
        List<LoggedRequest> series = wm.find(getRequestedFor(urlPathEqualTo(INSIGHTS))
                .withQueryParam("metric_type", equalTo("time_series")));
        assertThat(series).hasSize(2).allSatisfy(r -> assertThat(Long.parseLong(r.queryParameter("until").firstValue())
                - Long.parseLong(r.queryParameter("since").firstValue()))
                .isLessThanOrEqualTo(AccountInsights.MAX_WINDOW_SECONDS));
        assertThat(wm.find(getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo("views"))))
                .as("views are total_value only: one call per day").hasSize(45);
    }

    @Test
    void shortensAReachWindowThatWouldSpanTheAutumnClockChange() {
        LocalDate from = LocalDate.of(2026, 10, 15);
        LocalDate end = AccountInsights.reachWindowEnd(from, LocalDate.of(2027, 1, 1));
        assertThat(end).as("30 Pacific days across 2026-11-01 last 2,595,600 s").isEqualTo(LocalDate.of(2026, 11, 12));
        assertThat(since(end.plusDays(1)) - since(from)).isLessThanOrEqualTo(AccountInsights.MAX_WINDOW_SECONDS);
        assertThat(AccountInsights.reachWindowEnd(LocalDate.of(2026, 3, 1), LocalDate.of(2027, 1, 1)))
                .as("a spring window is an hour shorter and keeps 30 days").isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(AccountInsights.reachWindowEnd(from, LocalDate.of(2026, 10, 20))).isEqualTo(LocalDate.of(2026, 10, 20));
    }

    // ---- posts ------------------------------------------------------------------------------------------

    @Test
    void pagesThroughMediaAndStopsAtPostsOlderThanTheRange() throws Exception {
        DateRange range = new DateRange(D1, D2);
        stubs.reachSeries(D1, D2, Map.of());
        stubs.emptyInsights();
        stubs.mediaPage("", List.of(Media.image("18000000000000009", noon(D2.plusDays(2))),
                Media.reel("18000000000000008", noon(D2)), Media.carousel("18000000000000007", noon(D2))), "PAGE2");
        stubs.mediaPage("PAGE2", List.of(Media.image("18000000000000006", noon(D1)),
                Media.reel("18000000000000005", noon(D1)), Media.image("18000000000000004", noon(D1.minusDays(1)))),
                "PAGE3");
        stubs.mediaPage("PAGE3", List.of(Media.image("18000000000000003", noon(D1.minusDays(3)))), null);
        stubs.anyMediaInsights();
        stubs.mediaInsights("18000000000000007", InstagramStubs.resource("media-insights-carousel-without-shares.json"));

        List<FetchResult> batches = Fetches.all(adapter(InstagramStubs.config(baseUrl)), range);

        Map<String, PostSnapshot> posts = posts(batches);
        assertThat(posts).containsOnlyKeys("18000000000000008", "18000000000000007", "18000000000000006",
                "18000000000000005");
        PostSnapshot reel = posts.get("18000000000000008");
        assertThat(reel.type()).isEqualTo("reel");
        assertThat(reel.publishedAt()).isEqualTo(noon(D2));
        assertThat(reel.text()).as("the caption is the post's text").isEqualTo("Post 18000000000000008");
        assertThat(reel.metrics()).containsEntry(CanonicalMetric.VIEWS.id(), 30017.0)
                .containsEntry(CanonicalMetric.VIDEO_VIEWS.id(), 30017.0)
                .containsEntry(CanonicalMetric.REACH.id(), 20060.0).containsEntry(CanonicalMetric.SAVES.id(), 57.0)
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 947.0);
        assertThat(posts.get("18000000000000006").type()).isEqualTo("photo");
        assertThat(posts.get("18000000000000006").metrics()).doesNotContainKey(CanonicalMetric.VIDEO_VIEWS.id());
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(MEDIA)).withQueryParam("after", equalTo("PAGE3")));
        wm.verifyThat(0, getRequestedFor(urlPathMatching(".*/18000000000000009/insights")));
        wm.verifyThat(0, getRequestedFor(urlPathMatching(".*/18000000000000004/insights")));
        wm.verifyThat(1, getRequestedFor(urlPathMatching(".*/18000000000000007/insights"))
                .withQueryParam("metric", equalTo("views,reach,likes,comments,shares,saved,total_interactions,"
                        + "profile_visits")));
        wm.verifyThat(1, getRequestedFor(urlPathMatching(".*/18000000000000008/insights"))
                .withQueryParam("metric", equalTo("views,reach,likes,comments,shares,saved,total_interactions")));
    }

    @Test
    void profileVisitsOfFeedPostsAndStoriesBecomeProfileViewsAndAreNeverAskedOfReels() throws Exception {
        stubs.reachSeries(D1, D1, Map.of());
        stubs.emptyInsights();
        stubs.mediaPage("", List.of(Media.story("18000000000000019", noon(D1).plusSeconds(120)),
                Media.reel("18000000000000018", noon(D1).plusSeconds(60)), Media.carousel("18000000000000017", noon(D1))),
                null);
        stubs.mediaInsights("18000000000000017", InstagramStubs.resource("media-insights-carousel-without-shares.json"));
        stubs.mediaInsights("18000000000000018", InstagramStubs.resource("media-insights-reel.json"));
        stubs.mediaInsights("18000000000000019", "{\"data\":["
                + "{\"name\":\"views\",\"period\":\"lifetime\",\"values\":[{\"value\":900}]},"
                + "{\"name\":\"reach\",\"period\":\"lifetime\",\"values\":[{\"value\":610}]},"
                + "{\"name\":\"shares\",\"period\":\"lifetime\",\"values\":[{\"value\":3}]},"
                + "{\"name\":\"total_interactions\",\"period\":\"lifetime\",\"values\":[{\"value\":12}]},"
                + "{\"name\":\"profile_visits\",\"period\":\"lifetime\",\"values\":[{\"value\":7}]}]}");

        Map<String, PostSnapshot> posts = posts(Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D1)));

        assertThat(posts.get("18000000000000017").metrics()).containsEntry(CanonicalMetric.PROFILE_VIEWS.id(), 38.0);
        assertThat(posts.get("18000000000000019").type()).isEqualTo("story");
        assertThat(posts.get("18000000000000019").metrics()).containsEntry(CanonicalMetric.PROFILE_VIEWS.id(), 7.0)
                .doesNotContainKeys(CanonicalMetric.REACTIONS.id(), CanonicalMetric.COMMENTS.id());
        // A Reel request with profile_visits fails as a whole, so Reels are never asked and have no value.
        assertThat(posts.get("18000000000000018").metrics()).doesNotContainKey(CanonicalMetric.PROFILE_VIEWS.id());
        wm.verifyThat(1, getRequestedFor(urlPathMatching(".*/18000000000000017/insights"))
                .withQueryParam("metric", equalTo("views,reach,likes,comments,shares,saved,total_interactions,"
                        + "profile_visits")));
        wm.verifyThat(1, getRequestedFor(urlPathMatching(".*/18000000000000018/insights"))
                .withQueryParam("metric", WireMock.notContaining("profile_visits")));
        wm.verifyThat(1, getRequestedFor(urlPathMatching(".*/18000000000000019/insights"))
                .withQueryParam("metric", equalTo("views,reach,shares,total_interactions,profile_visits")));
    }

    @Test
    void postMissingAnOptionalMetricLeavesItAbsentNotZero() throws Exception {
        stubs.reachSeries(D1, D1, Map.of());
        stubs.emptyInsights();
        stubs.mediaPage("", List.of(Media.carousel("18000000000000007", noon(D1))), null);
        stubs.mediaInsights("18000000000000007", InstagramStubs.resource("media-insights-carousel-without-shares.json"));

        PostSnapshot post = posts(Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D1)))
                .get("18000000000000007");

        assertThat(post.type()).isEqualTo("carousel");
        assertThat(post.metrics()).doesNotContainKey(CanonicalMetric.SHARES.id())
                .containsEntry(CanonicalMetric.SAVES.id(), 19.0).containsEntry(CanonicalMetric.VIEWS.id(), 4100.0);
    }

    @Test
    void capsMediaInsightsPerBatchAndResumesAfterTheLastPostHandled() throws Exception {
        List<Media> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(Media.image("180000000000001" + String.format("%02d", 20 - i), noon(D1).minusSeconds(i * 60L)));
        }
        stubs.mediaPage("", items, null);
        stubs.anyMediaInsights();
        NetworkAdapter adapter = adapter(InstagramStubs.config(baseUrl));
        DateRange range = new DateRange(D1, D1);

        FetchResult first = adapter.fetch(FetchRequest.resume(range, new Cursor(1, FetchStep.Posts.start().token())));
        assertThat(first.posts()).hasSize(InstagramAdapter.MAX_MEDIA_INSIGHTS_PER_BATCH);
        assertThat(first.next()).isPresent();
        FetchResult second = adapter.fetch(FetchRequest.resume(range, first.next().get()));

        assertThat(second.posts()).extracting(PostSnapshot::postId)
                .containsExactly("18000000000000110", "18000000000000109");
        assertThat(second.isLast()).isTrue();
        wm.verifyThat(12, getRequestedFor(urlPathMatching(".*/18[0-9]+/insights")));
    }

    @Test
    void aPostPublishedBetweenTwoBatchesNeitherRepeatsNorSkipsPosts() throws Exception {
        List<Media> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(Media.image("180000000000001" + String.format("%02d", 20 - i), noon(D1).minusSeconds(i * 60L)));
        }
        stubs.mediaPage("", items, null);
        stubs.anyMediaInsights();
        DateRange range = new DateRange(D1, D1);
        FetchResult first = adapter(InstagramStubs.config(baseUrl))
                .fetch(FetchRequest.resume(range, new Cursor(1, FetchStep.Posts.start().token())));

        List<Media> withNewPost = new ArrayList<>(items);
        withNewPost.add(0, Media.reel("18000000000000199", noon(TODAY)));
        wm.resetMappings();
        stubs.mediaPage("", withNewPost, null);
        stubs.anyMediaInsights();
        FetchResult second = adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.resume(range, first.next().get()));

        List<String> all = new ArrayList<>(first.posts().stream().map(PostSnapshot::postId).toList());
        all.addAll(second.posts().stream().map(PostSnapshot::postId).toList());
        assertThat(all).doesNotHaveDuplicates().hasSize(12).doesNotContain("18000000000000199");
    }

    @Test
    void mediaWithoutInsightsKeepsItsListCountsAndSaysWhy() throws Exception {
        stubs.reachSeries(D1, D1, Map.of());
        stubs.emptyInsights();
        stubs.mediaPage("", List.of(Media.image("18000000000000031", noon(D1)), Media.reel("18000000000000032", noon(D1))),
                null);
        stubs.mediaInsights("18000000000000031", InstagramStubs.error(400, "error-media-before-conversion.json"));
        stubs.mediaInsights("18000000000000032", InstagramStubs.error(400, "error-not-enough-viewers.json"));

        List<FetchResult> batches = Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D1));

        Map<String, PostSnapshot> posts = posts(batches);
        assertThat(posts.get("18000000000000031").metrics()).containsOnlyKeys(CanonicalMetric.REACTIONS.id(),
                CanonicalMetric.COMMENTS.id()).containsEntry(CanonicalMetric.REACTIONS.id(), 64.0);
        assertThat(posts.get("18000000000000032").metrics()).doesNotContainKey(CanonicalMetric.VIEWS.id())
                .containsEntry(CanonicalMetric.COMMENTS.id(), 37.0);
        assertThat(batches.stream().flatMap(b -> b.notes().stream()))
                .anyMatch(n -> n.contains("18000000000000031") && n.contains("professional account"))
                .anyMatch(n -> n.contains("18000000000000032") && n.contains("too few viewers"));
    }

    @Test
    void emptyAccountGivesNoPointsAndNoPosts() throws Exception {
        stubs.emptyInsights();
        stubs.noMedia();

        List<FetchResult> batches = Fetches.all(adapter(InstagramStubs.config(baseUrl)), new DateRange(D1, D2));

        assertThat(batches.stream().flatMap(b -> b.points().stream())).isEmpty();
        assertThat(batches.stream().flatMap(b -> b.posts().stream())).isEmpty();
        assertThat(batches.get(batches.size() - 1).isLast()).isTrue();
    }

    // ---- rate limits ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {4, 17, 32, 613, 80001, 80002})
    void everyThrottlingCodeIsRateLimitedWithADefaultWait(int code) {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.throttled(code)));

        AdapterException.RateLimited e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.RateLimited.class);

        assertThat(e).isNotNull();
        assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
        assertThat(e.getMessage()).contains("code " + code).contains(AccountInsights.ENDPOINT)
                .contains("did not say for how long; Goalpost will try again later").doesNotContain("waits")
                .doesNotContain("15 minutes");
        assertNoSecret(e);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 17, 32, 613, 80001, 80002})
    void aThrottledConnectionCheckIsRateLimitedNotAFailure(int code) {
        wm.register(get(urlPathEqualTo("/v25.0/" + IG_ID)).willReturn(InstagramStubs.throttled(code)
                .withHeader("X-Business-Use-Case-Usage", "{\"" + IG_ID + "\":[{\"type\":\"instagram\","
                        + "\"call_count\":100,\"total_cputime\":12,\"total_time\":15,"
                        + "\"estimated_time_to_regain_access\":6}]}")));

        AdapterException.RateLimited e = catchThrowableOfType(
                () -> adapter(InstagramStubs.facebookConfig(baseUrl)).check(), AdapterException.RateLimited.class);

        assertThat(e).isNotNull();
        assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
        assertThat(e.getMessage()).contains("throttling").contains("Goalpost will try again then");
    }

    @Test
    void aThrottledInsightsProbeDuringTheCheckIsRateLimited() {
        stubs.account();
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(429)));

        AdapterException.RateLimited e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).check(), AdapterException.RateLimited.class);

        assertThat(e).isNotNull();
        assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
    }

    @Test
    void retryTimeComesFromTheBusinessUseCaseUsageHeader() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.throttled(80002)
                .withHeader("X-Business-Use-Case-Usage", "{\"" + IG_ID + "\":[{\"type\":\"instagram\",\"call_count\":100,"
                        + "\"total_cputime\":12,\"total_time\":15,\"estimated_time_to_regain_access\":17}]}")));

        AdapterException.RateLimited e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.RateLimited.class);

        assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(17)));
        assertThat(e.getMessage()).contains("17 minutes").contains("100 %");
    }

    @Test
    void usageHeaderAtTheLimitStopsTheAdapterBeforeItsNextCall() throws Exception {
        wm.register(stubs.reachRequest(D1, D1).willReturn(okJson(InstagramStubs.series("reach", Map.of(D1, 310L)))
                .withHeader("X-App-Usage", "{\"call_count\":100,\"total_cputime\":40,\"total_time\":44}")));
        stubs.fullDay(D1);
        NetworkAdapter adapter = adapter(InstagramStubs.config(baseUrl));

        FetchResult first = adapter.fetch(FetchRequest.of(new DateRange(D1, D1)));
        assertThat(points(List.of(first))).containsEntry("reach@2026-03-10", 310.0);
        AdapterException.RateLimited e = catchThrowableOfType(
                () -> adapter.fetch(FetchRequest.resume(new DateRange(D1, D1), first.next().get())),
                AdapterException.RateLimited.class);

        assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
        assertThat(e.getMessage()).contains("X-App-Usage").contains("was not called")
                .contains("Goalpost will try again later").doesNotContain("pauses");
        assertThat(context.http().requests()).as("the throttled call was never sent").hasSize(1);
    }

    @Test
    void http429WithoutBodyIsRateLimited() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.RateLimited.class);
    }

    // ---- tokens -----------------------------------------------------------------------------------------

    @Test
    void expiredFacebookLoginTokenIsAuthExpiredWithoutARefreshAttempt() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(400, "error-expired-token.json")));

        AdapterException.AuthExpired e = catchThrowableOfType(
                () -> adapter(InstagramStubs.facebookConfig(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.AuthExpired.class);

        assertThat(e.getMessage()).contains("expired").contains("Reconnect").contains("Facebook Login");
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(REFRESH)));
        assertThat(context.storedCredentials()).isEmpty();
        assertNoSecret(e);
    }

    @Test
    void expiredInstagramLoginTokenIsRefreshedStoredAndTheCallRetriedWithTheNewToken() throws Exception {
        wm.register(stubs.reachRequest(D1, D1).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(InstagramStubs.error(400, "error-expired-token.json")));
        wm.register(stubs.reachRequest(D1, D1).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
                .willReturn(okJson(InstagramStubs.series("reach", Map.of(D1, 310L)))));
        wm.register(get(urlPathEqualTo(REFRESH)).willReturn(okJson(InstagramStubs.resource("refresh-token.json"))));
        NetworkAdapter adapter = adapter(InstagramStubs.config(baseUrl));

        FetchResult result = adapter.fetch(FetchRequest.of(new DateRange(D1, D1)));

        assertThat(points(List.of(result))).containsEntry("reach@2026-03-10", 310.0);
        assertThat(context.storedCredentials()).containsExactly(
                Map.of("access_token", NEW_TOKEN, "access_refreshed_at", NOW.toString()));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(REFRESH)).withQueryParam("grant_type", equalTo("ig_refresh_token"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        List<String> auth = context.http().requests().stream().map(r -> String.valueOf(r.header("Authorization"))).toList();
        assertThat(auth).containsExactly("Bearer " + TOKEN, "null", "Bearer " + NEW_TOKEN);

        stubs.fullDay(D1);
        adapter.fetch(FetchRequest.resume(new DateRange(D1, D1), result.next().get()));
        assertThat(context.http().requests().get(3).header("Authorization"))
                .as("later calls keep the new token").isEqualTo("Bearer " + NEW_TOKEN);
    }

    @Test
    void failedRefreshIsAuthExpiredAskingToReconnect() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(400, "error-expired-token.json")));
        wm.register(get(urlPathEqualTo(REFRESH)).willReturn(InstagramStubs.error(400, "error-expired-token.json")));

        AdapterException.AuthExpired e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.AuthExpired.class);

        assertThat(e.getMessage()).contains("could not be refreshed").contains("Reconnect").contains("Instagram Login");
        assertThat(context.storedCredentials()).isEmpty();
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(REFRESH)));
        assertNoSecret(e);
    }

    @Test
    void tokenYoungerThanADayIsNotRefreshed() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(400, "error-expired-token.json")));
        Map<String, String> config = InstagramStubs.config(baseUrl);
        config.put("access_refreshed_at", NOW.minus(Duration.ofHours(2)).toString());

        assertThatThrownBy(() -> adapter(config).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.AuthExpired.class);
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(REFRESH)));
    }

    @Test
    void tokenOlderThanADayIsRefreshedBeforeTheFirstCall() throws Exception {
        wm.register(get(urlPathEqualTo(REFRESH)).willReturn(okJson(InstagramStubs.resource("refresh-token.json"))));
        wm.register(stubs.reachRequest(D1, D1).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
                .willReturn(okJson(InstagramStubs.series("reach", Map.of(D1, 310L)))));
        Map<String, String> config = InstagramStubs.config(baseUrl);
        config.put("access_refreshed_at", NOW.minus(Duration.ofDays(30)).toString());

        FetchResult result = adapter(config).fetch(FetchRequest.of(new DateRange(D1, D1)));

        assertThat(points(List.of(result))).containsEntry("reach@2026-03-10", 310.0);
        assertThat(context.storedCredentials()).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("access_token", NEW_TOKEN));
        assertThat(context.http().requests().get(0).uri().getPath()).isEqualTo(REFRESH);
    }

    @Test
    void tokenRefreshedRecentlyIsNotRefreshedAgain() throws Exception {
        stubs.reachSeries(D1, D1, Map.of(D1, 310L));
        Map<String, String> config = InstagramStubs.config(baseUrl);
        config.put("access_refreshed_at", NOW.minus(Duration.ofHours(10)).toString());

        adapter(config).fetch(FetchRequest.of(new DateRange(D1, D1)));

        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(REFRESH)));
        assertThat(context.storedCredentials()).isEmpty();
    }

    // ---- other errors -----------------------------------------------------------------------------------

    @Test
    void missingPermissionNamesTheLoginTypesPermissions() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(400, "error-permission.json")));

        AdapterException.PermissionMissing e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.PermissionMissing.class);

        assertThat(e.permissions()).contains("instagram_business_manage_insights");
        assertThat(e.getMessage()).contains("instagram_business_basic, instagram_business_manage_insights");

        AdapterException.PermissionMissing fb = catchThrowableOfType(
                () -> adapter(InstagramStubs.facebookConfig(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.PermissionMissing.class);
        assertThat(fb.permissions()).contains("instagram_manage_insights", "pages_read_engagement");
    }

    @Test
    void checkFailsWhenTheTokenCannotReadInsights() {
        stubs.account();
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(403, "error-permission.json")));

        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).check())
                .isInstanceOf(AdapterException.PermissionMissing.class);
    }

    @Test
    void removedMetricAnswerIsConfigInvalidNamingTheProblem() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(400, "error-removed-metric.json")));

        AdapterException.ConfigInvalid e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.ConfigInvalid.class);

        assertThat(e.getMessage()).contains("rejected a metric").contains("Update the Instagram plugin")
                .contains("impressions metric is no longer supported");
    }

    @Test
    void windowTooLongAnswerIsBadResponse() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(400, "error-window-too-long.json")));

        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("30 days");
    }

    @Test
    void unknownAccountIsConfigInvalid() {
        wm.register(get(urlPathEqualTo(InstagramStubs.ACCOUNT)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported get request. Object with ID '" + IG_ID + "' does not "
                        + "exist, cannot be loaded due to missing permissions\",\"type\":\"GraphMethodException\","
                        + "\"code\":100,\"error_subcode\":33}}")));

        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).check())
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("ig_user_id");
    }

    @Test
    void serverErrorsAndTransientCodesAreTransient() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway")));
        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.TransientFailure.class);

        wm.resetMappings();
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(InstagramStubs.error(500, "error-transient.json")));
        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("code 2");
    }

    @Test
    void malformedJsonIsBadResponse() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson("{\"data\": [ {\"name\": \"reach\", nope ]")));

        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void truncatedJsonIsBadResponse() {
        String full = InstagramStubs.series("reach", Map.of(D1, 310L));
        wm.register(stubs.reachRequest(D1, D1).willReturn(okJson(full.substring(0, full.length() / 2))));

        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.BadResponse.class);
    }

    @Test
    void answerWithoutTheRequiredFieldsIsBadResponse() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson("{\"paging\":{}}")));
        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("data list");

        wm.register(get(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"data\":[{\"id\":\"18000000000000001\"}]}")));
        assertThatThrownBy(() -> adapter(InstagramStubs.config(baseUrl))
                .fetch(FetchRequest.resume(new DateRange(D1, D1), new Cursor(1, FetchStep.Posts.start().token()))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("timestamp");
    }

    @Test
    void errorMessagesNeverCarryTheToken() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#100) Invalid parameter access_token=" + TOKEN + " for "
                        + baseUrl + "/v25.0/x?access_token=" + TOKEN + "\",\"type\":\"OAuthException\",\"code\":100}}")));

        AdapterException e = catchThrowableOfType(
                () -> adapter(InstagramStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(D1, D1))),
                AdapterException.class);

        assertThat(e).isInstanceOf(AdapterException.ConfigInvalid.class);
        assertThat(e.getMessage()).contains("[redacted]");
        assertNoSecret(e);
    }

    // ---- cursors and identity ---------------------------------------------------------------------------

    @Test
    void cursorsThisAdapterDidNotWriteAreCursorInvalid() {
        NetworkAdapter adapter = adapter(InstagramStubs.config(baseUrl));
        DateRange range = new DateRange(D1, D2);
        for (Cursor cursor : List.of(new Cursor(1, "garbage"), new Cursor(2, "day|2026-03-10"),
                new Cursor(1, "day|2026-04-01"), new Cursor(1, "posts|x|not-an-id!|5"), new Cursor(1, "reach|yesterday"))) {
            assertThatThrownBy(() -> adapter.fetch(FetchRequest.resume(range, cursor)))
                    .as(cursor.token()).isInstanceOf(AdapterException.CursorInvalid.class);
        }
        assertThat(context.http().requests()).isEmpty();
    }

    @Test
    void checkReturnsTheAccountInPacificTime() throws Exception {
        stubs.account();
        stubs.probe();

        CheckResult result = adapter(InstagramStubs.config(baseUrl)).check();

        assertThat(result.identity().externalId()).isEqualTo(IG_ID);
        assertThat(result.identity().handle()).isEqualTo("acme.test");
        assertThat(result.identity().displayName()).isEqualTo("Acme Test Shop");
        assertThat(result.identity().reportingZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo("reach")));
    }

    @Test
    void invalidConfigurationSurfacesAsConfigInvalid() {
        Map<String, String> config = InstagramStubs.config(baseUrl);
        config.put("ig_user_id", "acme.test");

        assertThat(factory.validate(factory.descriptor().config().resolve(config)))
                .singleElement().satisfies(i -> assertThat(i.field()).isEqualTo("ig_user_id"));
        assertThatThrownBy(() -> adapter(config).check()).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("numeric id");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private NetworkAdapter adapter(Map<String, String> raw) {
        return factory.create(context, factory.descriptor().config().resolve(raw));
    }


    private static Map<String, Double> points(List<FetchResult> batches) {
        Map<String, Double> points = new HashMap<>();
        for (FetchResult b : batches) {
            for (MetricPoint p : b.points()) {
                assertThat(points.put(p.metric() + "@" + p.day(), p.value())).as("one point per metric and day").isNull();
            }
        }
        return points;
    }

    private static Map<String, PostSnapshot> posts(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.posts().stream())
                .collect(Collectors.toMap(PostSnapshot::postId, p -> p, (a, b) -> {
                    throw new AssertionError("post twice: " + a.postId());
                }, LinkedHashMap::new));
    }

    private static void assertNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()) + t).doesNotContain(TOKEN).doesNotContain(NEW_TOKEN);
        }
    }

}
