package io.goalpost.plugins.linkedin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.goalpost.plugin.testkit.ScenarioStubs.answerGet;
import static io.goalpost.plugins.linkedin.LinkedInStubs.json;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.testkit.AdapterConformance;
import io.goalpost.plugin.testkit.ScenarioStubs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared conformance checks against the documented stubs, with every typed error signal of LinkedIn. */
@WireMockTest
final class LinkedInConformanceTest {

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    /** Includes today, so the range also reads the follower count and has days inside the 2-day lag. */
    private static final DateRange RANGE = new DateRange(FROM, LinkedInStubs.TODAY);
    private static final String SHARE_STATISTICS = "/rest/organizationalEntityShareStatistics";
    private static final String POSTS = "/rest/posts";
    private static final String REFRESH_REFUSED =
            "{\"error\":\"invalid_request\",\"error_description\":\"The provided refresh token is invalid\"}";

    @TestFactory
    Stream<DynamicTest> conformance(WireMockRuntimeInfo info) {
        WireMock wm = info.getWireMock();
        return AdapterConformance.forFactory(new LinkedInAdapterFactory())
                .config(LinkedInStubs.configWithRefresh(info.getHttpBaseUrl()))
                .range(RANGE)
                .clock(LinkedInStubs.clock())
                .expectAbsent(LinkedInMetrics.UNIQUE_PAGE_VIEWS)
                .errorScenarios(ScenarioStubs.onEveryCall(wm))
                .resetStubs(() -> {
                    wm.resetMappings();
                    happyPath(wm);
                })
                .errorScenario("429 without headers on share statistics",
                        () -> answerGet(wm, SHARE_STATISTICS, json(429, LinkedInStubs.THROTTLED)),
                        AdapterException.RateLimited.class)
                .errorScenario("429 with an empty body on posts",
                        () -> answerGet(wm, POSTS, aResponse().withStatus(429)), AdapterException.RateLimited.class)
                .errorScenario("401 65600 and the refresh refused", () -> {
                    answerGet(wm, SHARE_STATISTICS, json(401, LinkedInStubs.EXPIRED));
                    wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(json(400, REFRESH_REFUSED)));
                }, AdapterException.AuthExpired.class)
                .errorScenario("401 65601 revoked and the refresh refused", () -> {
                    answerGet(wm, POSTS, json(401, LinkedInStubs.REVOKED));
                    wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(json(401, REFRESH_REFUSED)));
                }, AdapterException.AuthExpired.class)
                .errorScenario("503 from the token endpoint", () -> {
                    answerGet(wm, SHARE_STATISTICS, json(401, LinkedInStubs.EXPIRED));
                    wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(aResponse().withStatus(503)));
                }, AdapterException.TransientFailure.class)
                .errorScenario("403 ACCESS_DENIED on statistics",
                        () -> answerGet(wm, SHARE_STATISTICS, json(403, LinkedInStubs.ACCESS_DENIED)),
                        AdapterException.PermissionMissing.class)
                .errorScenario("403 on posts",
                        () -> answerGet(wm, POSTS, json(403, "{\"status\":403,\"serviceErrorCode\":100,"
                        + "\"code\":\"ACCESS_DENIED\",\"message\":\"Not enough permissions to access: posts.GET.20250301\"}")),
                        AdapterException.PermissionMissing.class)
                .errorScenario("426 NONEXISTENT_VERSION",
                        () -> answerGet(wm, SHARE_STATISTICS, json(426, LinkedInStubs.RETIRED_VERSION)),
                        AdapterException.ConfigInvalid.class)
                .errorScenario("400 Invalid timeIntervals parameter", () -> answerGet(wm, SHARE_STATISTICS, json(400,
                        "{\"status\":400,\"message\":\"Invalid timeIntervals parameter\"}")),
                        AdapterException.TransientFailure.class)
                .errorScenario("500",
                        () -> answerGet(wm, POSTS, json(500, "{\"status\":500,\"message\":\"Internal Server Error\"}")),
                        AdapterException.TransientFailure.class)
                .errorScenario("truncated JSON on posts",
                        () -> answerGet(wm, POSTS, okJson("{\"paging\":{\"start\":0},\"elements\":[{\"id\":")),
                        AdapterException.BadResponse.class)
                .errorScenario("elements missing",
                        () -> answerGet(wm, SHARE_STATISTICS, okJson("{\"paging\":{\"start\":0}}")),
                        AdapterException.BadResponse.class)
                .checkErrorScenario("401 on the organization lookup and the refresh refused", () -> {
                    wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL)).willReturn(json(401, LinkedInStubs.EXPIRED)));
                    wm.register(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(json(400, REFRESH_REFUSED)));
                }, AdapterException.AuthExpired.class)
                .checkErrorScenario("403 on the statistics probe (content admin, not ADMINISTRATOR)",
                        () -> answerGet(wm, SHARE_STATISTICS, json(403, LinkedInStubs.ACCESS_DENIED)),
                        AdapterException.PermissionMissing.class)
                .checkErrorScenario("404 unknown organization", () -> wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL))
                        .willReturn(json(404, "{\"status\":404,\"message\":\"Not Found\"}"))),
                        AdapterException.ConfigInvalid.class)
                .tests();
    }

    /** The organization, one statistics window, the follower count, and two pages of posts. */
    static void happyPath(WireMock wm) {
        wm.register(get(urlEqualTo(LinkedInStubs.ORGANIZATION_URL)).willReturn(okJson(LinkedInStubs.ORGANIZATION)));
        LocalDate probe = LinkedInStubs.LAST_STATS_DAY;
        wm.register(get(urlEqualTo(LinkedInStubs.shareStatsUrl(probe, probe)))
                .willReturn(okJson(LinkedInStubs.shareStatsBody(probe, probe))));
        LinkedInStubs.statistics(wm, FROM, LinkedInStubs.LAST_STATS_DAY);
        wm.register(get(urlEqualTo(LinkedInStubs.NETWORK_SIZES_URL)).willReturn(okJson("{\"firstDegreeSize\": 33634}")));

        String a = "urn:li:share:7290000000000000001";
        String b = "urn:li:ugcPost:7290000000000000002";
        String c = "urn:li:share:7290000000000000003";
        String d = "urn:li:share:7290000000000000004";
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(0))).willReturn(okJson(LinkedInStubs.postsPage(0, 50, 4,
                LinkedInStubs.post(a, Instant.parse("2026-11-10T09:00:00Z"), "PUBLISHED", null),
                LinkedInStubs.post(b, Instant.parse("2026-10-20T14:30:00Z"), "PUBLISHED",
                        "{\"media\":{\"id\":\"urn:li:video:C5605AQH0000000\",\"title\":\"Office tour\"}}"),
                LinkedInStubs.post(c, Instant.parse("2026-10-01T08:00:00Z"), "PUBLISHED", null)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(a, c), List.of(b)))).willReturn(okJson(
                LinkedInStubs.envelope(LinkedInStubs.postStats("share", a, LinkedInStubs.FULL_POST_STATS) + ","
                        + LinkedInStubs.postStats("ugcPost", b, LinkedInStubs.FULL_POST_STATS) + ","
                        + LinkedInStubs.postStats("share", c, LinkedInStubs.FULL_POST_STATS)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postsUrl(50))).willReturn(okJson(LinkedInStubs.postsPage(50, null, 4,
                LinkedInStubs.post(d, Instant.parse("2026-09-02T10:00:00Z"), "PUBLISHED", null)))));
        wm.register(get(urlEqualTo(LinkedInStubs.postStatsUrl(List.of(d), List.of()))).willReturn(okJson(
                LinkedInStubs.envelope(LinkedInStubs.postStats("share", d, LinkedInStubs.FULL_POST_STATS)))));
    }
}
