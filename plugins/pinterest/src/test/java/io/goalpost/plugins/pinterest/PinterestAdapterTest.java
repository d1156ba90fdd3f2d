package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.testkit.Fetches;
import io.goalpost.plugin.testkit.RecordingContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.goalpost.plugins.pinterest.PinterestStubs.ACCESS_TOKEN;
import static io.goalpost.plugins.pinterest.PinterestStubs.CLIENT_ID;
import static io.goalpost.plugins.pinterest.PinterestStubs.CLIENT_SECRET;
import static io.goalpost.plugins.pinterest.PinterestStubs.LOOK_BACK;
import static io.goalpost.plugins.pinterest.PinterestStubs.NOW;
import static io.goalpost.plugins.pinterest.PinterestStubs.PAGE_2;
import static io.goalpost.plugins.pinterest.PinterestStubs.PAGE_3;
import static io.goalpost.plugins.pinterest.PinterestStubs.REFRESH_TOKEN;
import static io.goalpost.plugins.pinterest.PinterestStubs.TODAY;
import static io.goalpost.plugins.pinterest.PinterestStubs.file;
import static io.goalpost.plugins.pinterest.PinterestStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
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
import io.goalpost.plugin.testkit.WireMockAdapterTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against WireMock stubs of the documented Pinterest API v5 shapes. */
final class PinterestAdapterTest extends WireMockAdapterTest {

    private static final MetricId VIEWS = CanonicalMetric.VIEWS.id();
    private static final MetricId SAVES = CanonicalMetric.SAVES.id();
    private static final MetricId FOLLOWERS = CanonicalMetric.FOLLOWERS.id();

    private static final String AUTH_FAILED = "{\"code\":2,\"message\":\"Authentication failed.\"}";

    private final PinterestAdapterFactory factory = new PinterestAdapterFactory();

    PinterestAdapterTest() {
        super(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void stubHappyPath() {
        PinterestStubs.happyPath(wm);
    }

    // ---- check -----------------------------------------------------------------------------

    @Test
    void checkReturnsTheAccountInUtcAndSendsTheBearerToken() throws AdapterException {
        CheckResult result = adapter(PinterestStubs.config(baseUrl)).check();

        assertThat(result.identity().externalId()).isEqualTo("549755885175");
        assertThat(result.identity().handle()).isEqualTo("acme");
        assertThat(result.identity().displayName()).isEqualTo("Acme");
        assertThat(result.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(result.missingOptionalPermissions()).isEmpty();
        wm.verifyThat(getRequestedFor(urlPathEqualTo("/v5/user_account"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void checkFlagsAPersonalAccountWhoseAnalyticsPinterestRefuses() throws AdapterException {
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1).willReturn(json(200,
                "{\"account_type\":\"PINTEREST\",\"id\":\"42\",\"username\":\"jo\",\"follower_count\":12}")));

        CheckResult result = adapter(PinterestStubs.config(baseUrl)).check();

        assertThat(result.identity().handle()).isEqualTo("jo");
        assertThat(result.missingOptionalPermissions()).containsExactly("business_account");
    }

    // ---- account metrics -------------------------------------------------------------------

    @Test
    void theLookBackIsFetchedInTwoAnalyticsWindowsWithTheDocumentedParameters() throws AdapterException {
        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);

        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/user_account/analytics"))
                .withQueryParam("start_date", equalTo("2025-12-02"))
                .withQueryParam("end_date", equalTo("2026-03-01"))
                .withQueryParam("metric_types", equalTo("IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,ENGAGEMENT"))
                .withQueryParam("split_field", equalTo("NO_SPLIT"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/user_account/analytics"))
                .withQueryParam("start_date", equalTo("2026-03-02"))
                .withQueryParam("end_date", equalTo("2026-03-02")));
        assertThat(batches.get(0).next()).map(Cursor::token).contains("metrics|2026-03-02");
        assertThat(batches.get(1).next()).map(Cursor::token).contains("posts|");
        assertThat(batches).as("2 metric windows, then 3 pages of pins").hasSize(5);
    }

    @Test
    void readyDaysBecomePointsAndWhatPinterestLeftOutStaysAbsent() throws AdapterException {
        List<MetricPoint> points = points(Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK));

        Map<String, Double> byKey = points.stream().collect(Collectors.toMap(
                p -> p.metric() + "@" + p.day(), MetricPoint::value));
        assertThat(byKey).containsEntry("views@2025-12-02", 3900.0)
                .containsEntry("saves@2025-12-02", 31.0)
                .containsEntry("link_clicks@2025-12-02", 41.0)
                .containsEntry("engagements@2025-12-02", 190.0)
                .containsEntry("pinterest.pin_clicks@2025-12-02", 110.0)
                .containsEntry("views@2026-02-27", 4200.0)
                .containsEntry("saves@2026-02-28", 0.0);
        assertThat(byKey).as("SAVE missing on 2026-02-27 is absent, not 0").doesNotContainKey("saves@2026-02-27");
        assertThat(points).as("PROCESSING days have no metrics")
                .noneMatch(p -> p.day().equals(LocalDate.of(2026, 3, 1)) && !p.metric().equals(FOLLOWERS));
        assertThat(points).as("a day outside the asked window is ignored")
                .noneMatch(p -> p.day().isBefore(LOOK_BACK.from()));
        assertThat(points).as("rates are left to the host").noneMatch(p -> p.metric().value().contains("rate"));
    }

    @Test
    void processingDaysAreNamedInANote() throws AdapterException {
        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);

        assertThat(batches.get(0).notes()).singleElement().asString()
                .contains("still processing").contains("2026-03-01");
        assertThat(batches.get(1).notes()).singleElement().asString()
                .contains("still processing").contains("2026-03-02");
    }

    @Test
    void followersAreTodaysSnapshotOnlyWhenTheRangeReachesToday() throws AdapterException {
        List<MetricPoint> withToday = points(Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK));
        assertThat(withToday).filteredOn(p -> p.metric().equals(FOLLOWERS))
                .containsExactly(MetricPoint.of(CanonicalMetric.FOLLOWERS, TODAY, 5120));

        wm.resetRequests();
        DateRange past = new DateRange(LocalDate.of(2025, 12, 2), LocalDate.of(2026, 2, 28));
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).atPriority(1)
                .withQueryParam("end_date", equalTo("2026-02-28")).willReturn(file("analytics_window1.json")));
        List<MetricPoint> past1 = points(Fetches.all(adapter(PinterestStubs.config(baseUrl)), past));
        assertThat(past1).as("no follower history exists for past days").noneMatch(p -> p.metric().equals(FOLLOWERS));
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo("/v5/user_account")));
    }

    @Test
    void aRangeOlderThanTheLookBackIsClampedAndExplained() throws AdapterException {
        DateRange range = new DateRange(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 1, 31));
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).atPriority(1)
                .withQueryParam("start_date", equalTo("2025-12-02"))
                .withQueryParam("end_date", equalTo("2026-01-31")).willReturn(file("analytics_window1.json")));

        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), range);

        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/user_account/analytics"))
                .withQueryParam("start_date", equalTo("2025-12-02")));
        assertThat(batches.get(0).notes()).anySatisfy(note -> assertThat(note)
                .contains("90 days").contains("2025-12-02"));
        assertThat(points(batches)).extracting(MetricPoint::day)
                .allSatisfy(day -> assertThat(range.contains(day)).isTrue());
    }

    // ---- pins ------------------------------------------------------------------------------

    @Test
    void pinsArePagedWithTheBookmarkUntilItIsNull() throws AdapterException {
        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);

        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/pins")).withQueryParam("page_size", equalTo("25"))
                .withQueryParam("bookmark", WireMock.absent()));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/pins")).withQueryParam("bookmark", equalTo(PAGE_2)));
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/pins")).withQueryParam("bookmark", equalTo(PAGE_3)));
        assertThat(batches.get(2).next()).map(Cursor::token).contains("posts|" + PAGE_2);
        assertThat(batches.get(4).isLast()).isTrue();
        assertThat(posts(batches)).extracting(PostSnapshot::postId)
                .as("own pins created in the range; 1003 is saved from someone else, 1007 predates the range")
                .containsExactly("1001", "1002", "1004", "1005", "1006");
    }

    @Test
    void pinsCarryTheirLifetimeMetricsAndOnlyThose() throws AdapterException {
        Map<String, PostSnapshot> posts = posts(Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK))
                .stream().collect(Collectors.toMap(PostSnapshot::postId, Function.identity()));

        PostSnapshot video = posts.get("1001");
        assertThat(video.type()).isEqualTo("video");
        assertThat(video.publishedAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(video.permalink()).isEqualTo("https://www.pinterest.com/pin/1001/");
        // A pin's text is its title and description, one per line; a pin with only a title has just that.
        assertThat(video.text()).isEqualTo("Lamp in motion\nA short clip");
        assertThat(posts.get("1006").text()).isEqualTo("Winter table");
        assertThat(video.metrics()).containsEntry(VIEWS, 9000.0)
                .containsEntry(SAVES, 80.0)
                .containsEntry(CanonicalMetric.LINK_CLICKS.id(), 120.0)
                .containsEntry(CanonicalMetric.VIDEO_VIEWS.id(), 2900.0)
                .containsEntry(CanonicalMetric.COMMENTS.id(), 6.0)
                .containsEntry(CanonicalMetric.REACTIONS.id(), 31.0)
                .containsEntry(new MetricId("pinterest.pin_clicks"), 300.0)
                .containsEntry(new MetricId("pinterest.video_starts"), 4400.0)
                .containsEntry(new MetricId("pinterest.video_avg_watch_time_ms"), 5230.5)
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 537.0);

        PostSnapshot image = posts.get("1002");
        assertThat(image.type()).isEqualTo("image");
        assertThat(image.metrics()).containsEntry(VIEWS, 4100.0)
                .containsEntry(CanonicalMetric.LINK_CLICKS.id(), 0.0)
                .containsEntry(CanonicalMetric.ENGAGEMENTS.id(), 187.0)
                .as("a metric the pin's answer leaves out is absent, not 0")
                .doesNotContainKeys(CanonicalMetric.COMMENTS.id(), CanonicalMetric.VIDEO_VIEWS.id());

        wm.verifyThat(getRequestedFor(urlPathEqualTo("/v5/pins/1002/analytics"))
                .withQueryParam("start_date", equalTo("2026-02-27"))
                .withQueryParam("end_date", equalTo("2026-03-02"))
                .withQueryParam("metric_types", equalTo("IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,ENGAGEMENT,"
                        + "VIDEO_MRC_VIEW,VIDEO_START,VIDEO_AVG_WATCH_TIME,TOTAL_COMMENTS,TOTAL_REACTIONS"))
                .withQueryParam("app_types", equalTo("ALL"))
                .withQueryParam("split_field", equalTo("NO_SPLIT")));
        wm.verifyThat(getRequestedFor(urlPathEqualTo("/v5/pins/1006/analytics"))
                .withQueryParam("start_date", equalTo("2025-12-05")));
    }

    @Test
    void aNewestFirstPageThatEndsBeforeTheRangeStopsThePaging() throws AdapterException {
        DateRange lastWeek = new DateRange(LocalDate.of(2026, 2, 24), TODAY);
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).atPriority(1)
                .withQueryParam("start_date", equalTo("2026-02-24")).willReturn(file("analytics_window2.json")));

        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), lastWeek);

        assertThat(posts(batches)).extracting(PostSnapshot::postId).containsExactly("1001", "1002");
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo("/v5/pins")).withQueryParam("bookmark", equalTo(PAGE_2)));
    }

    @Test
    void rejectedUnconfirmedPinMetricsFallBackToTheConfirmedOnesOnce() throws AdapterException {
        wm.register(get(urlPathMatching("/v5/pins/[0-9]+/analytics")).atPriority(1)
                .withQueryParam("metric_types", containing("VIDEO_MRC_VIEW"))
                .willReturn(json(400, "{\"code\":1,\"message\":\"Invalid metric_types: TOTAL_REACTIONS\"}")));

        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);

        PostSnapshot image = posts(batches).get(1);
        assertThat(image.metrics()).containsEntry(VIEWS, 4100.0)
                .doesNotContainKeys(CanonicalMetric.REACTIONS.id(), CanonicalMetric.ENGAGEMENTS.id());
        assertThat(batches.get(2).notes()).anySatisfy(n -> assertThat(n).contains("rejected the engagement, video"));
        wm.verifyThat(1, getRequestedFor(urlPathMatching("/v5/pins/[0-9]+/analytics"))
                .withQueryParam("metric_types", containing("VIDEO_MRC_VIEW")));
        wm.verifyThat(5, getRequestedFor(urlPathMatching("/v5/pins/[0-9]+/analytics"))
                .withQueryParam("metric_types", notContaining("VIDEO")));
    }

    @Test
    void aPinWithoutAnalyticsIsListedWithoutMetrics() throws AdapterException {
        wm.register(get(urlPathEqualTo("/v5/pins/1004/analytics")).atPriority(1)
                .willReturn(json(404, "{\"code\":50,\"message\":\"Pin not found.\"}")));

        List<FetchResult> batches = Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);

        PostSnapshot pin = posts(batches).stream().filter(p -> p.postId().equals("1004")).findFirst().orElseThrow();
        assertThat(pin.metrics()).isEmpty();
        assertThat(batches.get(3).notes()).anySatisfy(n -> assertThat(n).contains("1004"));
    }

    @Test
    void summaryStandsInForLifetimeOnlyWhenTheWindowCoversThePinsWholeLife() throws AdapterException {
        wm.register(get(urlPathMatching("/v5/pins/[0-9]+/analytics")).atPriority(1)
                .willReturn(file("pin_analytics_summary_only.json")));

        Map<String, PostSnapshot> young = posts(Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK))
                .stream().collect(Collectors.toMap(PostSnapshot::postId, Function.identity()));
        assertThat(young.get("1002").metrics()).containsEntry(VIEWS, 1300.0);

        DateRange autumn = new DateRange(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 2));
        List<PostSnapshot> old = posts(Fetches.all(adapter(PinterestStubs.config(baseUrl)), autumn));
        assertThat(old).singleElement().satisfies(pin -> {
            assertThat(pin.postId()).isEqualTo("1007");
            assertThat(pin.metrics()).as("90 days of a pin older than the look-back are not its lifetime").isEmpty();
        });
        wm.verifyThat(getRequestedFor(urlPathEqualTo("/v5/pins/1007/analytics"))
                .withQueryParam("start_date", equalTo("2025-12-02")));
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo("/v5/user_account/analytics"))
                .withQueryParam("end_date", equalTo("2025-10-02")));
    }

    @Test
    void anEmptyAccountGivesNoPointsAndNoPosts() throws AdapterException {
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).atPriority(1)
                .willReturn(json(200, "{\"all\":{\"daily_metrics\":[],\"summary_metrics\":{}}}")));
        wm.register(get(urlPathEqualTo("/v5/pins")).atPriority(1)
                .willReturn(json(200, "{\"items\":[],\"bookmark\":null}")));
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1).willReturn(json(200,
                "{\"account_type\":\"BUSINESS\",\"id\":\"7\",\"username\":\"new\",\"follower_count\":0}")));

        List<FetchResult> past = Fetches.all(adapter(PinterestStubs.config(baseUrl)),
                new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
        assertThat(points(past)).isEmpty();
        assertThat(posts(past)).isEmpty();
        assertThat(past).hasSize(2).last().satisfies(batch -> assertThat(batch.isLast()).isTrue());

        List<FetchResult> withToday = Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);
        assertThat(points(withToday)).as("zero followers is a real value")
                .containsExactly(MetricPoint.of(CanonicalMetric.FOLLOWERS, TODAY, 0));
    }

    // ---- cursors ---------------------------------------------------------------------------

    @Test
    void resumingFromAPostsCursorAsksForThatPageOnly() throws AdapterException {
        NetworkAdapter adapter = adapter(PinterestStubs.config(baseUrl));

        FetchResult page2 = adapter.fetch(FetchRequest.resume(LOOK_BACK, new Cursor(1, "posts|" + PAGE_2)));

        assertThat(page2.posts()).extracting(PostSnapshot::postId).containsExactly("1004", "1005");
        assertThat(page2.next()).map(Cursor::token).contains("posts|" + PAGE_3);
        wm.verifyThat(0, getRequestedFor(urlPathEqualTo("/v5/user_account/analytics")));
    }

    @Test
    void cursorsThisAdapterDidNotWriteAreCursorInvalid() {
        NetworkAdapter adapter = adapter(PinterestStubs.config(baseUrl));
        for (Cursor cursor : List.of(new Cursor(2, "posts|"), new Cursor(1, "metrics|2025-01-01"),
                new Cursor(1, "metrics|yesterday"), new Cursor(1, "pins|abc"), new Cursor(1, ""))) {
            assertThat(catchThrowableOfType(AdapterException.CursorInvalid.class,
                    () -> adapter.fetch(FetchRequest.resume(LOOK_BACK, cursor)))).as(cursor.toString()).isNotNull();
        }
    }

    // ---- rate limits -----------------------------------------------------------------------

    @Test
    void retryAfterSecondsSetTheRetryTime() {
        stubAnalytics(json(429, "{\"code\":8,\"message\":\"Rate limit exceeded.\"}").withHeader("Retry-After", "120"));

        AdapterException.RateLimited e = fetchFails(AdapterException.RateLimited.class);

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(e.getMessage()).contains("rate-limiting").contains("/user_account/analytics")
                .contains("Pinterest says").contains(NOW.plusSeconds(120).toString());
    }

    @Test
    void retryAfterAsAnHttpDateSetsTheRetryTime() {
        stubAnalytics(json(429, "{}").withHeader("Retry-After", "Mon, 02 Mar 2026 12:10:00 GMT"));

        assertThat(fetchFails(AdapterException.RateLimited.class).retryAt())
                .isEqualTo(Instant.parse("2026-03-02T12:10:00Z"));
    }

    @Test
    void rateLimitResetHeaderSetsTheRetryTimeWhenPresent() {
        long reset = NOW.plusSeconds(900).getEpochSecond();
        stubAnalytics(json(429, "{\"code\":8,\"message\":\"Too many requests\"}")
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", Long.toString(reset)));

        assertThat(fetchFails(AdapterException.RateLimited.class).retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
    }

    @Test
    void aBare429WaitsTheDefaultMinute() {
        stubAnalytics(aResponse().withStatus(429));

        AdapterException.RateLimited e = fetchFails(AdapterException.RateLimited.class);

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(60));
        // Pinterest named no time: the message neither invents one nor promises a retry.
        assertThat(e.getMessage()).contains("did not say").doesNotContain(e.retryAt().toString())
                .doesNotContain("retry after");
    }

    @Test
    void aThrottledConnectionCheckIsRateLimitedNotAFailedConnection() {
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1)
                .willReturn(json(429, "{\"code\":8,\"message\":\"Rate limit exceeded.\"}").withHeader("Retry-After", "30")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(PinterestStubs.config(baseUrl)).check());

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(e.getMessage()).contains("/v5/user_account").doesNotContain(ACCESS_TOKEN);
    }

    @Test
    void aThrottledTokenRenewalDuringTheCheckIsRateLimitedAndStoresNothing() {
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1)
                .willReturn(json(401, AUTH_FAILED)));
        wm.register(post(urlPathEqualTo("/v5/oauth/token")).willReturn(aResponse().withStatus(429)));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(PinterestStubs.config(baseUrl)).check());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("/v5/oauth/token").doesNotContain(REFRESH_TOKEN)
                .doesNotContain(CLIENT_SECRET);
        assertThat(context.storedCredentials()).isEmpty();
    }

    // ---- auth --------------------------------------------------------------------------------

    @Test
    void anExpiredTokenWithoutRefreshTokenAsksTheUserToReconnect() {
        stubAnalytics(json(401, AUTH_FAILED));

        AdapterException.AuthExpired e = fetchFails(AdapterException.AuthExpired.class,
                PinterestStubs.configWithoutRefresh(baseUrl));

        assertThat(e.getMessage()).contains("reconnect");
        wm.verifyThat(0, postRequestedFor(urlPathEqualTo("/v5/oauth/token")));
    }

    @Test
    void anExpiredTokenIsRenewedStoredAndTheCallRetriedWithTheNewToken() throws AdapterException {
        String newAccess = "pina_AMAnewACCESStoken0009";
        String newRefresh = "pinr_AMAnewREFRESHtoken0010";
        stubRenewal(newAccess, "{\"access_token\":\"" + newAccess + "\",\"refresh_token\":\"" + newRefresh
                + "\",\"response_type\":\"refresh_token\",\"token_type\":\"bearer\",\"expires_in\":2592000,"
                + "\"refresh_token_expires_in\":31536000,\"scope\":\"boards:read,pins:read,user_accounts:read\"}");
        wm.register(get(urlPathEqualTo("/v5/pins")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + newAccess))
                .willReturn(json(200, "{\"items\":[],\"bookmark\":null}")));
        NetworkAdapter adapter = adapter(PinterestStubs.config(baseUrl));

        assertThat(adapter.check().identity().externalId()).isEqualTo("549755885175");

        assertThat(context.storedCredentials()).containsExactly(
                Map.of("access_token", newAccess, "refresh_token", newRefresh));
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo("/v5/oauth/token"))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=refresh_token&refresh_token=" + REFRESH_TOKEN)));
        wm.verifyThat(getRequestedFor(urlPathEqualTo("/v5/user_account"))
                .withHeader("Authorization", equalTo("Bearer " + newAccess)));

        // Later calls keep the new token and do not refresh again.
        adapter.fetch(FetchRequest.resume(LOOK_BACK, new Cursor(1, "posts|")));
        wm.verifyThat(getRequestedFor(urlPathEqualTo("/v5/pins")).withHeader("Authorization",
                equalTo("Bearer " + newAccess)));
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo("/v5/oauth/token")));
    }

    @Test
    void aRenewalTellsTheHostWhenTheNewTokensLapse() throws AdapterException {
        String newAccess = "pina_AMAnewACCESStoken0011";
        String newRefresh = "pinr_AMAnewREFRESHtoken0012";
        stubRenewal(newAccess, "{\"access_token\":\"" + newAccess + "\",\"refresh_token\":\"" + newRefresh
                + "\",\"response_type\":\"refresh_token\",\"token_type\":\"bearer\",\"expires_in\":2592000,"
                + "\"refresh_token_expires_in\":31536000}");

        RecordingContext recording = checkRecorded();

        assertThat(recording.expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(NOW.plusSeconds(2_592_000)), Optional.of(NOW.plusSeconds(31_536_000))));
    }

    @Test
    void aRenewalThatKeepsTheRefreshTokenReportsOnlyTheAccessTokensLifetime() throws AdapterException {
        String newAccess = "pina_AMAnewACCESStoken0013";
        stubRenewal(newAccess, "{\"access_token\":\"" + newAccess
                + "\",\"response_type\":\"refresh_token\",\"token_type\":\"bearer\",\"expires_in\":2592000}");

        RecordingContext recording = checkRecorded();

        assertThat(recording.stored()).containsExactly(Map.of("access_token", newAccess));
        // The refresh token kept its lifetime, which the answer does not restate.
        assertThat(recording.expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(NOW.plusSeconds(2_592_000)), Optional.empty()));
    }

    @Test
    void aRefusedRefreshAsksTheUserToReconnectAndStoresNothing() {
        stubAnalytics(json(401, AUTH_FAILED));
        wm.register(post(urlPathEqualTo("/v5/oauth/token"))
                .willReturn(json(400, "{\"code\":1,\"message\":\"Invalid refresh token " + REFRESH_TOKEN + "\"}")));

        AdapterException.AuthExpired e = fetchFails(AdapterException.AuthExpired.class);

        assertThat(e.getMessage()).contains("reconnect").contains("[redacted]");
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void aRenewedTokenThatIsAlsoRefusedIsAuthExpired() {
        wm.register(get(urlPathMatching("/v5/.*")).atPriority(1)
                .willReturn(json(401, AUTH_FAILED)));
        wm.register(post(urlPathEqualTo("/v5/oauth/token"))
                .willReturn(json(200, "{\"access_token\":\"pina_AMAstillBAD0011\",\"token_type\":\"bearer\"}")));

        fetchFails(AdapterException.AuthExpired.class);

        assertThat(context.storedCredentials()).containsExactly(Map.of("access_token", "pina_AMAstillBAD0011"));
    }

    @Test
    void anAuthErrorInsideA200TakesTheRefreshPath() {
        stubAnalytics(json(200, "{\"code\":2,\"message\":\"Authentication failed.\",\"status\":\"failure\"}"));

        fetchFails(AdapterException.AuthExpired.class, PinterestStubs.configWithoutRefresh(baseUrl));
    }

    @Test
    void anOtherErrorInsideA200IsABadResponse() {
        stubAnalytics(json(200, "{\"code\":1,\"message\":\"Something went wrong\"}"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("Something went wrong");
    }

    // ---- other errors ----------------------------------------------------------------------

    @Test
    void missingScopeOrPersonalAccountIsPermissionMissing() {
        stubAnalytics(json(403, "{\"code\":29,\"message\":\"Not authorized to access the user account analytics.\"}"));

        AdapterException.PermissionMissing e = fetchFails(AdapterException.PermissionMissing.class);

        assertThat(e.permissions()).containsExactly("user_accounts:read");
        assertThat(e.getMessage()).contains("Not authorized").contains("business account");
    }

    @Test
    void missingPinsScopeNamesPinsRead() {
        wm.register(get(urlPathEqualTo("/v5/pins")).atPriority(1)
                .willReturn(json(403, "{\"code\":3,\"message\":\"Not authorized.\"}")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> adapter(PinterestStubs.config(baseUrl)).fetch(
                        FetchRequest.resume(LOOK_BACK, new Cursor(1, "posts|"))));

        assertThat(e.permissions()).containsExactly("pins:read");
    }

    @Test
    void serverErrorsAreTransient() {
        stubAnalytics(json(503, "<html>Service Unavailable</html>"));

        assertThat(fetchFails(AdapterException.TransientFailure.class).getMessage()).contains("503");
    }

    @Test
    void aBadRequestIsABadResponseNamingPinterestsMessage() {
        stubAnalytics(json(400, "{\"code\":1,\"message\":\"Invalid parameters: start_date\"}"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage())
                .contains("Invalid parameters: start_date").contains("code 1");
    }

    @Test
    void aWrongBaseUrlIsConfigInvalid() {
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1).willReturn(aResponse().withStatus(404)));

        assertThat(catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> adapter(PinterestStubs.config(baseUrl)).check()).getMessage()).contains("base URL");
    }

    @Test
    void malformedJsonIsABadResponse() {
        stubAnalytics(json(200, "{\"all\": {\"daily_metrics\": [ {\"date\": 2026-02-27 ]}}"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("not valid JSON");
    }

    @Test
    void truncatedJsonIsABadResponse() {
        stubAnalytics(json(200, "{\"all\": {\"daily_metrics\": [ {\"date\": \"2026-02-27\", \"data_sta"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("cut off");
    }

    @Test
    void aResponseWithoutTheAllWrapperIsABadResponse() {
        stubAnalytics(json(200, "{\"daily_metrics\": []}"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("'all'");
    }

    @Test
    void aMetricThatIsNotACountIsABadResponse() {
        stubAnalytics(json(200, "{\"all\":{\"daily_metrics\":[{\"date\":\"2026-02-27\",\"data_status\":\"READY\","
                + "\"metrics\":{\"IMPRESSION\":\"lots\"}}]}}"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("IMPRESSION");
    }

    @Test
    void aCountAboveWhatAMetricMayHoldIsABadResponseNotAnUntypedFailure() {
        stubAnalytics(json(200, "{\"all\":{\"daily_metrics\":[{\"date\":\"2026-02-27\",\"data_status\":\"READY\","
                + "\"metrics\":{\"IMPRESSION\":2e15}}]}}"));

        assertThat(fetchFails(AdapterException.BadResponse.class).getMessage()).contains("IMPRESSION");
    }

    @Test
    void aPinWithoutCreationTimeIsABadResponse() {
        wm.register(get(urlPathEqualTo("/v5/pins")).atPriority(1)
                .willReturn(json(200, "{\"items\":[{\"id\":\"1\"}],\"bookmark\":null}")));

        assertThat(catchThrowableOfType(AdapterException.BadResponse.class,
                () -> adapter(PinterestStubs.config(baseUrl)).fetch(
                        FetchRequest.resume(LOOK_BACK, new Cursor(1, "posts|")))).getMessage())
                .contains("created_at");
    }

    @Test
    void theTokenIsSentInTheHeaderNeverInTheUrl() throws AdapterException {
        Fetches.all(adapter(PinterestStubs.config(baseUrl)), LOOK_BACK);

        assertThat(context.http().requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.uri().toString()).doesNotContain(ACCESS_TOKEN);
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        });
    }

    // ---- helpers ---------------------------------------------------------------------------

    private NetworkAdapter adapter(Map<String, String> config) {
        return factory.create(context, factory.descriptor().config().resolve(config));
    }

    /**
     * The stored access token is refused on the account check; the token endpoint renews it with
     * {@code tokenAnswer}, and the account check takes {@code newAccess}.
     */
    private void stubRenewal(String newAccess, String tokenAnswer) {
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)).willReturn(json(401, AUTH_FAILED)));
        wm.register(get(urlPathEqualTo("/v5/user_account")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + newAccess)).willReturn(file("user_account.json")));
        wm.register(post(urlPathEqualTo("/v5/oauth/token")).willReturn(json(200, tokenAnswer)));
    }

    /** A connection check of the account through a context that records what the adapter stores. */
    private RecordingContext checkRecorded() throws AdapterException {
        RecordingContext recording = new RecordingContext(new JdkHttpPort(), Clock.fixed(NOW, ZoneOffset.UTC));
        factory.create(recording, factory.descriptor().config().resolve(PinterestStubs.config(baseUrl))).check();
        return recording;
    }

    private void stubAnalytics(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).atPriority(1).willReturn(response));
    }

    private <E extends AdapterException> E fetchFails(Class<E> type) {
        return fetchFails(type, PinterestStubs.config(baseUrl));
    }

    /** Fetches the look-back, expects the typed error, and checks that it leaks no credential. */
    private <E extends AdapterException> E fetchFails(Class<E> type, Map<String, String> config) {
        NetworkAdapter adapter = adapter(config);
        E e = catchThrowableOfType(type, () -> Fetches.all(adapter, LOOK_BACK));
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()) + " " + t).as("message leaks no credential")
                    .doesNotContain(ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, "access_token=", "?start_date");
        }
        return e;
    }


    private static List<MetricPoint> points(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.points().stream()).toList();
    }

    private static List<PostSnapshot> posts(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.posts().stream()).toList();
    }
}
