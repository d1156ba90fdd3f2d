package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.testkit.Fetches;
import io.goalpost.plugin.testkit.RecordingContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.goalpost.plugins.tiktok.TikTokStubs.ACCESS_TOKEN;
import static io.goalpost.plugins.tiktok.TikTokStubs.BUSINESS_ID;
import static io.goalpost.plugins.tiktok.TikTokStubs.CLIENT_SECRET;
import static io.goalpost.plugins.tiktok.TikTokStubs.CLOCK;
import static io.goalpost.plugins.tiktok.TikTokStubs.CURSOR_AFTER_FEB_28;
import static io.goalpost.plugins.tiktok.TikTokStubs.CURSOR_PAGE_2;
import static io.goalpost.plugins.tiktok.TikTokStubs.CURSOR_PAGE_3;
import static io.goalpost.plugins.tiktok.TikTokStubs.NOW;
import static io.goalpost.plugins.tiktok.TikTokStubs.PROFILE;
import static io.goalpost.plugins.tiktok.TikTokStubs.REFRESH;
import static io.goalpost.plugins.tiktok.TikTokStubs.REFRESH_TOKEN;
import static io.goalpost.plugins.tiktok.TikTokStubs.RENEWED_ACCESS_TOKEN;
import static io.goalpost.plugins.tiktok.TikTokStubs.RENEWED_REFRESH_TOKEN;
import static io.goalpost.plugins.tiktok.TikTokStubs.VIDEOS;
import static io.goalpost.plugins.tiktok.TikTokStubs.okFile;
import static io.goalpost.plugins.tiktok.TikTokStubs.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.JdkHttpPort;
import io.goalpost.plugin.testkit.RecordingHttpPort;
import io.goalpost.plugin.testkit.WireMockAdapterTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class TikTokAdapterTest extends WireMockAdapterTest {

    private static final LocalDate FEB_27 = LocalDate.parse("2026-02-27");
    private static final LocalDate FEB_28 = LocalDate.parse("2026-02-28");
    private static final DateRange CONFORMANCE_RANGE =
            new DateRange(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-02-28"));

    private final TikTokAdapterFactory factory = new TikTokAdapterFactory();

    TikTokAdapterTest() {
        super(CLOCK);
    }

    @Test
    void checkReturnsTheAccountInUtcAndSendsTheTokenAsAccessTokenHeader() throws Exception {
        TikTokStubs.profile();

        CheckResult result = adapter(TikTokStubs.config(baseUrl)).check();

        assertThat(result.identity().externalId()).isEqualTo(BUSINESS_ID);
        assertThat(result.identity().handle()).isEqualTo("acme_official");
        assertThat(result.identity().displayName()).isEqualTo("Acme");
        assertThat(result.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
        verify(getRequestedFor(urlPathEqualTo(PROFILE))
                .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .withHeader("Authorization", absent())
                .withQueryParam("business_id", equalTo(BUSINESS_ID))
                .withQueryParam("fields", equalToJson("[\"username\",\"display_name\"]"))
                .withQueryParam("access_token", absent()));
        assertThat(context.http().requests()).allSatisfy(r ->
                assertThat(r.uri().toString()).doesNotContain(ACCESS_TOKEN));
    }

    @Test
    void dailyMetricsMapToCanonicalIdsWithTheFollowerTotalOfEachDate() throws Exception {
        TikTokStubs.metrics(FEB_27, FEB_28, "metrics_2026-02-27_28.json");

        FetchResult batch = adapter(TikTokStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28)));

        Map<String, Double> feb27 = valuesOn(batch.points(), FEB_27);
        // followers_count inside metrics[] is the total on that date; the top-level 11240 is "now".
        assertThat(feb27).containsEntry("followers", 11198.0)
                .containsEntry("follower_gains", 52.0)
                .containsEntry("follower_losses", 9.0)
                .containsEntry("views", 5126.0)
                .containsEntry("video_views", 5126.0)
                .containsEntry("reach", 3880.0)
                .containsEntry("profile_views", 211.0)
                .containsEntry("reactions", 402.0)
                .containsEntry("comments", 31.0)
                .containsEntry("shares", 18.0)
                .containsEntry("link_clicks", 14.0)
                .containsEntry("engagements", 402.0 + 31 + 18)
                .containsEntry("tiktok.engaged_audience", 377.0);
        assertThat(feb27).doesNotContainKeys("saves", "mentions", "posts_published");
        assertThat(valuesOn(batch.points(), FEB_28)).containsEntry("followers", 11240.0).hasSize(feb27.size());
        verify(getRequestedFor(urlPathEqualTo(PROFILE))
                .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .withQueryParam("business_id", equalTo(BUSINESS_ID))
                .withQueryParam("start_date", equalTo("2026-02-27"))
                .withQueryParam("end_date", equalTo("2026-02-28"))
                .withQueryParam("fields", equalToJson(TikTokStubs.ACCOUNT_FIELDS_JSON)));
    }

    @Test
    void fieldsTravelAsAUrlEncodedJsonArray() throws Exception {
        TikTokStubs.metrics(FEB_27, FEB_28, "metrics_2026-02-27_28.json");

        adapter(TikTokStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28)));

        String rawQuery = context.http().requests().get(0).uri().getRawQuery();
        assertThat(rawQuery).contains("fields=%5B%22followers_count%22%2C%22daily_new_followers%22");
    }

    @Test
    void aPersonalAccountWithoutReachOrSharesGetsNoReachPointsAndNoEngagementsRatherThanZeros() throws Exception {
        TikTokStubs.metrics(FEB_27, FEB_28, "metrics_personal_account.json");

        FetchResult batch = adapter(TikTokStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28)));

        Map<String, Double> feb27 = valuesOn(batch.points(), FEB_27);
        assertThat(feb27).doesNotContainKeys("reach", "shares", "link_clicks", "engagements");
        assertThat(feb27).containsEntry("views", 320.0).containsEntry("reactions", 25.0);
        // A reported 0 stays a 0.
        assertThat(valuesOn(batch.points(), FEB_28)).containsEntry("views", 0.0).containsEntry("engagements", 0.0);
    }

    @Test
    void aValueAboveWhatAMetricMayHoldIsABadResponseNotAnUntypedFailure() {
        stubFor(get(urlPathEqualTo(TikTokStubs.PROFILE)).willReturn(TikTokStubs.okJson("{\"code\":0,\"message\":\"OK\","
                + "\"request_id\":\"r1\",\"data\":{\"metrics\":[{\"date\":\"" + FEB_27 + "\",\"video_views\":2e15}]}}")));

        assertThatThrownBy(() -> adapter(TikTokStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_27))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("video_views")
                .hasMessageContaining("10^15");
    }

    @Test
    void aRangeLongerThanOneWindowIsFetchedInThirtyDayCallsThenVideos() throws Exception {
        TikTokStubs.happyPath();
        NetworkAdapter adapter = adapter(TikTokStubs.config(baseUrl));

        List<FetchResult> batches = Fetches.all(adapter, CONFORMANCE_RANGE);

        assertThat(batches).hasSize(5);
        assertThat(batches.get(0).next()).contains(new Cursor(1, "metrics|2026-02-09"));
        assertThat(batches.get(1).next()).contains(new Cursor(1, "posts|" + CURSOR_AFTER_FEB_28));
        verify(1, getRequestedFor(urlPathEqualTo(PROFILE)).withQueryParam("start_date", equalTo("2026-01-10"))
                .withQueryParam("end_date", equalTo("2026-02-08")));
        verify(1, getRequestedFor(urlPathEqualTo(PROFILE)).withQueryParam("start_date", equalTo("2026-02-09"))
                .withQueryParam("end_date", equalTo("2026-02-28")));
        List<MetricPoint> points = batches.stream().flatMap(b -> b.points().stream()).toList();
        assertThat(points.stream().filter(p -> p.metric().equals(CanonicalMetric.FOLLOWERS.id())).map(MetricPoint::day))
                .hasSize(CONFORMANCE_RANGE.days()).doesNotHaveDuplicates();
    }

    @Test
    void videosArePagedWithTikToksCursorAndOnlyThoseInsideTheRangeAreKept() throws Exception {
        TikTokStubs.happyPath();

        List<FetchResult> batches = Fetches.all(adapter(TikTokStubs.config(baseUrl)), CONFORMANCE_RANGE);

        List<PostSnapshot> posts = batches.stream().flatMap(b -> b.posts().stream()).toList();
        assertThat(posts).extracting(PostSnapshot::postId).containsExactly(
                "7340000000000000009", "7340000000000000008", "7340000000000000007", "7340000000000000006",
                "7340000000000000005", "7340000000000000004", "7340000000000000003", "7340000000000000002");
        // 7340000000000000001 was posted on 2026-01-05, before the range: it ends the paging.
        assertThat(batches.get(batches.size() - 1).isLast()).isTrue();
        PostSnapshot newest = posts.get(0);
        assertThat(newest.publishedAt()).isEqualTo(Instant.parse("2026-02-27T18:30:00Z"));
        assertThat(newest.type()).isEqualTo("video");
        assertThat(newest.permalink()).isEqualTo("https://www.tiktok.com/@acme_official/video/7340000000000000009");
        assertThat(newest.text()).as("the video's caption").isEqualTo("How we pack orders");
        assertThat(ids(newest.metrics())).containsEntry("views", 18230.0).containsEntry("video_views", 18230.0)
                .containsEntry("reach", 14110.0).containsEntry("reactions", 1204.0).containsEntry("comments", 88.0)
                .containsEntry("shares", 61.0).containsEntry("saves", 140.0).containsEntry("link_clicks", 12.0)
                .containsEntry("profile_views", 310.0).containsEntry("follower_gains", 35.0)
                .containsEntry("engagements", 1204.0 + 88 + 61)
                .containsEntry("tiktok.total_time_watched", 201340.0)
                .containsEntry("tiktok.average_time_watched", 11.0)
                .containsEntry("tiktok.full_video_watched_rate", 0.22);
        for (long cursor : List.of(CURSOR_AFTER_FEB_28, CURSOR_PAGE_2, CURSOR_PAGE_3)) {
            verify(1, getRequestedFor(urlPathEqualTo(VIDEOS))
                    .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                    .withQueryParam("business_id", equalTo(BUSINESS_ID))
                    .withQueryParam("max_count", equalTo("20"))
                    .withQueryParam("cursor", equalTo(Long.toString(cursor)))
                    .withQueryParam("fields", equalToJson(TikTokStubs.VIDEO_FIELDS_JSON)));
        }
    }

    @Test
    void aVideoMissingOptionalMetricsHasThemAbsentNotZero() throws Exception {
        TikTokStubs.videoPage(CURSOR_PAGE_2, "videos_page2.json");

        FetchResult batch = adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "posts|" + CURSOR_PAGE_2)));

        PostSnapshot quiet = batch.posts().stream().filter(p -> p.postId().equals("7340000000000000005"))
                .findFirst().orElseThrow();
        assertThat(ids(quiet.metrics())).doesNotContainKeys("reach", "link_clicks", "tiktok.total_time_watched",
                "tiktok.average_time_watched", "tiktok.full_video_watched_rate");
        assertThat(ids(quiet.metrics())).containsEntry("views", 880.0).containsEntry("follower_gains", 0.0);
        assertThat(batch.next()).contains(new Cursor(1, "posts|" + CURSOR_PAGE_3));
    }

    @Test
    void aPageWhoseCursorDoesNotMoveEndsTheRangeInsteadOfLoopingForever() throws Exception {
        stubFor(get(urlPathEqualTo(VIDEOS)).willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r\","
                + "\"data\":{\"videos\":[],\"cursor\":" + CURSOR_PAGE_2 + ",\"has_more\":true}}")));

        FetchResult batch = adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "posts|" + CURSOR_PAGE_2)));

        assertThat(batch.isLast()).isTrue();
    }

    @Test
    void anEmptyAccountGivesNoPointsAndNoPostsAndFinishes() throws Exception {
        TikTokStubs.metrics(FEB_27, FEB_28, "metrics_empty.json");
        TikTokStubs.videoPage(CURSOR_AFTER_FEB_28, "videos_empty.json");
        NetworkAdapter adapter = adapter(TikTokStubs.config(baseUrl));

        List<FetchResult> batches = Fetches.all(adapter, new DateRange(FEB_27, FEB_28));

        assertThat(batches).hasSize(2);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.points()).isEmpty();
            assertThat(b.posts()).isEmpty();
        });
        assertThat(batches.get(1).isLast()).isTrue();
    }

    @Test
    void daysBeyondTheSixtyDayLookBackAreNotRequestedAndTheUserIsTold() throws Exception {
        LocalDate oldest = LocalDate.parse("2026-01-02");
        TikTokStubs.generatedMetrics(oldest, LocalDate.parse("2026-01-15"));
        TikTokStubs.videoPage(LocalDate.parse("2026-01-16").atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                "videos_empty.json");

        FetchResult first = adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.of(new DateRange(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-01-15"))));

        assertThat(first.points()).isNotEmpty().allSatisfy(p -> assertThat(p.day()).isAfterOrEqualTo(oldest));
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("60 days").contains("2025-12-01")
                .contains("2026-01-01"));
        verify(0, getRequestedFor(urlPathEqualTo(PROFILE)).withQueryParam("start_date", equalTo("2025-12-01")));
    }

    @Test
    void daysTikTokHasNotPublishedYetAreLeftForALaterSync() throws Exception {
        LocalDate march1 = LocalDate.parse("2026-03-01");
        LocalDate march2 = LocalDate.parse("2026-03-02");
        TikTokStubs.generatedMetrics(march1, march2);

        FetchResult first = adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.of(new DateRange(march1, LocalDate.parse("2026-03-03"))));

        assertThat(first.points()).extracting(MetricPoint::day).containsOnly(march1, march2);
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("2026-03-03").contains("later sync"));
        // The video phase starts at "now", not at the end of a day still in the future.
        assertThat(first.next()).contains(new Cursor(1, "posts|" + NOW.toEpochMilli()));
    }

    @Test
    void rateLimitInsideHttp200IsRateLimitedForAMinute() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_rate_limited.json")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(TikTokStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28))));

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(e.getMessage()).contains("/business/get/").contains("40100");
        // TikTok named no time: the message neither invents one nor promises a retry.
        assertThat(e.getMessage()).contains("did not say").doesNotContain("retrying").doesNotContain("a minute");
    }

    @Test
    void aThrottledConnectionCheckIsRateLimitedNotAFailedConnection() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_rate_limited.json")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(TikTokStubs.config(baseUrl)).check());

        assertThat(e).isNotNull();
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(e.getMessage()).contains("/business/get/").doesNotContain(TikTokStubs.ACCESS_TOKEN);
    }

    @Test
    void rateLimitAsHttp429HonoursRetryAfter() {
        stubFor(get(urlPathEqualTo(VIDEOS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "25")
                .withBodyFile("error_rate_limited.json")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> adapter(TikTokStubs.config(baseUrl))
                        .fetch(FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "posts|" + CURSOR_PAGE_2))));

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(25));
        assertThat(e.getMessage()).contains("asked to wait 25 seconds");
    }

    @Test
    void aRenewalTellsTheHostWhenTheNewTokensLapse() throws Exception {
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okFile("error_token_expired.json")));
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(RENEWED_ACCESS_TOKEN))
                .willReturn(okFile("profile.json")));
        TikTokStubs.refresh(REFRESH_TOKEN, "refresh_ok.json");
        RecordingContext recording = new RecordingContext(new JdkHttpPort(), CLOCK);

        factory.create(recording, factory.descriptor().config().resolve(TikTokStubs.configWithRefresh(baseUrl))).check();

        assertThat(recording.stored()).containsExactly(Map.of("access_token", RENEWED_ACCESS_TOKEN,
                "refresh_token", TikTokStubs.RENEWED_REFRESH_TOKEN));
        // expires_in 86400 and the rolling refresh_token_expires_in 28512000 of the answer.
        assertThat(recording.expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(NOW.plusSeconds(86_400)), Optional.of(NOW.plusSeconds(28_512_000))));
    }

    @Test
    void expiredTokenIsRenewedStoredAndTheCallRepeatedWithTheNewToken() throws Exception {
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okFile("error_token_expired.json")));
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(RENEWED_ACCESS_TOKEN))
                .willReturn(okFile("metrics_2026-02-27_28.json")));
        TikTokStubs.refresh(REFRESH_TOKEN, "refresh_ok.json");
        RecordingContext recording = new RecordingContext(new JdkHttpPort(), CLOCK);
        RecordingHttpPort http = recording.http();
        ConfigValues values = factory.descriptor().config().resolve(TikTokStubs.configWithRefresh(baseUrl));

        FetchResult batch = factory.create(recording, values).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28)));

        assertThat(batch.points()).isNotEmpty();
        assertThat(recording.stored()).containsExactly(Map.of(
                "access_token", RENEWED_ACCESS_TOKEN, "refresh_token", RENEWED_REFRESH_TOKEN));
        assertThat(http.requests()).extracting(r -> r.uri().getPath()).containsExactly(PROFILE, REFRESH, PROFILE);
        // Stored after the refresh answered and before the repeated call went out.
        assertThat(recording.requestsSentWhenStored()).containsExactly(2);
        verify(1, postRequestedFor(urlPathEqualTo(REFRESH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Access-Token", absent())
                .withRequestBody(matchingJsonPath("$.client_secret", equalTo(CLIENT_SECRET)))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("refresh_token")))
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo(REFRESH_TOKEN))));
        verify(1, getRequestedFor(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(RENEWED_ACCESS_TOKEN)));
    }

    @Test
    void theRenewedPairIsKeptAndTheSpentRefreshTokenIsNeverSentAgain() throws Exception {
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okFile("error_token_expired.json")));
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(RENEWED_ACCESS_TOKEN))
                .willReturn(okFile("metrics_2026-02-27_28.json")));
        // The renewed token expires too before the video call.
        stubFor(get(urlPathEqualTo(VIDEOS)).withHeader("Access-Token", equalTo(RENEWED_ACCESS_TOKEN))
                .willReturn(okFile("error_token_expired.json")));
        stubFor(get(urlPathEqualTo(VIDEOS)).withHeader("Access-Token", equalTo("act.third"))
                .willReturn(okFile("videos_empty.json")));
        TikTokStubs.refresh(REFRESH_TOKEN, "refresh_ok.json");
        stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(REFRESH))
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo(RENEWED_REFRESH_TOKEN)))
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r\",\"data\":{\"access_token\":"
                        + "\"act.third\",\"refresh_token\":\"rft.third\",\"expires_in\":86400}}")));

        List<FetchResult> batches = Fetches.all(adapter(TikTokStubs.configWithRefresh(baseUrl)), new DateRange(FEB_27, FEB_28));

        assertThat(batches.get(batches.size() - 1).isLast()).isTrue();
        assertThat(context.storedCredentials()).containsExactly(
                Map.of("access_token", RENEWED_ACCESS_TOKEN, "refresh_token", RENEWED_REFRESH_TOKEN),
                Map.of("access_token", "act.third", "refresh_token", "rft.third"));
        verify(1, postRequestedFor(urlPathEqualTo(REFRESH))
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo(REFRESH_TOKEN))));
        verify(1, postRequestedFor(urlPathEqualTo(REFRESH))
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo(RENEWED_REFRESH_TOKEN))));
        verify(0, getRequestedFor(urlPathEqualTo(VIDEOS)).withHeader("Access-Token", equalTo(ACCESS_TOKEN)));
    }

    @Test
    void expiredTokenWithoutRefreshTokenAsksTheUserToReconnect() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_token_expired.json")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> adapter(TikTokStubs.config(baseUrl)).fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28))));

        assertThat(e.getMessage()).contains("Reconnect").contains("40102");
        verify(0, postRequestedFor(urlPathEqualTo(REFRESH)));
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void aRefusedRefreshIsAuthExpiredAndStoresNothing() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_token_invalid.json")));
        TikTokStubs.refresh(REFRESH_TOKEN, "error_token_invalid.json");

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> adapter(TikTokStubs.configWithRefresh(baseUrl)).check());

        assertThat(e.getMessage()).contains("refused to renew").contains("Reconnect");
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void wrongAppCredentialsDuringRefreshSaySo() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_token_expired.json")));
        TikTokStubs.refresh(REFRESH_TOKEN, "error_invalid_app.json");

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> adapter(TikTokStubs.configWithRefresh(baseUrl)).check());

        assertThat(e.getMessage()).contains("App ID or App secret").contains("40101");
    }

    @Test
    void aThrottledRefreshIsRateLimitedSoTheUnspentRefreshTokenIsTriedLater() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_token_expired.json")));
        TikTokStubs.refresh(REFRESH_TOKEN, "error_rate_limited.json");

        assertThatThrownBy(() -> adapter(TikTokStubs.configWithRefresh(baseUrl)).check())
                .isInstanceOf(AdapterException.RateLimited.class);
        assertThat(context.storedCredentials()).isEmpty();
    }

    @Test
    void missingPermissionNamesTheScopes() {
        stubFor(get(urlPathEqualTo(VIDEOS)).willReturn(okFile("error_no_permission.json")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> adapter(TikTokStubs.config(baseUrl))
                        .fetch(FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "posts|" + CURSOR_PAGE_2))));

        assertThat(e.permissions()).containsExactlyInAnyOrder("video.list", "video.insights");
        assertThat(e.getMessage()).contains("40001").contains("TikTok Analytics");
    }

    @Test
    void malformedJsonIsBadResponse() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("malformed.json")));

        assertThatThrownBy(() -> adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("/business/get/");
    }

    @Test
    void anAnswerThatRepeatsAKeyIsBadResponseNotReadAsItsLastValue() {
        // Which of the two is TikTok's is unknowable; read leniently, the account would be "someone_else".
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r\","
                + "\"data\":{\"username\":\"acme_official\",\"display_name\":\"Acme\",\"username\":\"someone_else\"}}")));

        assertThatThrownBy(() -> adapter(TikTokStubs.config(baseUrl)).check())
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("/business/get/");
    }

    @Test
    void truncatedJsonIsBadResponse() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("truncated.json")));

        assertThatThrownBy(() -> adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("not complete JSON");
    }

    @Test
    void aSuccessWithoutMetricsListOrWithoutVideoIdIsBadResponse() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("profile.json")));
        stubFor(get(urlPathEqualTo(VIDEOS)).willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r\","
                + "\"data\":{\"videos\":[{\"create_time\":1772217000,\"video_views\":5}],\"has_more\":false}}")));
        NetworkAdapter adapter = adapter(TikTokStubs.config(baseUrl));

        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("metrics");
        assertThatThrownBy(() -> adapter.fetch(
                FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "posts|" + CURSOR_PAGE_2))))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("item_id");
    }

    @Test
    void systemErrorsAndServerFailuresAreTransient() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_system.json")));
        stubFor(get(urlPathEqualTo(VIDEOS)).willReturn(aResponse().withStatus(502).withBodyFile("gateway_error.html")));
        NetworkAdapter adapter = adapter(TikTokStubs.config(baseUrl));

        assertThatThrownBy(() -> adapter.fetch(FetchRequest.of(new DateRange(FEB_27, FEB_28))))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("50002");
        assertThatThrownBy(() -> adapter.fetch(
                FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "posts|" + CURSOR_PAGE_2))))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("HTTP 502");
    }

    @Test
    void aRefusedParameterOrAWrongBaseUrlIsConfigInvalid() {
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_invalid_parameter.json")));
        NetworkAdapter adapter = adapter(TikTokStubs.config(baseUrl));
        NetworkAdapter misdirected = adapter(Map.of("business_id", BUSINESS_ID, "access_token", ACCESS_TOKEN,
                "api_base_url", baseUrl + "/open_api/v9"));

        assertThatThrownBy(() -> adapter.check()).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("40002");
        assertThatThrownBy(misdirected::check).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("/open_api/v1.3");
    }

    @Test
    void noExceptionMessageEverContainsACredentialEvenWhenTikTokEchoesOne() {
        String echo = "{\"code\":40105,\"message\":\"Access token " + ACCESS_TOKEN + " is invalid\",\"request_id\":"
                + "\"r\",\"data\":{}}";
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okJson(echo)));
        stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(REFRESH)).willReturn(okJson(
                "{\"code\":40105,\"message\":\"refresh token " + REFRESH_TOKEN + " / " + CLIENT_SECRET
                        + " rejected\",\"request_id\":\"r\",\"data\":{}}")));
        List<Throwable> errors = new ArrayList<>();
        errors.add(catchThrowableOfType(AdapterException.class, () -> adapter(TikTokStubs.config(baseUrl)).check()));
        errors.add(catchThrowableOfType(AdapterException.class,
                () -> adapter(TikTokStubs.configWithRefresh(baseUrl)).check()));
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okJson(echo.replace("40105", "40002"))));
        errors.add(catchThrowableOfType(AdapterException.class, () -> adapter(TikTokStubs.config(baseUrl)).check()));

        assertThat(errors).hasSize(3).doesNotContainNull().allSatisfy(e -> assertThat(e.getMessage())
                .doesNotContain(ACCESS_TOKEN).doesNotContain(REFRESH_TOKEN).doesNotContain(CLIENT_SECRET)
                .doesNotContain(baseUrl));
        assertThat(errors.get(0).getMessage()).contains("[redacted]");
    }

    @Test
    void aCursorOfAnotherVersionOrShapeOrRangeIsCursorInvalid() {
        NetworkAdapter adapter = adapter(TikTokStubs.config(baseUrl));

        for (Cursor bad : List.of(new Cursor(2, "metrics|2026-02-01"), new Cursor(1, "metrics|yesterday"),
                new Cursor(1, "posts|-5"), new Cursor(1, "posts|"), new Cursor(1, "videos|123"),
                new Cursor(1, "metrics|2025-06-01"))) {
            assertThatThrownBy(() -> adapter.fetch(FetchRequest.resume(CONFORMANCE_RANGE, bad)))
                    .as("cursor %s", bad).isInstanceOf(AdapterException.CursorInvalid.class);
        }
    }

    @Test
    void resumingFromAMetricsCursorStartsAtThatDay() throws Exception {
        TikTokStubs.generatedMetrics(LocalDate.parse("2026-02-09"), LocalDate.parse("2026-02-28"));

        FetchResult batch = adapter(TikTokStubs.config(baseUrl))
                .fetch(FetchRequest.resume(CONFORMANCE_RANGE, new Cursor(1, "metrics|2026-02-09")));

        assertThat(batch.points()).extracting(MetricPoint::day).allSatisfy(d ->
                assertThat(d).isBetween(LocalDate.parse("2026-02-09"), FEB_28));
        assertThat(batch.next()).contains(new Cursor(1, "posts|" + CURSOR_AFTER_FEB_28));
    }

    private NetworkAdapter adapter(Map<String, String> raw) {
        assertThat(factory.descriptor().config().validate(raw)).isEmpty();
        ConfigValues values = factory.descriptor().config().resolve(raw);
        assertThat(factory.validate(values)).isEmpty();
        return factory.create(context, values);
    }


    private static Map<String, Double> valuesOn(List<MetricPoint> points, LocalDate day) {
        return points.stream().filter(p -> p.day().equals(day))
                .collect(Collectors.toMap(p -> p.metric().value(), MetricPoint::value));
    }

    private static Map<String, Double> ids(Map<MetricId, Double> metrics) {
        return metrics.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().value(), Map.Entry::getValue));
    }
}
