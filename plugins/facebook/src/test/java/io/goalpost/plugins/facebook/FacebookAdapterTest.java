package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.meta.GraphErrors;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.goalpost.plugins.facebook.FacebookStubs.ALL_PAGE_METRICS;
import static io.goalpost.plugins.facebook.FacebookStubs.CLOCK;
import static io.goalpost.plugins.facebook.FacebookStubs.INSIGHTS_PATH;
import static io.goalpost.plugins.facebook.FacebookStubs.NOW;
import static io.goalpost.plugins.facebook.FacebookStubs.PACIFIC;
import static io.goalpost.plugins.facebook.FacebookStubs.PAGE_ID;
import static io.goalpost.plugins.facebook.FacebookStubs.PAGE_PATH;
import static io.goalpost.plugins.facebook.FacebookStubs.POSTS_PATH;
import static io.goalpost.plugins.facebook.FacebookStubs.RANGE;
import static io.goalpost.plugins.facebook.FacebookStubs.TOKEN;
import static io.goalpost.plugins.facebook.FacebookStubs.businessUseCaseUsage;
import static io.goalpost.plugins.facebook.FacebookStubs.error;
import static io.goalpost.plugins.facebook.FacebookStubs.midnight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.Fetches;
import io.goalpost.plugin.testkit.TestAdapterContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adapter against WireMock stubs of the Graph API. */
@WireMockTest
final class FacebookAdapterTest {

    private final FacebookAdapterFactory factory = new FacebookAdapterFactory();
    private TestAdapterContext context;
    private NetworkAdapter adapter;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        context = new TestAdapterContext(new io.goalpost.plugin.testkit.JdkHttpPort(), CLOCK);
        ConfigValues values = factory.descriptor().config().resolve(FacebookStubs.config(wm));
        adapter = factory.create(context, values);
    }

    // ---- connection check --------------------------------------------------------------------------

    @Test
    void checkReturnsThePageInPacificTimeAndSendsTheTokenOnlyAsBearerHeader() throws AdapterException {
        FacebookStubs.stubHappyPath();

        CheckResult result = adapter.check();

        assertThat(result.identity().externalId()).isEqualTo(PAGE_ID);
        assertThat(result.identity().handle()).isEqualTo("acmecoffee");
        assertThat(result.identity().displayName()).isEqualTo("Acme Coffee");
        assertThat(result.identity().reportingZone()).isEqualTo(PACIFIC);
        verify(getRequestedFor(urlPathEqualTo(PAGE_PATH)).withQueryParam("fields", equalTo("id,name,username,link"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withQueryParam("access_token", absent()));
        // The probe that proves the token may read insights.
        verify(getRequestedFor(urlPathEqualTo(INSIGHTS_PATH)).withQueryParam("metric", equalTo("page_follows"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(context.http().requests()).allSatisfy(r -> assertThat(r.uri().toString()).doesNotContain(TOKEN));
    }

    @Test
    void checkTakesTheHandleFromThePageLinkWhenThereIsNoUsername() throws AdapterException {
        stubFor(get(urlPathEqualTo(PAGE_PATH)).willReturn(okJson(
                "{\"id\":\"" + PAGE_ID + "\",\"name\":\"Acme Coffee\",\"link\":\"https://www.facebook.com/acme.coffee.sf/\"}")));
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).willReturn(okJson("{\"data\":[]}")));

        assertThat(adapter.check().identity().handle()).isEqualTo("acme.coffee.sf");
    }

    @Test
    void checkReportsATokenThatCannotReadInsightsAsMissingPermission() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(10, 0,
                "(#10) This endpoint requires the 'read_insights' permission or the 'pages_read_engagement' permission.")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                adapter::check);

        assertThat(e.permissions()).containsExactlyInAnyOrder("read_insights", "pages_read_engagement");
        assertThat(e).hasMessageContaining("read_insights");
    }

    // ---- Page Insights -----------------------------------------------------------------------------

    @Test
    void readsInsightsInWindowsOfAtMost90DaysAndFilesValuesUnderTheirPacificDay() throws AdapterException {
        FacebookStubs.stubHappyPath();

        List<FetchResult> batches = Fetches.all(adapter, RANGE);

        // Two insights windows, then three pages of posts.
        assertThat(batches).hasSize(5);
        verify(1, getRequestedFor(urlPathEqualTo(INSIGHTS_PATH)).withQueryParam("period", equalTo("day"))
                .withQueryParam("metric", equalTo(ALL_PAGE_METRICS))
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 1, 1))))
                .withQueryParam("until", equalTo(midnight(LocalDate.of(2026, 4, 1)))));
        verify(1, getRequestedFor(urlPathEqualTo(INSIGHTS_PATH))
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 4, 1))))
                .withQueryParam("until", equalTo(midnight(LocalDate.of(2026, 5, 16)))));
        for (HttpRequest r : context.http().requests()) {
            if (r.uri().getPath().endsWith("/insights")) {
                long seconds = Long.parseLong(r.queryParam("until")) - Long.parseLong(r.queryParam("since"));
                assertThat(seconds).as("window of " + r).isLessThanOrEqualTo(90 * 86_400L);
            }
        }

        Map<String, Double> points = points(batches);
        // end_time 2026-01-02T08:00+0000 closes January 1 (PST); 2026-03-09T07:00 closes March 8 (first PDT day).
        assertThat(points).containsEntry("followers@2026-01-01", 20000.0)
                .containsEntry("followers@2026-01-02", 20010.0)
                .containsEntry("followers@2026-03-07", 20288.0)
                .containsEntry("followers@2026-03-08", 20300.0)
                .containsEntry("followers@2026-03-31", 20500.0)
                .containsEntry("followers@2026-04-01", 20510.0)
                .containsEntry("followers@2026-05-15", 21000.0)
                .containsEntry("follower_gains@2026-01-02", 15.0)
                .containsEntry("follower_losses@2026-01-02", 5.0)
                .containsEntry("views@2026-01-01", 1523.0)
                .containsEntry("views@2026-03-31", 1710.0)
                .containsEntry("reach@2026-01-01", 912.0)
                .containsEntry("engagements@2026-01-01", 88.0)
                .containsEntry("profile_views@2026-01-01", 41.0)
                .containsEntry("video_views@2026-01-01", 307.0)
                .containsEntry("reactions@2026-01-01", 16.0)
                .containsEntry("reactions@2026-03-08", 42.0);
        // 2025-12-31 and 2026-05-16 came back from Facebook but are outside the range.
        assertThat(points).doesNotContainKeys("followers@2025-12-31", "followers@2026-05-16");
        // Days Facebook did not report are absent, never 0.
        assertThat(points).doesNotContainKeys("views@2026-01-02", "reach@2026-04-01", "reactions@2026-01-03");
        assertThat(points).hasSize(20);
    }

    @Test
    void dailyReactionsAreTheSumOfTheTypesAndAnEmptyBreakdownOfAReturnedDayIsZero() throws AdapterException {
        FacebookStubs.stubHappyPath();

        Map<String, Double> points = points(Fetches.all(adapter, RANGE));

        // {"like": 12, "love": 3, "haha": 1} closes January 1 (PST).
        assertThat(points).containsEntry("reactions@2026-01-01", 16.0);
        // Facebook returned January 2 with {}: breakdowns list only the types that occurred, so none did.
        assertThat(points).containsEntry("reactions@2026-01-02", 0.0);
        // January 3 is not in the answer at all: absent, not 0.
        assertThat(points).doesNotContainKey("reactions@2026-01-03");
        verify(getRequestedFor(urlPathEqualTo(INSIGHTS_PATH))
                .withQueryParam("metric", equalTo(ALL_PAGE_METRICS)));
        assertThat(ALL_PAGE_METRICS).contains("page_actions_post_reactions_total");
    }

    @Test
    void aValueAboveWhatAMetricMayHoldIsABadResponseNotAnUntypedFailure() {
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).willReturn(okJson("{\"data\":[{\"name\":\"page_media_view\","
                + "\"period\":\"day\",\"values\":[{\"value\":2e15,\"end_time\":\"2026-01-02T08:00:00+0000\"}]}]}")));

        assertThatThrownBy(() -> Fetches.all(adapter, new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("page_media_view")
                .hasMessageContaining("10^15");
    }

    @Test
    void aReactionBreakdownWithANegativeOrNonNumericCountIsNotTurnedIntoANumber() throws AdapterException {
        String since = midnight(LocalDate.of(2026, 1, 1));
        String until = midnight(LocalDate.of(2026, 1, 3));
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).withQueryParam("since", equalTo(since)).willReturn(okJson(
                "{\"data\":[{\"name\":\"page_actions_post_reactions_total\",\"period\":\"day\",\"values\":["
                        + "{\"value\":{\"like\":5,\"love\":-2},\"end_time\":\"2026-01-02T08:00:00+0000\"},"
                        + "{\"value\":{\"like\":7},\"end_time\":\"2026-01-03T08:00:00+0000\"}]}]}")));
        stubFor(get(urlPathEqualTo(POSTS_PATH)).willReturn(okJson("{\"data\":[]}")));
        DateRange twoDays = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));

        List<FetchResult> batches = Fetches.all(adapter, twoDays);

        assertThat(points(batches)).doesNotContainKey("reactions@2026-01-01").containsEntry("reactions@2026-01-02", 7.0);
        assertThat(batches.get(0).notes()).anySatisfy(n -> assertThat(n)
                .contains("negative page_actions_post_reactions_total").contains("2026-01-01"));

        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).withQueryParam("since", equalTo(since)).atPriority(1)
                .willReturn(okJson("{\"data\":[{\"name\":\"page_actions_post_reactions_total\",\"period\":\"day\","
                        + "\"values\":[{\"value\":{\"like\":\"many\"},\"end_time\":\"2026-01-02T08:00:00+0000\"}]}]}")));
        assertThatThrownBy(() -> Fetches.all(adapter, twoDays)).isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("page_actions_post_reactions_total");
    }

    @Test
    void aNinetyDayWindowAcrossTheNovemberClockChangeIsShortenedToStayWithin90Days() throws AdapterException {
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).willReturn(okJson("{\"data\":[]}")));
        stubFor(get(urlPathEqualTo(POSTS_PATH)).willReturn(okJson("{\"data\":[]}")));

        Fetches.all(adapter, new DateRange(LocalDate.of(2025, 9, 20), LocalDate.of(2025, 12, 18)));

        // 90 Pacific days, but November 2 has 25 hours: 89 days, then the last day alone.
        verify(getRequestedFor(urlPathEqualTo(INSIGHTS_PATH))
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2025, 9, 20))))
                .withQueryParam("until", equalTo(midnight(LocalDate.of(2025, 12, 18)))));
        verify(getRequestedFor(urlPathEqualTo(INSIGHTS_PATH))
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2025, 12, 18))))
                .withQueryParam("until", equalTo(midnight(LocalDate.of(2025, 12, 19)))));
    }

    @Test
    void neverAsksForMetricsMetaHasRemoved() throws AdapterException {
        FacebookStubs.stubHappyPath();

        Fetches.all(adapter, RANGE);

        for (HttpRequest r : context.http().requests()) {
            String asked = String.valueOf(r.queryParam("metric")) + String.valueOf(r.queryParam("fields"));
            assertThat(asked).doesNotContain("page_impressions", "page_fans", "page_fan_adds", "post_impressions",
                    "page_engaged_users", "_unique_v2");
        }
    }

    @Test
    void todaysFollowerLevelComesFromThePageSnapshotWhenTheRangeReachesToday() throws AdapterException {
        FacebookStubs.stubHappyPath();

        List<FetchResult> batches = Fetches.all(adapter, new DateRange(LocalDate.of(2026, 5, 18), LocalDate.of(2026, 5, 20)));

        assertThat(points(batches)).containsEntry("followers@2026-05-20", 21050.0);
        verify(getRequestedFor(urlPathEqualTo(PAGE_PATH)).withQueryParam("fields", equalTo("followers_count")));
    }

    // ---- posts -------------------------------------------------------------------------------------

    @Test
    void readsPostsPageByPageWithFacebooksCursorsAndKeepsOnlyPostsOfTheRange() throws AdapterException {
        FacebookStubs.stubHappyPath();

        List<FetchResult> batches = Fetches.all(adapter, RANGE);

        assertThat(batches.get(1).next()).contains(new Cursor(1, "posts|"));
        assertThat(batches.get(2).next()).contains(new Cursor(1, "posts|QVFIUkx1ZA"));
        // The second page had no cursors object: the cursor comes from paging.next.
        assertThat(batches.get(3).next()).contains(new Cursor(1, "posts|QVFIUm2ZA"));
        assertThat(batches.get(4).isLast()).isTrue();
        List<PostSnapshot> posts = posts(batches);
        // ..000000 was posted 2026-01-01 05:00 UTC = December 31 in Pacific time; ..000099 in December.
        assertThat(posts).extracting(PostSnapshot::postId).containsExactly("104857600000001_987654321000003",
                "104857600000001_987654321000002", "104857600000001_987654321000001");
        assertThat(posts).extracting(PostSnapshot::type).containsExactly("photo", "video", "link");
        PostSnapshot photo = posts.get(0);
        assertThat(photo.publishedAt()).isEqualTo(java.time.Instant.parse("2026-05-10T16:24:04Z"));
        assertThat(photo.permalink()).isEqualTo("https://www.facebook.com/104857600000001/posts/987654321000003");
        // The post's message arrives as its text, as written (markup is the host's to escape); no message, no text.
        assertThat(photo.text()).isEqualTo("Spring menu is here \ud83c\udf38 <b>Tap</b> to see what's new & book a table.");
        assertThat(posts.get(1).text()).isNull();
        assertThat(photo.metrics()).containsEntry(CanonicalMetric.VIEWS.id(), 5120.0)
                .containsEntry(CanonicalMetric.REACH.id(), 3904.0)
                .containsEntry(CanonicalMetric.REACTIONS.id(), 233.0)
                .containsEntry(CanonicalMetric.COMMENTS.id(), 41.0)
                .containsEntry(CanonicalMetric.SHARES.id(), 14.0)
                .containsEntry(CanonicalMetric.LINK_CLICKS.id(), 48.0)
                .containsEntry(FacebookAdapterFactory.POST_CLICKS, 239.0)
                .containsEntry(CanonicalMetric.VIDEO_VIEWS.id(), 0.0);
        verify(getRequestedFor(urlPathEqualTo(POSTS_PATH)).withQueryParam("fields", equalTo(FacebookAdapter.POST_FIELDS))
                .withQueryParam("since", equalTo(midnight(RANGE.from())))
                .withQueryParam("until", equalTo(midnight(RANGE.to().plusDays(1))))
                .withQueryParam("limit", equalTo("50")).withQueryParam("access_token", absent())
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aPostNobodySharedHasNoSharesValueRatherThanZero() throws AdapterException {
        FacebookStubs.stubHappyPath();

        PostSnapshot video = post(Fetches.all(adapter, RANGE), "104857600000001_987654321000002");

        assertThat(video.metrics()).doesNotContainKey(CanonicalMetric.SHARES.id());
        assertThat(video.metrics()).containsEntry(CanonicalMetric.REACTIONS.id(), 80.0)
                .containsEntry(CanonicalMetric.VIDEO_VIEWS.id(), 1200.0);
        // post_clicks_by_type lists only types that occurred: no "link clicks" key is a real 0.
        assertThat(video.metrics()).containsEntry(CanonicalMetric.LINK_CLICKS.id(), 0.0);
    }

    @Test
    void aPostWithoutClicksByTypeHasNoLinkClicksValue() throws AdapterException {
        FacebookStubs.stubHappyPath();

        PostSnapshot link = post(Fetches.all(adapter, RANGE), "104857600000001_987654321000001");

        assertThat(link.metrics()).doesNotContainKeys(CanonicalMetric.LINK_CLICKS.id(), CanonicalMetric.VIDEO_VIEWS.id());
        assertThat(link.metrics()).containsEntry(CanonicalMetric.SHARES.id(), 2.0)
                .containsEntry(FacebookAdapterFactory.POST_CLICKS, 30.0);
    }

    @Test
    void anEmptyPageGivesNoPointsNoPostsAndSaysWhy() throws AdapterException {
        FacebookStubs.stubEmptyPage();

        List<FetchResult> batches = Fetches.all(adapter, RANGE);

        assertThat(batches).allSatisfy(b -> {
            assertThat(b.points()).isEmpty();
            assertThat(b.posts()).isEmpty();
        });
        assertThat(batches.get(batches.size() - 1).isLast()).isTrue();
        assertThat(batches.get(0).notes()).singleElement().asString()
                .contains("no Page Insights for 2026-01-01..2026-03-31").contains("at least 100 followers");
    }

    // ---- rate limiting -----------------------------------------------------------------------------

    @ParameterizedTest(name = "throttling code {0}")
    @ValueSource(ints = {4, 17, 32, 613, 80001})
    void everyThrottlingCodeIsRateLimitedWithADefaultWaitWhenNoHeaderSaysMore(int code) {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                .willReturn(error(code, code == 613 ? 1996 : 0, "(#" + code + ") Too many calls. Wait and try again.")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
        assertThat(e).hasMessageContaining("code " + code)
                .hasMessageContaining("did not say for how long; Goalpost will try again later")
                .hasMessageNotContaining("waits").hasMessageNotContaining("15 minutes");
    }

    @ParameterizedTest(name = "throttling code {0} during the connection check")
    @ValueSource(ints = {4, 17, 32, 613, 80001})
    void aThrottledConnectionCheckIsRateLimitedNotAFailure(int code) {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(code, 0,
                "(#" + code + ") Too many calls. Wait and try again.")
                .withHeader("X-Business-Use-Case-Usage", businessUseCaseUsage(100, 9))));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class, adapter::check);

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(9)));
        assertThat(e).hasMessageContaining("throttling").hasMessageContaining("about 9 minutes")
                .hasMessageContaining("Goalpost will try again then");
    }

    @Test
    void aThrottledPageLookupDuringTheCheckIsRateLimitedToo() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(PAGE_PATH)).atPriority(1).willReturn(aResponse().withStatus(429)));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class, adapter::check);

        assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
        assertThat(e).hasMessageContaining("HTTP 429").hasMessageContaining("Goalpost will try again later");
    }

    @Test
    void businessUseCaseHeaderGivesTheRetryTime() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(80001, 0,
                "(#80001) There have been too many calls to this Page account. Wait a bit and try again.")
                .withHeader("X-Business-Use-Case-Usage", businessUseCaseUsage(104, 7))));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(7)));
        assertThat(e).hasMessageContaining("X-Business-Use-Case-Usage reports 104 % used")
                .hasMessageContaining("about 7 minutes");
    }

    @Test
    void appUsageHeaderIsReportedWithTheThrottlingError() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1).willReturn(error(4, 0,
                "(#4) Application request limit reached")
                .withHeader("X-App-Usage", "{\"call_count\":100,\"total_cputime\":35,\"total_time\":41}")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> Fetches.all(adapter, RANGE));

        assertThat(e).hasMessageContaining("X-App-Usage reports 100 % used").hasMessageContaining("GET /" + PAGE_ID
                + "/published_posts");
        assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
    }

    @Test
    void legacyPageUsageHeaderIsReadToo() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(32, 0,
                "(#32) Page request limit reached")
                .withHeader("X-Page-Usage", "{\"call_count\":100,\"total_cputime\":56,\"total_time\":60,"
                        + "\"estimated_time_to_regain_access\":12}")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(12)));
        assertThat(e).hasMessageContaining("X-Page-Usage");
    }

    @Test
    void aThrottlingErrorInsideHttp200IsStillRateLimited() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(200, 613, 1996,
                "(#613) Calls to this api have exceeded the rate limit.")));

        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(RANGE))).isInstanceOf(AdapterException.RateLimited.class);
    }

    @ParameterizedTest(name = "{0} at 100 % on a 200")
    @ValueSource(strings = {"X-Business-Use-Case-Usage", "X-App-Usage", "X-Page-Usage"})
    void aUsageHeaderAtTheLimitOnASuccessfulCallIsOnlyAWarning(String header) throws AdapterException {
        FacebookStubs.stubHappyPath();
        String value = header.equals("X-Business-Use-Case-Usage") ? businessUseCaseUsage(100, 3)
                : "{\"call_count\":100,\"total_cputime\":40,\"total_time\":52}";
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 1, 1))))
                .willReturn(FacebookStubs.jsonFile("facebook/insights_2026q1.json").withHeader(header, value)));

        FetchResult first = adapter.fetch(FetchRequest.of(RANGE));

        assertThat(first.points()).hasSize(16);
        assertThat(first.next()).isPresent();
        assertThat(first.notes()).singleElement().asString().contains("100 %").contains(header);
    }

    @ParameterizedTest(name = "{0} at 100 % on a 200")
    @ValueSource(strings = {"X-Business-Use-Case-Usage", "X-App-Usage"})
    void aBudgetUsedUpOnASuccessfulCallStopsTheNextStepBeforeItsCall(String header) throws AdapterException {
        FacebookStubs.stubHappyPath();
        boolean businessUseCase = header.equals("X-Business-Use-Case-Usage");
        String value = businessUseCase ? businessUseCaseUsage(100, 6)
                : "{\"call_count\":100,\"total_cputime\":40,\"total_time\":52}";
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 1, 1))))
                .willReturn(FacebookStubs.jsonFile("facebook/insights_2026q1.json").withHeader(header, value)));

        FetchResult first = adapter.fetch(FetchRequest.of(RANGE));
        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter.fetch(FetchRequest.resume(RANGE, first.next().orElseThrow())));

        assertThat(first.points()).as("the answer that announced the throttle is kept").hasSize(16);
        // Meta's own estimate when it gave one, else the default wait.
        assertThat(e.retryAt()).isEqualTo(NOW.plus(businessUseCase ? Duration.ofMinutes(6)
                : GraphErrors.DEFAULT_RATE_LIMIT_WAIT));
        assertThat(e).hasMessageContaining("Facebook reported the call budget used up (" + header + " at 100 %)")
                .hasMessageContaining("GET /" + PAGE_ID + "/insights was not called");
        verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void usageBelowTheLimitAddsNoNote() throws AdapterException {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 1, 1))))
                .willReturn(FacebookStubs.jsonFile("facebook/insights_2026q1.json")
                        .withHeader("X-Business-Use-Case-Usage", businessUseCaseUsage(97, 0))));

        assertThat(adapter.fetch(FetchRequest.of(RANGE)).notes()).isEmpty();
    }

    // ---- token and permission errors ---------------------------------------------------------------

    @Test
    void anExpiredTokenAsksTheUserToReconnectAndIsNotRetried() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(190, 463,
                "Error validating access token: Session has expired on Sunday, 01-Mar-26 10:00:00 PST. "
                        + "The current time is Monday, 02-Mar-26 03:12:45 PST.")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e).hasMessageContaining("the token has expired").hasMessageContaining("Reconnect the Page")
                .hasMessageNotContaining(TOKEN);
        // Page tokens have no refresh token: nothing is stored, the call is not repeated.
        assertThat(context.storedCredentials()).isEmpty();
        assertThat(context.http().requests()).hasSize(1);
    }

    @Test
    void aTokenInvalidatedByAPasswordChangeSaysSo() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(PAGE_PATH)).atPriority(1).willReturn(error(190, 460,
                "Error validating access token: The session has been invalidated because the user changed their password.")));

        assertThatThrownBy(adapter::check).isInstanceOf(AdapterException.AuthExpired.class)
                .hasMessageContaining("the password was changed");
    }

    @Test
    void aMissingPermissionIsNamedWhenFacebookNamesIt() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1).willReturn(error(403, 200, 0,
                "(#200) Requires pages_read_engagement permission to manage the object")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> Fetches.all(adapter, RANGE));

        assertThat(e.permissions()).containsExactly("pages_read_engagement");
        assertThat(e).hasMessageContaining("GET /" + PAGE_ID + "/published_posts");
    }

    @Test
    void aPermissionErrorWithoutANamedPermissionStillSaysWhatToGrant() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(10, 0,
                "(#10) Permission denied")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e.permissions()).isEmpty();
        assertThat(e).hasMessageContaining("grant read_insights and pages_read_engagement");
    }

    // ---- broken answers and transient failures -----------------------------------------------------

    @Test
    void malformedJsonIsABadResponse() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(okJson("{\"data\": [ {\"name\": oops } ]}")));

        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(RANGE))).isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("GET /" + PAGE_ID + "/insights").hasMessageContaining("malformed or truncated");
    }

    @Test
    void truncatedJsonIsABadResponse() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1).willReturn(okJson(
                "{\"data\":[{\"id\":\"104857600000001_987654321000003\",\"created_time\":\"2026-05-10T16:2")));

        assertThatThrownBy(() -> Fetches.all(adapter, RANGE)).isInstanceOf(AdapterException.BadResponse.class);
    }

    @Test
    void anAnswerWithoutDataOrWithAPostMissingItsDateIsABadResponse() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(okJson("{\"paging\":{}}")));
        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(RANGE))).isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("no 'data' list");

        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1).willReturn(okJson("{\"data\":[{\"id\":\"1_2\"}]}")));
        assertThatThrownBy(() -> adapter.fetch(FetchRequest.resume(RANGE, new Cursor(1, "posts|"))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("without created_time");
    }

    @Test
    void serverErrorsAndTransientCodesAreTransient() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad Gateway</body></html>")));
        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(RANGE)))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("HTTP 502");

        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(500, 1, 99,
                "An unknown error occurred")));
        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(RANGE)))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("code 1");

        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(2, 0,
                "An unexpected error has occurred. Please retry your request later.")));
        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(RANGE)))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("code 2");
    }

    @Test
    void aRemovedMetricIsNamedAfterAskingForEachMetricAlone() {
        FacebookStubs.stubHappyPath();
        String invalid = "(#100) The value must be a valid insights metric";
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(2).willReturn(error(100, 0, invalid)));
        for (String metric : ALL_PAGE_METRICS.split(",")) {
            stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).withQueryParam("metric", equalTo(metric))
                    .willReturn(metric.equals("page_video_views") ? error(100, 0, invalid) : okJson("{\"data\":[]}")));
        }

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e).hasMessageContaining("page_video_views").hasMessageNotContaining("page_media_view")
                .hasMessageContaining("Update the Facebook plugin");
        // One combined call and one per metric: bounded.
        assertThat(context.http().requests()).hasSize(1 + ALL_PAGE_METRICS.split(",").length);
    }

    @Test
    void anUnknownPageIdIsAConfigurationProblem() {
        stubFor(get(urlPathEqualTo(PAGE_PATH)).willReturn(error(100, 33, "Unsupported get request. Object with ID '"
                + PAGE_ID + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.")));

        assertThatThrownBy(adapter::check).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("Check page_id");
    }

    @Test
    void noTokenOrTokenBearingUrlEverAppearsInAMessage() {
        FacebookStubs.stubHappyPath();
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1).willReturn(error(9999, 0,
                "Something odd with token " + TOKEN + " at https://graph.facebook.com/v25.0/me?access_token=" + TOKEN
                        + "&fields=id")));

        AdapterException e = catchThrowableOfType(AdapterException.class, () -> adapter.fetch(FetchRequest.of(RANGE)));

        assertThat(e).isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("error code 9999")
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining("access_token=test-")
                .hasMessageContaining("https://graph.facebook.com/v25.0/me");
    }

    // ---- cursors -----------------------------------------------------------------------------------

    @Test
    void cursorsThisAdapterCannotResumeFromAreCursorInvalid() {
        for (Cursor bad : List.of(new Cursor(1, "%%nonsense%%"), new Cursor(2, "metrics|2026-01-01"),
                new Cursor(1, "metrics|2025-06-01"), new Cursor(1, "metrics|not-a-date"), new Cursor(1, "later|x"),
                new Cursor(1, "posts|<script>"))) {
            assertThatThrownBy(() -> adapter.fetch(FetchRequest.resume(RANGE, bad))).as(bad.token())
                    .isInstanceOf(AdapterException.CursorInvalid.class);
        }
        assertThat(context.http().requests()).isEmpty();
    }

    @Test
    void resumingFromTheSecondWindowReadsOnlyWhatIsLeft() throws AdapterException {
        FacebookStubs.stubHappyPath();

        FetchResult second = adapter.fetch(FetchRequest.resume(RANGE, new Cursor(1, "metrics|2026-04-01")));

        assertThat(points(List.of(second))).containsOnlyKeys("views@2026-04-01", "views@2026-05-15",
                "followers@2026-04-01", "followers@2026-05-15");
        assertThat(second.next()).contains(new Cursor(1, "posts|"));
    }

    // ---- helpers -----------------------------------------------------------------------------------


    private static Map<String, Double> points(List<FetchResult> batches) {
        Map<String, Double> points = new LinkedHashMap<>();
        for (FetchResult b : batches) {
            for (MetricPoint p : b.points()) {
                assertThat(points.put(p.metric() + "@" + p.day(), p.value())).as("duplicate " + p).isNull();
            }
        }
        return points;
    }

    private static List<PostSnapshot> posts(List<FetchResult> batches) {
        List<PostSnapshot> posts = new ArrayList<>();
        batches.forEach(b -> posts.addAll(b.posts()));
        return posts;
    }

    private static PostSnapshot post(List<FetchResult> batches, String id) {
        Map<String, PostSnapshot> byId = new HashMap<>();
        posts(batches).forEach(p -> byId.put(p.postId(), p));
        assertThat(byId).containsKey(id);
        return byId.get(id);
    }
}
