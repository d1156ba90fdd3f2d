package io.goalpost.plugins.linkedin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.goalpost.plugins.linkedin.LinkedInStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.Fetches;
import io.goalpost.plugin.testkit.JdkHttpPort;
import io.goalpost.plugin.testkit.RecordingContext;
import io.goalpost.plugin.testkit.RecordingHttpPort;
import io.goalpost.plugin.testkit.WireMockAdapterTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The adapter against WireMock stubs of LinkedIn's documented requests and responses. */
final class LinkedInAdapterTest extends WireMockAdapterTest {

    private static final LinkedInAdapterFactory FACTORY = new LinkedInAdapterFactory();
    private static final String SHARE_STATS = "/rest/organizationalEntityShareStatistics";


    LinkedInAdapterTest() {
        super(LinkedInStubs.clock());
    }

    // ---- request shapes ----

    @Test
    void sendsTheVersionAndProtocolHeadersAndRestLiUrlsLinkedInExpects() throws Exception {
        // January 2026 in one window: the documented example interval, byte for byte.
        String shareUrl = "/rest/organizationalEntityShareStatistics?q=organizationalEntity"
                + "&organizationalEntity=urn%3Ali%3Aorganization%3A2414183"
                + "&timeIntervals=(timeRange:(start:1767225600000,end:1769904000000),timeGranularityType:DAY)";
        assertThat(LinkedInStubs.shareStatsUrl(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))).isEqualTo(shareUrl);
        LinkedInStubs.statistics(wm, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));

        FetchResult first = adapter(LinkedInStubs.config(baseUrl))
                .fetch(FetchRequest.of(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))));

        assertThat(first.points()).isNotEmpty();
        for (String url : List.of(shareUrl,
                LinkedInStubs.followerStatsUrl(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)),
                LinkedInStubs.pageStatsUrl(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)))) {
            wm.verifyThat(1, getRequestedFor(urlEqualTo(url))
                    .withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.TOKEN))
                    .withHeader("LinkedIn-Version", equalTo(LinkedInStubs.VERSION))
                    .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0")));
        }
        assertThat(context.http().requests()).allSatisfy(r ->
                assertThat(r.uri().getRawQuery()).doesNotContain(LinkedInStubs.TOKEN));
    }

    @Test
    void postsFinderSendsTheFinderMethodHeaderAndCount() throws Exception {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 0))));

        Fetches.all(adapter(LinkedInStubs.config(baseUrl)), new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10)));

        wm.verifyThat(1, getRequestedFor(urlEqualTo(LinkedInStubs.postsUrl(0)))
                .withHeader("X-RestLi-Method", equalTo("FINDER"))
                .withHeader("LinkedIn-Version", equalTo(LinkedInStubs.VERSION))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0")));
    }

    // ---- daily statistics ----

    @Test
    void mapsDailyStatisticsAndComputesEngagementsFromCountsNotTheRate() throws Exception {
        LocalDate day = LocalDate.of(2026, 1, 1);
        LinkedInStubs.statistics(wm, day, LocalDate.of(2026, 1, 31));

        FetchResult batch = adapter(LinkedInStubs.config(baseUrl))
                .fetch(FetchRequest.of(new DateRange(day, LocalDate.of(2026, 1, 31))));
        Map<MetricId, Double> jan1 = onDay(batch.points(), day);

        assertThat(jan1).containsEntry(CanonicalMetric.VIEWS.id(), 910.0)
                .containsEntry(CanonicalMetric.REACH.id(), 410.0)
                .containsEntry(CanonicalMetric.REACTIONS.id(), 20.0)
                .containsEntry(CanonicalMetric.COMMENTS.id(), 4.0)
                .containsEntry(CanonicalMetric.SHARES.id(), 3.0)
                .containsEntry(CanonicalMetric.LINK_CLICKS.id(), 12.0)
                // likeCount + commentCount + shareCount + clickCount, not the 0.0421 rate
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 39.0)
                .containsEntry(CanonicalMetric.FOLLOWER_GAINS.id(), 4.0)
                .containsEntry(LinkedInMetrics.PAID_FOLLOWER_GAINS, 0.0)
                .containsEntry(CanonicalMetric.PROFILE_VIEWS.id(), 41.0)
                .containsEntry(LinkedInMetrics.CAREERS_PAGE_VIEWS, 12.0);
        // organic 3 + paid 1 on the 3rd
        assertThat(onDay(batch.points(), LocalDate.of(2026, 1, 3))).containsEntry(CanonicalMetric.FOLLOWER_GAINS.id(), 7.0);
        assertThat(batch.points()).extracting(MetricPoint::day).containsOnly(
                day.datesUntil(LocalDate.of(2026, 2, 1)).toArray(LocalDate[]::new));
    }

    @Test
    void chunksALongRangeIntoWindowsOfNinetyDaysWithoutGapsOrRepeats() throws Exception {
        DateRange range = new DateRange(LocalDate.of(2025, 12, 1), LinkedInStubs.LAST_STATS_DAY);
        List<DateRange> windows = List.of(
                new DateRange(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 2, 28)),
                new DateRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 29)),
                new DateRange(LocalDate.of(2026, 5, 30), LocalDate.of(2026, 8, 27)),
                new DateRange(LocalDate.of(2026, 8, 28), LinkedInStubs.LAST_STATS_DAY));
        windows.forEach(w -> LinkedInStubs.statistics(wm, w.from(), w.to()));
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 0))));

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)), range);

        assertThat(batches).hasSize(windows.size() + 1);
        for (DateRange w : windows) {
            wm.verifyThat(1, getRequestedFor(urlEqualTo(LinkedInStubs.shareStatsUrl(w.from(), w.to()))));
        }
        List<LocalDate> viewDays = points(batches).stream().filter(p -> p.metric().equals(CanonicalMetric.VIEWS.id()))
                .map(MetricPoint::day).toList();
        assertThat(viewDays).doesNotHaveDuplicates().hasSize(range.days());
        assertThat(batches.get(0).next().orElseThrow().token()).isEqualTo("stats|2026-03-01");
    }

    @Test
    void clipsTheRangeToTwelveMonthsAndNeverAsksForDaysInsideTheTwoDayLag() throws Exception {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlEqualTo(LinkedInStubs.NETWORK_SIZES_URL)).willReturn(okJson("{\"firstDegreeSize\": 33634}")));
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 0))));
        DateRange range = new DateRange(LocalDate.of(2025, 9, 1), LinkedInStubs.TODAY);

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)), range);

        List<long[]> intervals = new ArrayList<>();
        for (HttpRequest r : context.http().requests()) {
            String q = r.uri().getRawQuery();
            if (q != null && q.contains("timeIntervals=")) {
                long start = Long.parseLong(q.replaceAll(".*start:(\\d+),.*", "$1"));
                long end = Long.parseLong(q.replaceAll(".*end:(\\d+)\\).*", "$1"));
                intervals.add(new long[] {start, end});
            }
        }
        assertThat(intervals).hasSize(12); // 4 windows x 3 statistics
        Instant now = LinkedInStubs.NOW;
        assertThat(intervals).allSatisfy(i -> {
            assertThat(Instant.ofEpochMilli(i[0])).isAfterOrEqualTo(now.minus(java.time.Duration.ofDays(365)));
            assertThat(Instant.ofEpochMilli(i[1])).isBeforeOrEqualTo(now.minus(java.time.Duration.ofDays(2)));
        });
        assertThat(intervals.stream().mapToLong(i -> i[0]).min().orElseThrow())
                .isEqualTo(LinkedInStubs.millis(LinkedInStubs.FIRST_STATS_DAY));
        assertThat(intervals.stream().mapToLong(i -> i[1]).max().orElseThrow())
                .isEqualTo(LinkedInStubs.millis(LinkedInStubs.LAST_STATS_DAY.plusDays(1)));
        assertThat(batches.get(0).notes()).anyMatch(n -> n.contains("12 months") && n.contains("2025-11-23"))
                .anyMatch(n -> n.contains("2-day delay") && n.contains("2026-11-18"));
        // the follower count is the only point inside the lag, on today
        assertThat(points(batches)).singleElement().satisfies(p -> {
            assertThat(p.metric()).isEqualTo(CanonicalMetric.FOLLOWERS.id());
            assertThat(p.day()).isEqualTo(LinkedInStubs.TODAY);
            assertThat(p.value()).isEqualTo(33634.0);
        });
    }

    @Test
    void aRangeEntirelyInsideTheLagMakesNoStatisticsCall() throws Exception {
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 0))));

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)),
                new DateRange(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 19)));

        assertThat(points(batches)).isEmpty();
        assertThat(context.http().requests()).extracting(r -> r.uri().getPath()).containsExactly("/rest/posts");
    }

    @Test
    void daysAndCountsLinkedInLeavesOutAreAbsentNotZero() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 2, 1);
        LocalDate d2 = LocalDate.of(2026, 2, 2);
        LocalDate d3 = LocalDate.of(2026, 2, 3);
        wm.register(get(urlEqualTo(LinkedInStubs.followerStatsUrl(d1, d3))).willReturn(okJson(LinkedInStubs.envelope(
                "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(d1) + ",\"end\":" + LinkedInStubs.millis(d2)
                        + "},\"followerGains\":{\"organicFollowerGain\":5}}"))));
        // d2 is missing; d3 has no clickCount
        wm.register(get(urlEqualTo(LinkedInStubs.shareStatsUrl(d1, d3))).willReturn(okJson(LinkedInStubs.envelope(
                "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(d1) + ",\"end\":" + LinkedInStubs.millis(d2)
                        + "},\"totalShareStatistics\":{\"impressionCount\":100,\"likeCount\":2,\"commentCount\":1,"
                        + "\"shareCount\":0,\"clickCount\":3}},"
                        + "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(d3) + ",\"end\":"
                        + LinkedInStubs.millis(d3.plusDays(1)) + "},\"totalShareStatistics\":{\"impressionCount\":80,"
                        + "\"likeCount\":1,\"commentCount\":0,\"shareCount\":0,\"engagement\":0.0125}}"))));
        wm.register(get(urlEqualTo(LinkedInStubs.pageStatsUrl(d1, d3))).willReturn(okJson(LinkedInStubs.EMPTY)));

        FetchResult batch = adapter(LinkedInStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(d1, d3)));

        assertThat(onDay(batch.points(), d1)).containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 6.0)
                .containsEntry(CanonicalMetric.SHARES.id(), 0.0)
                .doesNotContainKey(CanonicalMetric.FOLLOWER_GAINS.id()) // paid gain missing: a partial sum would undercount
                .doesNotContainKey(LinkedInMetrics.PAID_FOLLOWER_GAINS)
                .doesNotContainKey(CanonicalMetric.PROFILE_VIEWS.id());
        assertThat(onDay(batch.points(), d2)).isEmpty();
        assertThat(onDay(batch.points(), d3)).containsEntry(CanonicalMetric.VIEWS.id(), 80.0)
                .doesNotContainKey(CanonicalMetric.LINK_CLICKS.id())
                .doesNotContainKey(CanonicalMetric.ENGAGEMENTS.id());
    }

    // ---- posts ----

    @Test
    void pagesThroughPostsWithLifetimeStatisticsAndStopsBeforeTheRange() throws Exception {
        LinkedInStubs.emptyStatistics(wm);
        String a = "urn:li:share:7290000000000000001";
        String b = "urn:li:ugcPost:7290000000000000002";
        String draft = "urn:li:share:7290000000000000003";
        String c = "urn:li:share:7290000000000000004";
        String older = "urn:li:share:7290000000000000005";
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, 50, 120,
                LinkedInStubs.post(a, Instant.parse("2026-11-10T09:00:00Z"), "PUBLISHED",
                        "{\"media\":{\"id\":\"urn:li:image:C4D22AQ1\"}}"),
                LinkedInStubs.post(draft, Instant.parse("2026-11-08T09:00:00Z"), "DRAFT", null),
                LinkedInStubs.post(b, Instant.parse("2026-11-05T14:30:00Z"), "PUBLISHED",
                        "{\"media\":{\"id\":\"urn:li:video:C5605AQH0000000\",\"title\":\"Office tour\"}}")))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(a), List.of(b)))).willReturn(okJson(
                LinkedInStubs.envelope(LinkedInStubs.postStats("share", a, LinkedInStubs.FULL_POST_STATS) + ","
                        + LinkedInStubs.postStats("ugcPost", b, "{\"impressionCount\":500,\"likeCount\":10,"
                        + "\"commentCount\":1,\"shareCount\":2,\"clickCount\":7}")))));
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(50))).willReturn(okJson(LinkedInStubs.postsPage(50, 100, 120,
                LinkedInStubs.post(c, Instant.parse("2026-11-02T08:00:00Z"), "PUBLISHED", "{\"article\":{\"source\":\"https://acme.example/a\"}}"),
                LinkedInStubs.post(older, Instant.parse("2026-10-28T08:00:00Z"), "PUBLISHED", null)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(c), List.of()))).willReturn(okJson(
                LinkedInStubs.envelope(LinkedInStubs.postStats("share", c, LinkedInStubs.FULL_POST_STATS)))));

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)),
                new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 15)));

        Map<String, PostSnapshot> posts = posts(batches);
        assertThat(posts).containsOnlyKeys(a, b, c);
        PostSnapshot first = posts.get(a);
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-11-10T09:00:00Z"));
        assertThat(first.type()).isEqualTo("image");
        assertThat(first.permalink()).isEqualTo("https://www.linkedin.com/feed/update/" + a + "/");
        // The commentary's little text arrives as plain text: the mention named, the escaped parentheses unescaped.
        assertThat(first.text()).isEqualTo("We're hiring at Acme (remote)");
        assertThat(first.metrics()).containsEntry(CanonicalMetric.VIEWS.id(), 10400.0)
                .containsEntry(CanonicalMetric.REACH.id(), 8120.0)
                .containsEntry(CanonicalMetric.LINK_CLICKS.id(), 240.0)
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 391.0);
        assertThat(posts.get(b).type()).isEqualTo("video");
        assertThat(posts.get(b).metrics()).containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 20.0)
                .doesNotContainKey(CanonicalMetric.REACH.id()); // uniqueImpressionsCount not given: absent, not 0
        assertThat(posts.get(c).type()).isEqualTo("article");
        // the second page reached a post created before the range: no third page
        wm.verifyThat(0, getRequestedFor(urlEqualTo(LinkedInStubs.postsUrl(100))));
    }

    @Test
    void postsWithoutStatisticsHaveNoMetrics() throws Exception {
        String a = "urn:li:share:7290000000000000001";
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 1,
                LinkedInStubs.post(a, Instant.parse("2026-11-19T09:00:00Z"), "PUBLISHED", null)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(a), List.of()))).willReturn(okJson(LinkedInStubs.EMPTY)));

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)),
                new DateRange(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 19)));

        assertThat(posts(batches).get(a).metrics()).isEmpty();
    }

    @Test
    void resumingThePostsListSkipsPostsPushedDownByANewPost() throws Exception {
        LinkedInStubs.emptyStatistics(wm);
        String a = "urn:li:share:7290000000000000001";
        String b = "urn:li:share:7290000000000000002";
        Instant bCreated = Instant.parse("2026-11-05T09:00:00Z");
        // While paging, a new post arrived, so the second page starts with b, already returned.
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(50))).willReturn(okJson(LinkedInStubs.postsPage(50, null, 52,
                LinkedInStubs.post(b, bCreated, "PUBLISHED", null),
                LinkedInStubs.post(a, Instant.parse("2026-11-03T09:00:00Z"), "PUBLISHED", null)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(a), List.of()))).willReturn(okJson(
                LinkedInStubs.envelope(LinkedInStubs.postStats("share", a, LinkedInStubs.FULL_POST_STATS)))));
        DateRange range = new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10));

        FetchResult batch = adapter(LinkedInStubs.config(baseUrl))
                .fetch(FetchRequest.resume(range, new Cursor(1, "posts|50|" + bCreated.toEpochMilli())));

        assertThat(batch.posts()).extracting(PostSnapshot::postId).containsExactly(a);
        assertThat(batch.isLast()).isTrue();
    }

    @Test
    void usesTotalWhenThereIsNoNextLink() throws Exception {
        String a = "urn:li:share:7290000000000000001";
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 51,
                LinkedInStubs.post(a, Instant.parse("2026-11-19T09:00:00Z"), "PUBLISHED", null)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(a), List.of()))).willReturn(okJson(LinkedInStubs.EMPTY)));
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(50))).willReturn(okJson(LinkedInStubs.postsPage(50, null, 51))));

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)),
                new DateRange(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 19)));

        assertThat(batches).hasSize(2);
        wm.verifyThat(1, getRequestedFor(urlEqualTo(LinkedInStubs.postsUrl(50))));
    }

    @Test
    void anEmptyPageGivesNoPointsAndNoPosts() throws Exception {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, null, 0))));

        List<FetchResult> batches = Fetches.all(adapter(LinkedInStubs.config(baseUrl)),
                new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));

        assertThat(points(batches)).isEmpty();
        assertThat(posts(batches)).isEmpty();
        assertThat(batches.get(batches.size() - 1).isLast()).isTrue();
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(SHARE_STATS)).withQueryParam("shares", WireMock.matching(".*")));
    }

    // ---- check ----

    @Test
    void checkReturnsTheOrganizationAndProbesStatisticsForTheLastAllowedDay() throws Exception {
        wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL)).willReturn(okJson(LinkedInStubs.ORGANIZATION)));
        LocalDate day = LinkedInStubs.LAST_STATS_DAY;
        wm.register(get(urlEqualTo(LinkedInStubs.shareStatsUrl(day, day))).willReturn(okJson(LinkedInStubs.shareStatsBody(day, day))));

        CheckResult result = adapter(LinkedInStubs.config(baseUrl)).check();

        assertThat(result.identity().externalId()).isEqualTo("urn:li:organization:2414183");
        assertThat(result.identity().handle()).isEqualTo("acme-corp");
        assertThat(result.identity().displayName()).isEqualTo("Acme Corp");
        assertThat(result.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
        wm.verifyThat(1, getRequestedFor(urlEqualTo(LinkedInStubs.shareStatsUrl(day, day))));
    }

    // ---- errors ----

    @Test
    void a429SayingTheThrottleLimitIsReachedWaitsForMidnightUtc() {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlPathEqualTo(SHARE_STATS)).willReturn(json(429, LinkedInStubs.THROTTLED)));

        AdapterException.RateLimited e = fetchFails(AdapterException.RateLimited.class);

        assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(e.getMessage()).contains("/rest/organizationalEntityShareStatistics").contains("daily request limit")
                .contains("midnight UTC").contains("Goalpost will try again then");
        LinkedInStubs.assertNoSecrets(e);
    }

    @Test
    void a429ThatDoesNotSayTheDailyLimitIsReachedBacksOffMinutes() {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlPathEqualTo(SHARE_STATS)).willReturn(json(429,
                "{\"status\":429,\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Too many requests\"}")));

        AdapterException.RateLimited e = fetchFails(AdapterException.RateLimited.class);

        assertThat(e.retryAt()).isEqualTo(LinkedInStubs.NOW.plus(LinkedInErrors.THROTTLE_BACKOFF));
        assertThat(e.getMessage()).contains("throttling").contains("Goalpost will try again in a few minutes")
                .doesNotContain("midnight");
    }

    @Test
    void aThrottledConnectionCheckIsRateLimitedNotAFailure() {
        wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL)).willReturn(aResponse().withStatus(429)));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(LinkedInStubs.config(baseUrl)).check());

        assertThat(e.retryAt()).isEqualTo(LinkedInStubs.NOW.plus(LinkedInErrors.THROTTLE_BACKOFF));
    }

    @Test
    void aConnectionCheckOverTheDailyLimitWaitsForMidnightUtc() {
        wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL)).willReturn(okJson(LinkedInStubs.ORGANIZATION)));
        wm.register(get(urlPathEqualTo(SHARE_STATS)).willReturn(json(429, LinkedInStubs.THROTTLED)));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(LinkedInStubs.config(baseUrl)).check());

        assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    }

    @Test
    void http429OnThePostsListIsRateLimitedToo() {
        wm.register(get(urlEqualTo(LinkedInStubs.NETWORK_SIZES_URL)).willReturn(okJson("{\"firstDegreeSize\": 33634}")));
        wm.register(get(urlPathEqualTo("/rest/posts")).willReturn(aResponse().withStatus(429)));

        // today only: the follower count, then the posts list
        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class, () -> Fetches.all(
                adapter(LinkedInStubs.config(baseUrl)), new DateRange(LinkedInStubs.TODAY, LinkedInStubs.TODAY)));

        // An empty 429 does not say the daily limit is reached: a short back-off, not a wait until midnight.
        assertThat(e.retryAt()).isEqualTo(LinkedInStubs.NOW.plus(LinkedInErrors.THROTTLE_BACKOFF));
        assertThat(e.getMessage()).contains("/rest/posts");
    }

    @Test
    void expiredTokenWithoutRefreshTokenAsksTheUserToReconnect() {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlPathEqualTo(SHARE_STATS)).willReturn(json(401, LinkedInStubs.EXPIRED)));

        AdapterException.AuthExpired e = fetchFails(AdapterException.AuthExpired.class);

        assertThat(e.getMessage()).contains("65600").contains("Reconnect");
        wm.verifyThat(0, postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")));
        assertThat(context.storedCredentials()).isEmpty();
        LinkedInStubs.assertNoSecrets(e);
    }

    @Test
    void revokedTokenSaysTheMemberRevokedAccess() {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlPathEqualTo(SHARE_STATS)).willReturn(json(401, LinkedInStubs.REVOKED)));

        AdapterException.AuthExpired e = fetchFails(AdapterException.AuthExpired.class);

        assertThat(e.getMessage()).contains("revoked").contains("65601");
    }

    @Test
    void expiredTokenIsRefreshedStoredAndTheCallRetriedWithTheNewToken() throws Exception {
        LocalDate day = LocalDate.of(2026, 1, 1);
        String url = LinkedInStubs.shareStatsUrl(day, day);
        wm.register(get(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.TOKEN))
                .willReturn(json(401, LinkedInStubs.EXPIRED)));
        wm.register(get(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.NEW_TOKEN))
                .willReturn(okJson(LinkedInStubs.shareStatsBody(day, day))));
        wm.register(get(urlPathMatching("/rest/organization.*Statistics")).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.NEW_TOKEN))
                .willReturn(okJson(LinkedInStubs.EMPTY)));
        wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(okJson("{\"access_token\":\""
                + LinkedInStubs.NEW_TOKEN + "\",\"expires_in\":5183999,\"refresh_token\":\"" + LinkedInStubs.REFRESH_TOKEN
                + "\",\"refresh_token_expires_in\":26438400,\"scope\":\"r_organization_social,rw_organization_admin\"}")));
        // the follower statistics come first and are answered 401 for the old token as well
        wm.register(get(urlEqualTo(LinkedInStubs.followerStatsUrl(day, day)))
                .withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.TOKEN)).willReturn(json(401, LinkedInStubs.EXPIRED)));

        // A host that notes the order of the credentials calls and how many requests had gone out at the store.
        RecordingContext host = new RecordingContext(new JdkHttpPort(), LinkedInStubs.clock());
        RecordingHttpPort http = host.http();
        Map<String, String> raw = LinkedInStubs.configWithRefresh(baseUrl);
        NetworkAdapter adapter = FACTORY.create(host, FACTORY.descriptor().config().resolve(raw));

        FetchResult batch = adapter.fetch(FetchRequest.of(new DateRange(day, day)));

        assertThat(onDay(batch.points(), day)).containsEntry(CanonicalMetric.VIEWS.id(), 910.0);
        assertThat(host.stored()).containsExactly(
                Map.of("access_token", LinkedInStubs.NEW_TOKEN, "refresh_token", LinkedInStubs.REFRESH_TOKEN));
        assertThat(host.calls()).as("lifetimes are told after the tokens are stored")
                .containsExactly("store", "expires");
        // the host learns when the refreshed tokens lapse: 60 days for the access token, and what is left
        // of the refresh token's 365 days from the first consent
        Instant now = LinkedInStubs.clock().instant();
        assertThat(host.expiries()).containsExactly(new RecordingContext.Expiry(Optional.of(now.plusSeconds(5183999)),
                Optional.of(now.plusSeconds(26438400))));
        // sent so far: the 401 call and the refresh POST; the retry went out only after the store
        assertThat(host.requestsSentWhenStored()).containsExactly(2);
        assertThat(http.requests().get(1).method()).isEqualTo("POST");
        assertThat(http.requests().get(2).header("Authorization")).isEqualTo("Bearer " + LinkedInStubs.NEW_TOKEN);
        assertThat(http.requests().get(2).uri()).isEqualTo(http.requests().get(0).uri());
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + LinkedInStubs.REFRESH_TOKEN))
                .withRequestBody(containing("client_id=" + LinkedInStubs.CLIENT_ID))
                .withRequestBody(containing("client_secret=" + LinkedInStubs.CLIENT_SECRET)));
        // one refresh, then every later call (share and page statistics) carries the new token
        wm.verifyThat(1, getRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.NEW_TOKEN)));
        wm.verifyThat(0, getRequestedFor(urlEqualTo(url)).withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.TOKEN)));
        wm.verifyThat(1, getRequestedFor(urlEqualTo(LinkedInStubs.pageStatsUrl(day, day)))
                .withHeader("Authorization", equalTo("Bearer " + LinkedInStubs.NEW_TOKEN)));
    }

    @Test
    void refusedRefreshIsAuthExpiredAndStoresNothing() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(json(401, LinkedInStubs.EXPIRED)));
        wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(json(400,
                "{\"error\":\"invalid_request\",\"error_description\":\"The provided refresh token is invalid\"}")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> adapter(LinkedInStubs.configWithRefresh(baseUrl)).fetch(FetchRequest.of(januaryFirst())));

        assertThat(e.getMessage()).contains("365 days").contains("Reconnect");
        assertThat(context.storedCredentials()).isEmpty();
        LinkedInStubs.assertNoSecrets(e);
    }

    @Test
    void stillExpiredAfterARefreshIsAuthExpiredAfterOneRefresh() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(json(401, LinkedInStubs.EXPIRED)));
        wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(okJson("{\"access_token\":\""
                + LinkedInStubs.NEW_TOKEN + "\",\"expires_in\":5183999}")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> adapter(LinkedInStubs.configWithRefresh(baseUrl)).fetch(FetchRequest.of(januaryFirst())));

        assertThat(e).isNotNull();
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")));
        // no refresh_token in the answer: only the access token is stored
        assertThat(context.storedCredentials()).containsExactly(Map.of("access_token", LinkedInStubs.NEW_TOKEN));
        LinkedInStubs.assertNoSecrets(e);
    }

    @Test
    void http403NamesTheScopeTheCallNeeds() {
        LinkedInStubs.emptyStatistics(wm);
        wm.register(get(urlPathEqualTo(SHARE_STATS)).willReturn(json(403, LinkedInStubs.ACCESS_DENIED)));

        AdapterException.PermissionMissing stats = fetchFails(AdapterException.PermissionMissing.class);

        assertThat(stats.permissions()).containsExactly("rw_organization_admin");
        assertThat(stats.getMessage()).contains("rw_organization_admin").contains("ADMINISTRATOR");
        LinkedInStubs.assertNoSecrets(stats);

        wm.resetMappings();
        wm.register(get(urlPathEqualTo("/rest/posts")).willReturn(json(403, "{\"status\":403,\"serviceErrorCode\":100,"
                + "\"code\":\"ACCESS_DENIED\",\"message\":\"Not enough permissions to access: posts.GET.202606\"}")));
        AdapterException.PermissionMissing posts = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> adapter(LinkedInStubs.config(baseUrl)).fetch(FetchRequest.resume(januaryFirst(), new Cursor(1, "posts|0|-"))));
        assertThat(posts.permissions()).containsExactly("r_organization_social");
    }

    @Test
    void http426RetiredVersionAsksToUpdateTheVersionSetting() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(json(426, LinkedInStubs.RETIRED_VERSION)));
        Map<String, String> config = new HashMap<>(LinkedInStubs.config(baseUrl));
        config.put("linkedin_version", "202504");

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> adapter(config).fetch(FetchRequest.of(januaryFirst())));

        assertThat(e.getMessage()).contains("202504").contains("'LinkedIn API version'").contains("NONEXISTENT_VERSION");
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics"))
                .withHeader("LinkedIn-Version", equalTo("202504")));
    }

    @Test
    void malformedAndTruncatedJsonAreBadResponses() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(okJson("<html>oops</html>")));
        AdapterException.BadResponse malformed = fetchFails(AdapterException.BadResponse.class);
        assertThat(malformed.getMessage()).contains("malformed");

        wm.resetMappings();
        LocalDate day = LocalDate.of(2026, 1, 1);
        String whole = LinkedInStubs.followerStatsBody(day, day);
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics"))
                .willReturn(okJson(whole.substring(0, whole.length() - 20))));
        AdapterException.BadResponse truncated = fetchFails(AdapterException.BadResponse.class);
        assertThat(truncated.getMessage()).contains("/rest/organizationalEntityFollowerStatistics");
    }

    @Test
    void aNegativeFollowerGainIsNeitherClampedNorTakenForALossButLeftOutWithANote() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 2, 1);
        LocalDate d2 = LocalDate.of(2026, 2, 2);
        wm.register(get(urlEqualTo(LinkedInStubs.followerStatsUrl(d1, d2))).willReturn(okJson(LinkedInStubs.envelope(
                "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(d1) + ",\"end\":" + LinkedInStubs.millis(d2)
                        + "},\"followerGains\":{\"organicFollowerGain\":-3,\"paidFollowerGain\":1}},"
                        + "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(d2) + ",\"end\":"
                        + LinkedInStubs.millis(d2.plusDays(1)) + "},\"followerGains\":{\"organicFollowerGain\":4,"
                        + "\"paidFollowerGain\":0}}"))));
        wm.register(get(urlEqualTo(LinkedInStubs.shareStatsUrl(d1, d2))).willReturn(okJson(LinkedInStubs.EMPTY)));
        wm.register(get(urlEqualTo(LinkedInStubs.pageStatsUrl(d1, d2))).willReturn(okJson(LinkedInStubs.EMPTY)));

        FetchResult batch = adapter(LinkedInStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(d1, d2)));

        // LinkedIn documents gains, not net changes: -3 contradicts that, so the day's gains are not stored
        // (no 0, no -2, no made-up loss), and the user is told.
        assertThat(onDay(batch.points(), d1)).doesNotContainKeys(CanonicalMetric.FOLLOWER_GAINS.id(),
                CanonicalMetric.FOLLOWER_LOSSES.id()).containsEntry(LinkedInMetrics.PAID_FOLLOWER_GAINS, 1.0);
        assertThat(onDay(batch.points(), d2)).containsEntry(CanonicalMetric.FOLLOWER_GAINS.id(), 4.0);
        assertThat(batch.notes()).singleElement().asString().contains("negative follower gain")
                .contains(d1.toString()).contains("-3");
    }

    @Test
    void aCountAboveWhatAMetricMayHoldIsNotReportedRatherThanAnUntypedFailure() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 2, 1);
        wm.register(get(urlEqualTo(LinkedInStubs.followerStatsUrl(d1, d1))).willReturn(okJson(LinkedInStubs.EMPTY)));
        wm.register(get(urlEqualTo(LinkedInStubs.shareStatsUrl(d1, d1))).willReturn(okJson(LinkedInStubs.envelope(
                "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(d1) + ",\"end\":" + LinkedInStubs.millis(d1.plusDays(1))
                        + "},\"totalShareStatistics\":{\"impressionCount\":2000000000000000,\"likeCount\":2,"
                        + "\"commentCount\":1,\"shareCount\":0,\"clickCount\":3}}"))));
        wm.register(get(urlEqualTo(LinkedInStubs.pageStatsUrl(d1, d1))).willReturn(okJson(LinkedInStubs.EMPTY)));

        FetchResult batch = adapter(LinkedInStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(d1, d1)));

        assertThat(onDay(batch.points(), d1)).doesNotContainKey(CanonicalMetric.VIEWS.id())
                .containsEntry(CanonicalMetric.REACTIONS.id(), 2.0).containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 6.0);
    }

    @Test
    void anIntervalThatIsNotOneDayIsABadResponse() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(okJson(LinkedInStubs.envelope(
                "{\"timeRange\":{\"start\":" + LinkedInStubs.millis(day) + ",\"end\":" + LinkedInStubs.millis(day.plusDays(31))
                        + "},\"followerGains\":{\"organicFollowerGain\":5,\"paidFollowerGain\":0}}"))));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("not one UTC day");
    }

    @Test
    void serverErrorsAreTransient() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(aResponse().withStatus(502)
                .withBody("<html>Bad Gateway</html>")));

        AdapterException.TransientFailure e = fetchFails(AdapterException.TransientFailure.class);

        assertThat(e.getMessage()).contains("502");
        LinkedInStubs.assertNoSecrets(e);
    }

    @Test
    void anErrorEnvelopeInsideA200IsStillAnError() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(okJson(LinkedInStubs.THROTTLED)));

        assertThat(fetchFails(AdapterException.RateLimited.class).retryAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    }

    @Test
    void aRefusedDateWindowIsTransientAndAnUnknownOrganizationIsConfiguration() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(json(400,
                "{\"status\":400,\"message\":\"Invalid timeIntervals parameter\"}")));
        assertThat(fetchFails(AdapterException.TransientFailure.class).getMessage()).contains("12 months");

        wm.resetMappings();
        wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL)).willReturn(json(404, "{\"status\":404,\"message\":\"Not Found\"}")));
        assertThatThrownBy(() -> adapter(LinkedInStubs.config(baseUrl)).check())
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("organization id");
    }

    @Test
    void noSecretReachesAMessageEvenWhenLinkedInEchoesIt() {
        wm.register(get(urlPathEqualTo("/rest/organizationalEntityFollowerStatistics")).willReturn(json(403,
                "{\"status\":403,\"serviceErrorCode\":100,\"code\":\"ACCESS_DENIED\",\"message\":\"token "
                        + LinkedInStubs.TOKEN + " may not read this\"}")));

        AdapterException.PermissionMissing e = fetchFails(AdapterException.PermissionMissing.class);

        LinkedInStubs.assertNoSecrets(e);
        assertThat(e.getMessage()).contains("******");
    }

    // ---- cursors ----

    @Test
    void unreadableCursorsAndCursorsOfOtherRangesAreCursorInvalid() {
        NetworkAdapter adapter = adapter(LinkedInStubs.config(baseUrl));
        DateRange range = januaryFirst();
        for (Cursor bad : List.of(new Cursor(2, "stats|2026-01-01"), new Cursor(1, "stats|yesterday"),
                new Cursor(1, "stats|2025-12-31"), new Cursor(1, "posts|-5|-"), new Cursor(1, "posts|1"),
                new Cursor(1, "follow"), new Cursor(1, ""))) {
            assertThatThrownBy(() -> adapter.fetch(FetchRequest.resume(range, bad))).as(bad.token())
                    .isInstanceOf(AdapterException.CursorInvalid.class);
        }
        assertThat(context.http().requests()).isEmpty();
    }

    @Test
    void aStatisticsCursorOlderThanTwelveMonthsResumesAtTheFirstAvailableDay() throws Exception {
        LinkedInStubs.emptyStatistics(wm);
        DateRange range = new DateRange(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31));

        adapter(LinkedInStubs.config(baseUrl)).fetch(FetchRequest.resume(range, new Cursor(1, "stats|2025-10-15")));

        assertThat(context.http().requests().get(0).uri().getRawQuery())
                .contains("start:" + LinkedInStubs.millis(LinkedInStubs.FIRST_STATS_DAY) + ",");
    }

    // ---- helpers ----

    private static DateRange januaryFirst() {
        return new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1));
    }

    private <T extends AdapterException> T fetchFails(Class<T> type) {
        T e = catchThrowableOfType(type, () -> adapter(LinkedInStubs.config(baseUrl)).fetch(FetchRequest.of(januaryFirst())));
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        return e;
    }

    private NetworkAdapter adapter(Map<String, String> raw) {
        assertThat(FACTORY.descriptor().config().validate(raw)).isEmpty();
        ConfigValues values = FACTORY.descriptor().config().resolve(raw);
        assertThat(FACTORY.validate(values)).isEmpty();
        return FACTORY.create(context, values);
    }


    private static List<MetricPoint> points(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.points().stream()).toList();
    }

    private static Map<String, PostSnapshot> posts(List<FetchResult> batches) {
        Set<String> seen = new HashSet<>();
        return batches.stream().flatMap(b -> b.posts().stream())
                .peek(p -> assertThat(seen.add(p.postId())).as("post " + p.postId() + " once").isTrue())
                .collect(Collectors.toMap(PostSnapshot::postId, p -> p));
    }

    private static Map<MetricId, Double> onDay(List<MetricPoint> points, LocalDate day) {
        return points.stream().filter(p -> p.day().equals(day))
                .collect(Collectors.toMap(MetricPoint::metric, MetricPoint::value));
    }
}
