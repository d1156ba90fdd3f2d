package io.goalpost.plugins.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.goalpost.plugin.api.DateRange;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * WireMock stubs of one Facebook Page, written from the shapes in Meta's Graph API reference for the
 * Page node, Page Insights and the Page feed: the Page node, two insights windows for
 * 2026-01-01..2026-05-15, and three pages of published posts. Stub priorities: 1 for a test's error
 * override, 5 for the happy path, 9 for catch-alls.
 */
final class FacebookStubs {

    static final String PAGE_ID = "104857600000001";
    /** Shaped like a real Page token on purpose, so redaction is tested against something realistic. */
    static final String TOKEN = "test-page-token-not-a-real-secret";
    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    /** 2026-05-20 12:00 in Los Angeles. */
    static final Instant NOW = Instant.parse("2026-05-20T19:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** 135 days: two insights windows (90 + 45 days). */
    static final DateRange RANGE = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 15));

    static final String PAGE_PATH = "/v25.0/" + PAGE_ID;
    static final String INSIGHTS_PATH = PAGE_PATH + "/insights";
    static final String POSTS_PATH = PAGE_PATH + "/published_posts";

    static final String ALL_PAGE_METRICS = "page_media_view,page_total_media_view_unique,page_post_engagements,"
            + "page_follows,page_daily_follows_unique,page_daily_unfollows_unique,page_views_total,page_video_views,"
            + "page_actions_post_reactions_total";

    private FacebookStubs() {
    }

    static Map<String, String> config(WireMockRuntimeInfo wm) {
        return Map.of("page_id", PAGE_ID, "page_access_token", TOKEN, "api_base_url", wm.getHttpBaseUrl() + "/v25.0");
    }

    /** Unix seconds of a Pacific midnight, computed independently of the adapter's code. */
    static String midnight(LocalDate day) {
        return Long.toString(day.atStartOfDay(PACIFIC).toEpochSecond());
    }

    /** The Page, both insights windows of {@link #RANGE}, and three pages of posts. */
    static void stubHappyPath() {
        stubFor(get(urlPathEqualTo(PAGE_PATH)).atPriority(5)
                .willReturn(jsonFile("facebook/page.json")));
        stubFor(get(urlPathEqualTo(PAGE_PATH)).withQueryParam("fields", equalTo("followers_count")).atPriority(5)
                .willReturn(okJson("{\"followers_count\":21050,\"id\":\"" + PAGE_ID + "\"}")));
        // Any other insights request (the connection check's probe) gets Facebook's "no data" answer.
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(9).willReturn(okJson("{\"data\":[]}")));
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(5)
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 1, 1))))
                .withQueryParam("until", equalTo(midnight(LocalDate.of(2026, 4, 1))))
                .willReturn(jsonFile("facebook/insights_2026q1.json")));
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(5)
                .withQueryParam("since", equalTo(midnight(LocalDate.of(2026, 4, 1))))
                .withQueryParam("until", equalTo(midnight(LocalDate.of(2026, 5, 16))))
                .willReturn(jsonFile("facebook/insights_2026q2.json")));
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(5).withQueryParam("after", absent())
                .willReturn(jsonFile("facebook/posts_page1.json")));
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(5).withQueryParam("after", equalTo("QVFIUkx1ZA"))
                .willReturn(jsonFile("facebook/posts_page2.json")));
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(5).withQueryParam("after", equalTo("QVFIUm2ZA"))
                .willReturn(jsonFile("facebook/posts_page3.json")));
    }

    /** A Page with no data: Facebook's empty lists, not zeros. */
    static void stubEmptyPage() {
        stubFor(get(urlPathEqualTo(PAGE_PATH)).atPriority(5)
                .willReturn(jsonFile("facebook/page.json")));
        stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(5).willReturn(okJson("{\"data\":[]}")));
        stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(5).willReturn(okJson("{\"data\":[]}")));
    }

    /** A 200 with a JSON body from {@code src/test/resources/__files}. */
    static ResponseDefinitionBuilder jsonFile(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBodyFile(name);
    }

    /** Facebook's error envelope. */
    static String errorBody(int code, int subcode, String message) {
        return "{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"type\":\"OAuthException\",\"code\":"
                + code + (subcode != 0 ? ",\"error_subcode\":" + subcode : "") + ",\"fbtrace_id\":\"AbCdEf123\"}}";
    }

    /** An error response with Facebook's usual HTTP 400. */
    static ResponseDefinitionBuilder error(int code, int subcode, String message) {
        return error(400, code, subcode, message);
    }

    static ResponseDefinitionBuilder error(int status, int code, int subcode, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(errorBody(code, subcode, message));
    }

    /** The usage header Facebook sends for a Page token, with a percentage and a regain time in minutes. */
    static String businessUseCaseUsage(int percent, int minutes) {
        return "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":" + percent + ",\"total_cputime\":12,"
                + "\"total_time\":14,\"estimated_time_to_regain_access\":" + minutes + "}]}";
    }
}
