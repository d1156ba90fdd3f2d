package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.testkit.ConfigMaps;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.StringJoiner;

/**
 * WireMock stubs of the TikTok Accounts API, written from the shapes in TikTok's API for Business docs:
 * {@code Access-Token} header, JSON arrays in query parameters, errors inside HTTP 200.
 */
final class TikTokStubs {

    static final String ROOT = "/open_api/v1.3";
    static final String PROFILE = ROOT + "/business/get/";
    static final String VIDEOS = ROOT + "/business/video/list/";
    static final String REFRESH = ROOT + "/tt_user/oauth2/refresh_token/";

    /** "Now" in every test: 2026-03-03 10:00 UTC, so the look-back starts on 2026-01-02. */
    static final Instant NOW = Instant.parse("2026-03-03T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String BUSINESS_ID = "-000Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8";
    static final String ACCESS_TOKEN = "act.example0000000000000000000000";
    static final String REFRESH_TOKEN = "rft.example0000000000000000000000";
    static final String CLIENT_ID = "7312345678901234567";
    static final String CLIENT_SECRET = "app-secret-example-00000000000000";
    static final String RENEWED_ACCESS_TOKEN = "act.renewed111111111111111111111";
    static final String RENEWED_REFRESH_TOKEN = "rft.renewed111111111111111111111";

    /** The first video cursor of a range ending 2026-02-28: midnight UTC after it, in epoch ms. */
    static final long CURSOR_AFTER_FEB_28 = 1772323200000L;
    static final long CURSOR_PAGE_2 = 1771578900000L;
    static final long CURSOR_PAGE_3 = 1769803800000L;

    static final String ACCOUNT_FIELDS_JSON = "[\"followers_count\",\"daily_new_followers\",\"daily_lost_followers\","
            + "\"video_views\",\"unique_video_views\",\"profile_views\",\"likes\",\"comments\",\"shares\","
            + "\"bio_link_clicks\",\"engaged_audience\"]";
    static final String VIDEO_FIELDS_JSON = "[\"item_id\",\"create_time\",\"caption\",\"share_url\",\"video_views\",\"reach\","
            + "\"likes\",\"comments\",\"shares\",\"favorites\",\"website_clicks\",\"profile_views\",\"new_followers\","
            + "\"total_time_watched\",\"average_time_watched\",\"full_video_watched_rate\"]";

    private TikTokStubs() {
    }

    /** Config without refresh credentials. */
    static Map<String, String> config(String baseUrl) {
        return ConfigMaps.of("business_id", BUSINESS_ID, "access_token", ACCESS_TOKEN, "api_base_url", baseUrl + ROOT);
    }

    /** Config with a refresh token and the app's credentials. */
    static Map<String, String> configWithRefresh(String baseUrl) {
        return ConfigMaps.withRefresh(config(baseUrl), REFRESH_TOKEN, CLIENT_ID, CLIENT_SECRET);
    }

    /** The connection check: {@code /business/get/} without dates. */
    static void profile() {
        stubFor(get(urlPathEqualTo(PROFILE)).withQueryParam("start_date", absent())
                .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okFile("profile.json")));
    }

    /** Daily metrics of one window, from a file. */
    static void metrics(LocalDate from, LocalDate to, String file) {
        stubFor(get(urlPathEqualTo(PROFILE)).withQueryParam("start_date", equalTo(from.toString()))
                .withQueryParam("end_date", equalTo(to.toString()))
                .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okFile(file)));
    }

    /** Daily metrics of one window, every field present, values derived from the day. */
    static void generatedMetrics(LocalDate from, LocalDate to) {
        stubFor(get(urlPathEqualTo(PROFILE)).withQueryParam("start_date", equalTo(from.toString()))
                .withQueryParam("end_date", equalTo(to.toString()))
                .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okJson(metricsBody(from, to))));
    }

    /** One page of videos, matched on the cursor asked for. */
    static void videoPage(long cursor, String file) {
        stubFor(get(urlPathEqualTo(VIDEOS)).withQueryParam("cursor", equalTo(Long.toString(cursor)))
                .withHeader("Access-Token", equalTo(ACCESS_TOKEN))
                .willReturn(okFile(file)));
    }

    /** The three documented-shape pages of the range 2026-01-10..2026-02-28 (the third reaches older videos). */
    static void videoPages() {
        videoPage(CURSOR_AFTER_FEB_28, "videos_page1.json");
        videoPage(CURSOR_PAGE_2, "videos_page2.json");
        videoPage(CURSOR_PAGE_3, "videos_page3.json");
    }

    /** The refresh endpoint trading {@code refreshToken} for the body in {@code file}. */
    static void refresh(String refreshToken, String file) {
        stubFor(post(urlPathEqualTo(REFRESH))
                .withRequestBody(equalToJson("{\"client_id\":\"" + CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
                        + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}"))
                .willReturn(okFile(file)));
    }

    /** The happy path of the range 2026-01-10..2026-02-28: profile, two metric windows, three video pages. */
    static void happyPath() {
        profile();
        generatedMetrics(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-02-08"));
        generatedMetrics(LocalDate.parse("2026-02-09"), LocalDate.parse("2026-02-28"));
        videoPages();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okFile(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Tt-Logid", "20260303100000010203040506070809").withBodyFile(file);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }

    /** A {@code /business/get/} answer with one complete {@code metrics[]} entry per day. */
    static String metricsBody(LocalDate from, LocalDate to) {
        StringJoiner days = new StringJoiner(",\n");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            int i = (int) (d.toEpochDay() % 100);
            days.add("{\"date\":\"" + d + "\",\"followers_count\":" + (10_000 + 40 * i) + ",\"video_views\":"
                    + (3_000 + i * 37 % 500) + ",\"unique_video_views\":" + (2_200 + i) + ",\"profile_views\":"
                    + (150 + i) + ",\"likes\":" + (300 + i) + ",\"comments\":" + (20 + i % 7) + ",\"shares\":"
                    + (10 + i % 5) + ",\"bio_link_clicks\":" + (8 + i % 3) + ",\"daily_new_followers\":" + (45 + i % 9)
                    + ",\"daily_lost_followers\":" + (5 + i % 4) + ",\"daily_total_followers\":" + (40 + i % 9 - i % 4)
                    + ",\"engaged_audience\":" + (280 + i) + "}");
        }
        return "{\"code\":0,\"message\":\"OK\",\"request_id\":\"202603031000000000000000000001\",\"data\":{"
                + "\"username\":\"acme_official\",\"display_name\":\"Acme\",\"followers_count\":11240,\"metrics\":["
                + days + "]}}";
    }
}
