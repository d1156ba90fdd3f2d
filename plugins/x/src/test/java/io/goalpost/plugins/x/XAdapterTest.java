package io.goalpost.plugins.x;

import io.goalpost.plugin.testkit.RecordingContext;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.goalpost.plugins.x.XStubs.ACCESS_TOKEN;
import static io.goalpost.plugins.x.XStubs.CLIENT_ID;
import static io.goalpost.plugins.x.XStubs.CLIENT_SECRET;
import static io.goalpost.plugins.x.XStubs.ME;
import static io.goalpost.plugins.x.XStubs.NEXT_TOKEN;
import static io.goalpost.plugins.x.XStubs.NOW;
import static io.goalpost.plugins.x.XStubs.OLDER_START;
import static io.goalpost.plugins.x.XStubs.RANGE;
import static io.goalpost.plugins.x.XStubs.RECENT_START;
import static io.goalpost.plugins.x.XStubs.REFRESH_TOKEN;
import static io.goalpost.plugins.x.XStubs.TIMELINE;
import static io.goalpost.plugins.x.XStubs.TODAY;
import static io.goalpost.plugins.x.XStubs.TOKEN;
import static io.goalpost.plugins.x.XStubs.USER;
import static io.goalpost.plugins.x.XStubs.USER_ID;
import static io.goalpost.plugins.x.XStubs.answer;
import static io.goalpost.plugins.x.XTesting.assertNoSecret;
import static io.goalpost.plugins.x.XTesting.fetchAll;
import static io.goalpost.plugins.x.XTesting.notes;
import static io.goalpost.plugins.x.XTesting.points;
import static io.goalpost.plugins.x.XTesting.posts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.JdkHttpPort;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugin.testkit.WireMockAdapterTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class XAdapterTest extends WireMockAdapterTest {

    private final XAdapterFactory factory = new XAdapterFactory();

    XAdapterTest() {
        super(XStubs.CLOCK);
    }

    @BeforeEach
    void setUp() {
        XStubs.happyPath(wm);
    }

    private NetworkAdapter adapter(Map<String, String> raw) {
        return factory.create(context, XTesting.resolve(factory, raw));
    }

    private NetworkAdapter adapter() {
        return adapter(XStubs.config(baseUrl));
    }

    private static Map<String, PostSnapshot> byId(List<PostSnapshot> posts) {
        return posts.stream().collect(Collectors.toMap(PostSnapshot::postId, Function.identity()));
    }

    private static MetricId id(CanonicalMetric metric) {
        return metric.id();
    }

    // ---- check ----------------------------------------------------------------------------

    @Test
    void checkReturnsTheTokenOwnerInUtcAndFlagsTheMissingOfflineAccess() throws Exception {
        CheckResult result = adapter().check();

        assertThat(result.identity().externalId()).isEqualTo(USER_ID);
        assertThat(result.identity().handle()).isEqualTo("acme");
        assertThat(result.identity().displayName()).isEqualTo("Acme");
        assertThat(result.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(result.missingOptionalPermissions()).containsExactly("offline.access");
        wm.verifyThat(getRequestedFor(urlPathEqualTo(ME))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withQueryParam("user.fields", containing("public_metrics")));
    }

    @Test
    void checkWithARefreshTokenMissesNoPermission() throws Exception {
        CheckResult result = adapter(XStubs.refreshableConfig(baseUrl)).check();

        assertThat(result.missingOptionalPermissions()).isEmpty();
    }

    @Test
    void checkRejectsATokenOfAnotherAccountThanTheConfiguredUserId() {
        Map<String, String> raw = XStubs.config(baseUrl);
        raw.put(XConfig.USER_ID, "42");

        assertThatThrownBy(() -> adapter(raw).check())
                .isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("@acme")
                .hasMessageContaining("42");
    }

    // ---- account snapshot -----------------------------------------------------------------

    @Test
    void followerLevelsAreRecordedForTodayOnly() throws Exception {
        List<MetricPoint> points = points(fetchAll(adapter(), RANGE));

        assertThat(points).extracting(MetricPoint::day).containsOnly(TODAY);
        assertThat(points.stream().collect(Collectors.toMap(p -> p.metric().value(), MetricPoint::value)))
                .containsOnly(entry("followers", 10523.0), entry("x.following", 180.0), entry("x.listed", 88.0),
                        entry("x.post_count", 4210.0));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(USER))
                .withQueryParam("user.fields", equalTo("public_metrics")));
    }

    @Test
    void aRangeBeforeTodayHasNoAccountPointsAtAllAndSkipsTheUserLookup() throws Exception {
        DateRange past = new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 4));

        List<FetchResult> batches = fetchAll(adapter(), past);

        assertThat(points(batches)).isEmpty();
        assertThat(posts(batches)).extracting(PostSnapshot::postId)
                .containsExactly("1892000000000000001", "1886000000000000000");
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(USER)));
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo(ME)));
    }

    @Test
    void withoutAConfiguredUserIdTheTokenOwnerIsLookedUpOnce() throws Exception {
        Map<String, String> raw = XStubs.config(baseUrl);
        raw.remove(XConfig.USER_ID);

        List<FetchResult> batches = fetchAll(adapter(raw), RANGE);

        assertThat(points(batches)).isNotEmpty();
        assertThat(posts(batches)).hasSize(5);
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(ME)));
    }

    @Test
    void aUserWithoutPublicMetricsGivesNoPointsRatherThanZeros() throws Exception {
        wm.register(get(urlPathEqualTo(USER)).willReturn(answer(200, "users-no-metrics.json")));
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(200, "timeline-empty.json")));

        List<FetchResult> batches = fetchAll(adapter(), new DateRange(TODAY, TODAY));

        assertThat(batches).hasSize(2);
        assertThat(points(batches)).isEmpty();
    }

    @Test
    void anEmptyAccountReportsItsZeroFollowersAndNoPosts() throws Exception {
        wm.register(get(urlPathEqualTo(USER)).willReturn(answer(200, "users-empty-account.json")));
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(200, "timeline-empty.json")));

        List<FetchResult> batches = fetchAll(adapter(), RANGE);

        assertThat(posts(batches)).isEmpty();
        assertThat(points(batches)).contains(MetricPoint.of(CanonicalMetric.FOLLOWERS, TODAY, 0));
        assertThat(batches.get(batches.size() - 1).isLast()).isTrue();
        // Both segments were asked for, and nothing more after they came back empty.
        wm.verifyThat(2, getRequestedFor(urlPathEqualTo(TIMELINE)));
    }

    // ---- timeline -------------------------------------------------------------------------

    @Test
    void pagesThroughTheTimelineAndSplitsTheRangeAtTheThirtyDayLimit() throws Exception {
        List<FetchResult> batches = fetchAll(adapter(), RANGE);

        // snapshot, two pages of recent posts, one page of older posts
        assertThat(batches).hasSize(4);
        assertThat(posts(batches)).extracting(PostSnapshot::postId).containsExactly(
                "1907000000000000003", "1902000000000000002", "1897000000000000001",
                "1892000000000000001", "1886000000000000000");
        assertThat(batches.get(1).next()).hasValueSatisfying(c -> assertThat(c.token()).endsWith(NEXT_TOKEN));

        // Recent segment: non-public and organic metrics, open-ended (it reaches today).
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(RECENT_START))
                .withQueryParam("end_time", absent())
                .withQueryParam("pagination_token", absent())
                .withQueryParam("tweet.fields", equalTo(XAdapter.TWEET_FIELDS_FULL)));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(RECENT_START))
                .withQueryParam("pagination_token", equalTo(NEXT_TOKEN)));
        // Older segment: public metrics only, closed at the start of the recent one.
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(OLDER_START))
                .withQueryParam("end_time", equalTo(RECENT_START))
                .withQueryParam("tweet.fields", equalTo(XAdapter.TWEET_FIELDS_PUBLIC)));
    }

    @Test
    void sendsTheBearerTokenAndTheDocumentedTimelineParameters() throws Exception {
        fetchAll(adapter(), RANGE);

        wm.verifyThat(3, getRequestedFor(urlPathEqualTo(TIMELINE))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withQueryParam("max_results", equalTo("100"))
                .withQueryParam("exclude", equalTo("retweets,replies"))
                .withQueryParam("expansions", equalTo("attachments.media_keys"))
                .withQueryParam("media.fields", equalTo("public_metrics,type"))
                .withQueryParam("access_token", absent()));
    }

    @Test
    void aRangeEndingInThePastIsClosedWithEndTimeAtTheNextMidnight() throws Exception {
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(200, "timeline-empty.json")));
        DateRange march = new DateRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

        fetchAll(adapter(), march);

        wm.verifyThat(getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(RECENT_START))
                .withQueryParam("end_time", equalTo("2026-04-01T00:00:00Z")));
        wm.verifyThat(getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo("2026-03-01T00:00:00Z"))
                .withQueryParam("end_time", equalTo(RECENT_START)));
    }

    @Test
    void consecutiveHostWindowsReadEachPostOnce() throws Exception {
        // The host splits a backfill into windows; the two halves together give the whole range.
        List<DateRange> windows = RANGE.split(31);
        assertThat(windows).hasSize(2);
        NetworkAdapter adapter = adapter();
        wm.register(get(urlPathEqualTo(TIMELINE)).withQueryParam("start_time", equalTo("2026-03-04T00:00:00Z"))
                .willReturn(answer(200, "timeline-empty.json")));

        List<String> ids = new java.util.ArrayList<>();
        for (DateRange window : windows) {
            posts(fetchAll(adapter, window)).forEach(p -> ids.add(p.postId()));
        }

        assertThat(ids).doesNotHaveDuplicates();
        wm.verifyThat(getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(OLDER_START))
                .withQueryParam("end_time", equalTo("2026-03-04T00:00:00Z")));
    }

    @Test
    void mapsPublicNonPublicOrganicAndMediaMetricsOfARecentPost() throws Exception {
        PostSnapshot video = byId(posts(fetchAll(adapter(), RANGE))).get("1907000000000000003");

        assertThat(video.publishedAt()).isEqualTo(Instant.parse("2026-04-01T14:03:22Z"));
        assertThat(video.type()).isEqualTo("video");
        assertThat(video.permalink()).isEqualTo("https://x.com/i/web/status/1907000000000000003");
        // X sends &, < and > as HTML entities; the post's text is plain text.
        assertThat(video.text()).isEqualTo("Spring collection is live & 20% off <3 https://t.co/abc");
        assertThat(video.metrics()).containsOnly(
                entry(id(CanonicalMetric.VIEWS), 2150.0),
                entry(id(CanonicalMetric.REACTIONS), 31.0),
                entry(id(CanonicalMetric.COMMENTS), 2.0),
                entry(id(CanonicalMetric.SHARES), 5.0),
                entry(id(CanonicalMetric.SAVES), 3.0),
                entry(id(CanonicalMetric.ENGAGEMENTS), 41.0),
                entry(id(CanonicalMetric.LINK_CLICKS), 18.0),
                entry(id(CanonicalMetric.PROFILE_VIEWS), 6.0),
                entry(id(CanonicalMetric.VIDEO_VIEWS), 812.0),
                entry(XMetrics.RETWEETS, 4.0),
                entry(XMetrics.QUOTES, 1.0),
                entry(XMetrics.ORGANIC_IMPRESSIONS, 2100.0));
    }

    @Test
    void aPhotoPostHasNoVideoViewsAndARealZeroOfLinkClicks() throws Exception {
        PostSnapshot photo = byId(posts(fetchAll(adapter(), RANGE))).get("1902000000000000002");

        assertThat(photo.type()).isEqualTo("photo");
        assertThat(photo.metrics()).doesNotContainKey(id(CanonicalMetric.VIDEO_VIEWS));
        assertThat(photo.metrics()).containsEntry(id(CanonicalMetric.LINK_CLICKS), 0.0);
    }

    @Test
    void aMetricXLeftOutIsAbsentNotZero() throws Exception {
        // The page has no bookmark_count and no url_link_clicks for this post.
        PostSnapshot post = byId(posts(fetchAll(adapter(), RANGE))).get("1897000000000000001");

        assertThat(post.type()).isEqualTo("text");
        assertThat(post.metrics()).doesNotContainKeys(id(CanonicalMetric.SAVES), id(CanonicalMetric.ENGAGEMENTS),
                id(CanonicalMetric.LINK_CLICKS));
        assertThat(post.metrics()).containsEntry(id(CanonicalMetric.VIEWS), 610.0)
                .containsEntry(id(CanonicalMetric.PROFILE_VIEWS), 1.0)
                .containsEntry(id(CanonicalMetric.COMMENTS), 3.0);
    }

    @Test
    void olderPostsCarryPublicMetricsOnly() throws Exception {
        PostSnapshot old = byId(posts(fetchAll(adapter(), RANGE))).get("1892000000000000001");

        assertThat(old.metrics()).containsEntry(id(CanonicalMetric.VIEWS), 5400.0)
                .containsEntry(id(CanonicalMetric.ENGAGEMENTS), 105.0)
                .containsEntry(id(CanonicalMetric.SHARES), 9.0)
                .doesNotContainKeys(id(CanonicalMetric.LINK_CLICKS), id(CanonicalMetric.PROFILE_VIEWS),
                        XMetrics.ORGANIC_IMPRESSIONS);
    }

    @Test
    void aPostPublishedAtTheSegmentsEndingMidnightIsLeftToTheNextSegment() throws Exception {
        // timeline-older.json also holds a post of 2026-03-05T00:00:00Z, which belongs to the recent segment.
        List<PostSnapshot> posts = posts(fetchAll(adapter(), RANGE));

        assertThat(posts).extracting(PostSnapshot::postId).doesNotContain("1896500000000000000");
    }

    @Test
    void partialErrorsInsideA200KeepTheDataAndAddANote() throws Exception {
        wm.register(get(urlPathEqualTo(TIMELINE)).withQueryParam("start_time", equalTo(RECENT_START))
                .willReturn(answer(200, "timeline-partial-errors.json")));

        List<FetchResult> batches = fetchAll(adapter(), RANGE);

        PostSnapshot kept = byId(posts(batches)).get("1902000000000000002");
        assertThat(kept.metrics()).containsEntry(id(CanonicalMetric.VIEWS), 940.0)
                .doesNotContainKey(id(CanonicalMetric.LINK_CLICKS));
        assertThat(notes(batches)).singleElement().asString()
                .contains("2 partial error(s)").contains("Field Authorization Error");
    }

    // ---- cursors --------------------------------------------------------------------------

    @Test
    void resumingFromTheSecondPageReadsTheRestOnly() throws Exception {
        NetworkAdapter adapter = adapter();
        List<FetchResult> full = fetchAll(adapter, RANGE);
        Cursor afterFirstPage = full.get(1).next().orElseThrow();
        wm.resetRequests();

        FetchResult resumed = adapter.fetch(FetchRequest.resume(RANGE, afterFirstPage));

        assertThat(resumed.posts()).extracting(PostSnapshot::postId).containsExactly("1897000000000000001");
        wm.verifyThat(1, getRequestedFor(urlPathMatching("/2/.*")));
    }

    @Test
    void foreignOrOutOfRangeCursorsAreCursorInvalid() {
        NetworkAdapter adapter = adapter();
        List<Cursor> bad = List.of(
                new Cursor(1, "metrics|2026-01-01"),
                new Cursor(1, "posts|2026-03-05|2026-04-02|everything|"),
                new Cursor(1, "posts|2026-03-05|2026-04-02|full|bad token!"),
                new Cursor(1, "posts|2025-01-01|2025-01-31|public|"),
                new Cursor(2, "posts|2026-03-05|2026-04-02|full|"));
        for (Cursor cursor : bad) {
            assertThatThrownBy(() -> adapter.fetch(FetchRequest.resume(RANGE, cursor)))
                    .as(cursor.toString())
                    .isInstanceOf(AdapterException.CursorInvalid.class);
        }
    }

    @Test
    void aPaginationTokenXNoLongerAcceptsIsCursorInvalid() {
        wm.register(get(urlPathEqualTo(TIMELINE)).withQueryParam("pagination_token", equalTo(NEXT_TOKEN))
                .willReturn(answer(400, "error-400-pagination-token.json")));
        Cursor cursor = new Cursor(1, "posts|2026-03-05|2026-04-02|full|" + NEXT_TOKEN);

        assertThatThrownBy(() -> adapter().fetch(FetchRequest.resume(RANGE, cursor)))
                .isInstanceOf(AdapterException.CursorInvalid.class);
    }

    // ---- rate limits and quotas -----------------------------------------------------------

    @Test
    void a429RateLimitWaitsUntilXRateLimitReset() {
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(429, "error-429.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.RateLimited.class, e -> {
                    assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-04-02T12:15:00Z"));
                    assertThat(e.getMessage()).contains(TIMELINE);
                    assertNoSecret(e, ACCESS_TOKEN);
                });
    }

    @Test
    void a429WithoutResetHeaderWaitsOneFifteenMinuteWindow() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBodyFile("x/error-429.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.RateLimited.class,
                        e -> assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(900)));
    }

    @Test
    void aThrottledConnectionCheckIsRateLimitedAtXsResetNotAFailedConnection() {
        wm.register(get(urlPathEqualTo(ME)).willReturn(answer(429, "error-429.json")));

        assertThatThrownBy(() -> adapter().check())
                .isInstanceOfSatisfying(AdapterException.RateLimited.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-04-02T12:15:00Z"));
                    // When X accepts calls again is X's word; whether Goalpost retries is the host's.
                    assertThat(e.getMessage()).contains(ME).contains("X says").contains("2026-04-02T12:15:00Z")
                            .doesNotContain("will retry").doesNotContain("retrying");
                    assertNoSecret(e, ACCESS_TOKEN);
                });
    }

    @Test
    void aThrottleWithoutResetHeaderSaysXDidNotSayWhen() {
        wm.register(get(urlPathEqualTo(ME)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBodyFile("x/error-429.json")));

        assertThatThrownBy(() -> adapter().check())
                .isInstanceOfSatisfying(AdapterException.RateLimited.class, e -> {
                    assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(900));
                    assertThat(e.getMessage()).contains("did not say").doesNotContain(e.retryAt().toString());
                });
    }

    @Test
    void aThrottledTokenRenewalDuringTheCheckIsRateLimitedAndStoresNothing() {
        wm.register(get(urlPathEqualTo(ME)).willReturn(answer(401, "error-401.json")));
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(429, "error-429.json")));

        assertThatThrownBy(() -> adapter(XStubs.refreshableConfig(baseUrl)).check())
                .isInstanceOfSatisfying(AdapterException.RateLimited.class, e -> {
                    assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-04-02T12:15:00Z"));
                    assertThat(e.getMessage()).contains(TOKEN).contains("not used").doesNotContain("will be renewed");
                    assertNoSecret(e, ACCESS_TOKEN, REFRESH_TOKEN);
                });
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void a429UsageCapIsQuotaExhaustedAndNotRetried() {
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(429, "error-429-usage-capped.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.QuotaExhausted.class, e -> {
                    assertThat(e.resetsAt()).isNull();
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("monthly usage cap");
                });
    }

    @Test
    void a402MeansBuyCredits() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(answer(402, "error-402-credits.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.QuotaExhausted.class, e -> {
                    assertThat(e.resetsAt()).isNull();
                    assertThat(e.getMessage()).contains("Buy credits");
                });
    }

    // ---- tokens ---------------------------------------------------------------------------

    @Test
    void anExpiredTokenIsRefreshedStoredAndTheCallRetriedWithTheNewToken() throws Exception {
        wm.register(get(urlPathEqualTo(USER)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(answer(401, "error-401.json")));
        wm.register(get(urlPathEqualTo(TIMELINE)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(answer(401, "error-401.json")));
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(200, "token-refreshed.json")));
        NetworkAdapter adapter = adapter(XStubs.refreshableConfig(baseUrl));

        List<FetchResult> batches = fetchAll(adapter, RANGE);

        assertThat(points(batches)).contains(MetricPoint.of(CanonicalMetric.FOLLOWERS, TODAY, 10523));
        assertThat(posts(batches)).hasSize(5);
        assertThat(context.storedCredentials()).containsExactly(Map.of(
                "access_token", "fresh-access-token-2", "refresh_token", "fresh-refresh-token-2"));
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo(TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + REFRESH_TOKEN))
                .withRequestBody(containing("client_id=" + CLIENT_ID))
                .withHeader("Authorization", absent()));
        // The retried call and every later call carried the new token.
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo(USER))
                .withHeader("Authorization", equalTo("Bearer fresh-access-token-2")));
        wm.verifyThat(3, getRequestedFor(urlPathEqualTo(TIMELINE))
                .withHeader("Authorization", equalTo("Bearer fresh-access-token-2")));
    }

    @Test
    void aRefreshTellsTheHostWhenTheNewAccessTokenLapses() throws Exception {
        wm.register(get(urlPathEqualTo(ME)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(answer(401, "error-401.json")));
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(200, "token-refreshed.json")));
        RecordingContext recording = new RecordingContext(new JdkHttpPort(), XStubs.CLOCK);

        factory.create(recording, XTesting.resolve(factory, XStubs.refreshableConfig(baseUrl))).check();

        assertThat(recording.stored()).containsExactly(Map.of(
                "access_token", "fresh-access-token-2", "refresh_token", "fresh-refresh-token-2"));
        // expires_in 7200: two hours after the refresh; X publishes no refresh-token lifetime.
        assertThat(recording.expiries()).containsExactly(new RecordingContext.Expiry(
                java.util.Optional.of(NOW.plusSeconds(7200)), java.util.Optional.empty()));
    }

    @Test
    void aConfidentialClientRefreshesWithHttpBasic() throws Exception {
        wm.register(get(urlPathEqualTo(USER)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(answer(401, "error-401.json")));
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(200, "token-refreshed.json")));
        Map<String, String> raw = XStubs.refreshableConfig(baseUrl);
        raw.put(XConfig.CLIENT_SECRET, CLIENT_SECRET);

        adapter(raw).fetch(FetchRequest.of(new DateRange(TODAY, TODAY)));

        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo(TOKEN))
                .withHeader("Authorization", equalTo("Basic " + basic)));
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenAsksToReconnect() {
        wm.register(get(urlPathMatching("/2/users/.*")).willReturn(answer(401, "error-401.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.AuthExpired.class, e -> {
                    assertThat(e.getMessage()).contains("reconnect");
                    assertNoSecret(e, ACCESS_TOKEN);
                });
        wm.verifyThat(0, postRequestedFor(urlPathEqualTo(TOKEN)));
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void aRefusedRefreshAsksToReconnectAndStoresNothing() {
        wm.register(get(urlPathMatching("/2/users/.*")).willReturn(answer(401, "error-401.json")));
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(400, "token-invalid.json")));
        Map<String, String> raw = XStubs.refreshableConfig(baseUrl);
        raw.put(XConfig.CLIENT_SECRET, CLIENT_SECRET);

        assertThatThrownBy(() -> fetchAll(adapter(raw), RANGE))
                .isInstanceOfSatisfying(AdapterException.AuthExpired.class, e -> {
                    assertThat(e.getMessage()).contains("reconnect");
                    assertNoSecret(e, ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET);
                });
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void aTokenStillRejectedAfterARefreshIsAuthExpiredWithoutASecondRefresh() {
        wm.register(get(urlPathMatching("/2/users/.*")).willReturn(answer(401, "error-401.json")));
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(200, "token-refreshed.json")));

        assertThatThrownBy(() -> fetchAll(adapter(XStubs.refreshableConfig(baseUrl)), RANGE))
                .isInstanceOfSatisfying(AdapterException.AuthExpired.class,
                        e -> assertNoSecret(e, ACCESS_TOKEN, REFRESH_TOKEN, "fresh-access-token-2",
                                "fresh-refresh-token-2"));
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    // ---- permissions, config and broken answers -------------------------------------------

    @Test
    void a403IsAMissingPermissionNamingTheScopes() {
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(403, "error-403.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.PermissionMissing.class, e -> {
                    assertThat(e.permissions()).containsExactlyInAnyOrder("tweet.read", "users.read", "offline.access");
                    assertThat(e.getMessage()).contains("tweet.read");
                });
    }

    @Test
    void anAppNotAttachedToAProjectIsAMissingPermission() {
        wm.register(get(urlPathEqualTo(ME)).willReturn(answer(403, "error-403-client-forbidden.json")));

        assertThatThrownBy(() -> adapter().check())
                .isInstanceOfSatisfying(AdapterException.PermissionMissing.class,
                        e -> assertThat(e.getMessage()).contains("client-not-enrolled").contains("Project"));
    }

    @Test
    void anUnknownUserIsAConfigurationProblem() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(answer(200, "users-not-found.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("Could not find user");
    }

    @Test
    void aNonNumericUserIdIsRejectedBeforeAnyCall() {
        Map<String, String> raw = XStubs.config(baseUrl);
        raw.put(XConfig.USER_ID, "../me");

        assertThat(factory.validate(XTesting.resolve(factory, raw))).extracting(i -> i.field())
                .containsExactly(XConfig.USER_ID);
        assertThatThrownBy(() -> fetchAll(adapter(raw), RANGE)).isInstanceOf(AdapterException.ConfigInvalid.class);
        wm.verifyThat(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void validationAsksForTheClientIdThatARefreshNeedsAndNeverThrows() {
        Map<String, String> raw = XStubs.refreshableConfig(baseUrl);
        raw.remove(XConfig.CLIENT_ID);

        assertThat(factory.validate(XTesting.resolve(factory, raw))).extracting(i -> i.field())
                .containsExactly(XConfig.CLIENT_ID);
        assertThat(factory.validate(new io.goalpost.plugin.api.ConfigValues(Map.of(), java.util.Set.of()))).isEmpty();
        assertThat(factory.validate(XTesting.resolve(factory, XStubs.refreshableConfig(baseUrl)))).isEmpty();
    }

    @Test
    void malformedJsonIsABadResponse() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBodyFile("x/not-json.html")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("/2/users/" + USER_ID)
                .hasMessageNotContaining("Bad gateway");
    }

    @Test
    void truncatedJsonIsABadResponse() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(answer(200, "users-truncated.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("cut off");
    }

    @Test
    void aPostWithoutCreatedAtIsABadResponse() {
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[{\"id\":\"1\",\"text\":\"x\"}],\"meta\":{\"result_count\":1}}")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("created_at");
    }

    @Test
    void aNegativeCountIsABadResponse() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"" + USER_ID + "\",\"public_metrics\":{\"followers_count\":-3}}}")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE)).isInstanceOf(AdapterException.BadResponse.class);
    }

    @Test
    void aCountAboveWhatAMetricMayHoldIsABadResponseNotAnUntypedFailure() {
        wm.register(get(urlPathEqualTo(USER)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"" + USER_ID + "\",\"public_metrics\":{\"followers_count\":"
                        + "20000000000000000000}}}")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE)).isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("followers_count");
    }

    @Test
    void a503IsTransient() {
        wm.register(get(urlPathEqualTo(TIMELINE)).willReturn(answer(503, "error-503.json")));

        assertThatThrownBy(() -> fetchAll(adapter(), RANGE))
                .isInstanceOfSatisfying(AdapterException.TransientFailure.class,
                        e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void noErrorMessageCarriesASecretOrAQueryString() {
        Map<String, String> raw = XStubs.refreshableConfig(baseUrl);
        raw.put(XConfig.CLIENT_SECRET, CLIENT_SECRET);
        String[] secrets = {ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET};
        List<String> files = List.of("error-401.json", "error-402-credits.json", "error-403.json",
                "error-403-client-forbidden.json", "error-429.json", "error-429-usage-capped.json", "error-503.json",
                "error-400-pagination-token.json", "users-not-found.json", "users-truncated.json");
        for (String file : files) {
            XStubs.happyPath(wm);
            int status = Integer.parseInt(file.startsWith("error-") ? file.substring(6, 9) : "200");
            wm.register(get(urlPathMatching("/2/users/.*")).willReturn(answer(status, file)));
            wm.register(post(urlPathEqualTo(TOKEN)).willReturn(answer(400, "token-invalid.json")));
            NetworkAdapter adapter = factory.create(new TestAdapterContext(new JdkHttpPort(), XStubs.CLOCK),
                    XTesting.resolve(factory, raw));

            assertThatThrownBy(() -> fetchAll(adapter, RANGE)).as(file)
                    .isInstanceOfSatisfying(AdapterException.class, e -> assertNoSecret(e, secrets));
        }
    }
}
