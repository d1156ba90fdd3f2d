package io.goalpost.plugins.linkedin;

import io.goalpost.plugin.testkit.ConfigMaps;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.AdapterException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.assertj.core.api.Assertions;

/**
 * WireMock stubs written from the request and response shapes in LinkedIn's Community Management API
 * documentation. URLs are the raw shapes LinkedIn expects (URNs percent-encoded, Rest.li structure
 * unescaped) and are computed here independently of the adapter's own encoding code.
 */
final class LinkedInStubs {

    static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    /** Today minus the 2-day lag minus one: the last day statistics may be asked for. */
    static final LocalDate LAST_STATS_DAY = LocalDate.of(2026, 11, 17);
    /** Today minus 362 days: the first day statistics are asked for. */
    static final LocalDate FIRST_STATS_DAY = LocalDate.of(2025, 11, 23);

    static final String ORG_ID = "2414183";
    static final String ORG = "urn%3Ali%3Aorganization%3A2414183";
    static final String TOKEN = "AQV-fake-access-token-for-tests-0001";
    static final String NEW_TOKEN = "AQV-fake-access-token-refreshed-0002";
    static final String REFRESH_TOKEN = "AQX-fake-refresh-token-for-tests-0001";
    static final String CLIENT_ID = "86fakeclientid";
    static final String CLIENT_SECRET = "fake-client-secret-0001";
    static final String VERSION = "202606";

    static final String EXPIRED = "{\"status\":401,\"serviceErrorCode\":65600,\"code\":\"EXPIRED_ACCESS_TOKEN\","
            + "\"message\":\"The token used in the request has expired\"}";
    static final String REVOKED = "{\"status\":401,\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\","
            + "\"message\":\"The token used in the request has been revoked by the user\"}";
    static final String ACCESS_DENIED = "{\"status\":403,\"serviceErrorCode\":100,\"code\":\"ACCESS_DENIED\","
            + "\"message\":\"Not enough permissions to access: organizationalEntityShareStatistics.GET.20250301\"}";
    static final String THROTTLED = "{\"status\":429,\"serviceErrorCode\":101,\"code\":\"TOO_MANY_REQUESTS\","
            + "\"message\":\"Resource level throttle limit for calls to this resource is reached.\"}";
    static final String RETIRED_VERSION = "{\"status\":426,\"code\":\"NONEXISTENT_VERSION\","
            + "\"message\":\"Requested version 20250401 is not active\"}";

    private LinkedInStubs() {
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static Map<String, String> config(String baseUrl) {
        return ConfigMaps.of("organization_id", ORG_ID, "access_token", TOKEN, "api_base_url", baseUrl + "/rest",
                "oauth_base_url", baseUrl + "/oauth/v2");
    }

    static Map<String, String> configWithRefresh(String baseUrl) {
        return ConfigMaps.withRefresh(config(baseUrl), REFRESH_TOKEN, CLIENT_ID, CLIENT_SECRET);
    }

    // ---- URLs ----

    static long millis(LocalDate day) {
        return day.toEpochDay() * 86_400_000L;
    }

    static String intervals(LocalDate from, LocalDate to) {
        return "(timeRange:(start:" + millis(from) + ",end:" + millis(to.plusDays(1)) + "),timeGranularityType:DAY)";
    }

    static String followerStatsUrl(LocalDate from, LocalDate to) {
        return "/rest/organizationalEntityFollowerStatistics?q=organizationalEntity&organizationalEntity=" + ORG
                + "&timeIntervals=" + intervals(from, to);
    }

    static String shareStatsUrl(LocalDate from, LocalDate to) {
        return "/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=" + ORG
                + "&timeIntervals=" + intervals(from, to);
    }

    static String pageStatsUrl(LocalDate from, LocalDate to) {
        return "/rest/organizationPageStatistics?q=organization&organization=" + ORG + "&timeIntervals="
                + intervals(from, to);
    }

    static String postsUrl(int start) {
        return "/rest/posts?author=" + ORG + "&q=author&count=50&start=" + start + "&sortBy=CREATED";
    }

    static String postStatsUrl(List<String> shares, List<String> ugcPosts) {
        StringBuilder url = new StringBuilder("/rest/organizationalEntityShareStatistics?q=organizationalEntity"
                + "&organizationalEntity=" + ORG);
        if (!shares.isEmpty()) {
            url.append("&shares=").append(list(shares));
        }
        if (!ugcPosts.isEmpty()) {
            url.append("&ugcPosts=").append(list(ugcPosts));
        }
        return url.toString();
    }

    private static String list(List<String> urns) {
        StringJoiner joiner = new StringJoiner(",", "List(", ")");
        urns.forEach(u -> joiner.add(u.replace(":", "%3A")));
        return joiner.toString();
    }

    static final String NETWORK_SIZES_URL = "/rest/networkSizes/" + ORG + "?edgeType=COMPANY_FOLLOWED_BY_MEMBER";
    static final String ORGANIZATION_URL = "/rest/organizations/" + ORG_ID;

    // ---- bodies (documented shapes; values are a function of the day so tests can predict them) ----

    static long organicGain(LocalDate day) {
        return 3 + day.getDayOfMonth() % 5;
    }

    static long paidGain(LocalDate day) {
        return day.getDayOfMonth() % 3 == 0 ? 1 : 0;
    }

    static long impressions(LocalDate day) {
        return 900 + day.getDayOfMonth() * 10L;
    }

    static long pageViews(LocalDate day) {
        return 40 + day.getDayOfMonth();
    }

    static String followerStatsBody(LocalDate from, LocalDate to) {
        StringJoiner elements = new StringJoiner(",");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            elements.add("{\"organizationalEntity\":\"urn:li:organization:2414183\",\"timeRange\":{\"start\":"
                    + millis(d) + ",\"end\":" + millis(d.plusDays(1)) + "},\"followerGains\":{\"organicFollowerGain\":"
                    + organicGain(d) + ",\"paidFollowerGain\":" + paidGain(d) + "}}");
        }
        return envelope(elements.toString());
    }

    static String shareStatsBody(LocalDate from, LocalDate to) {
        StringJoiner elements = new StringJoiner(",");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            elements.add("{\"organizationalEntity\":\"urn:li:organization:2414183\",\"timeRange\":{\"start\":"
                    + millis(d) + ",\"end\":" + millis(d.plusDays(1)) + "},\"totalShareStatistics\":{"
                    + "\"uniqueImpressionsCount\":410,\"shareCount\":3,\"engagement\":0.0421,\"clickCount\":12,"
                    + "\"likeCount\":20,\"impressionCount\":" + impressions(d) + ",\"commentCount\":4}}");
        }
        return envelope(elements.toString());
    }

    /** Page statistics; {@code uniquePageViews} left out (unconfirmed in time-bound answers). */
    static String pageStatsBody(LocalDate from, LocalDate to) {
        StringJoiner elements = new StringJoiner(",");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            elements.add("{\"organization\":\"urn:li:organization:2414183\",\"timeRange\":{\"start\":" + millis(d)
                    + ",\"end\":" + millis(d.plusDays(1)) + "},\"totalPageStatistics\":{\"views\":{"
                    + "\"allPageViews\":{\"pageViews\":" + pageViews(d) + "},"
                    + "\"allDesktopPageViews\":{\"pageViews\":30},\"allMobilePageViews\":{\"pageViews\":20},"
                    + "\"overviewPageViews\":{\"pageViews\":31},\"careersPageViews\":{\"pageViews\":12}},"
                    + "\"clicks\":{\"careersPageClicks\":{\"careersPageJobsClicks\":2,\"careersPagePromoLinksClicks\":0}}}}");
        }
        return envelope(elements.toString());
    }

    static String envelope(String elements) {
        return "{\"paging\":{\"start\":0,\"count\":10,\"links\":[]},\"elements\":[" + elements + "]}";
    }

    static final String EMPTY = envelope("");

    /** A post element as in the documented posts list. */
    static String post(String urn, Instant created, String lifecycle, String content) {
        return "{\"id\":\"" + urn + "\",\"author\":\"urn:li:organization:2414183\",\"commentary\":\"We're hiring at @[Acme](urn:li:organization:2414183) \\\\(remote\\\\)\","
                + "\"visibility\":\"PUBLIC\",\"lifecycleState\":\"" + lifecycle + "\",\"createdAt\":"
                + created.toEpochMilli() + ",\"publishedAt\":" + created.toEpochMilli() + ",\"lastModifiedAt\":"
                + (created.toEpochMilli() + 500_000L) + ",\"distribution\":{\"feedDistribution\":\"MAIN_FEED\","
                + "\"targetEntities\":[],\"thirdPartyDistributionChannels\":[]}"
                + (content == null ? "" : ",\"content\":" + content) + ",\"isReshareDisabledByAuthor\":false}";
    }

    static String postsPage(int start, Integer nextStart, Integer total, String... posts) {
        String links = nextStart == null ? "[]"
                : "[{\"type\":\"application/json\",\"rel\":\"next\",\"href\":\"/rest/posts?author=" + ORG
                        + "&count=50&q=author&start=" + nextStart + "\"}]";
        return "{\"paging\":{\"start\":" + start + ",\"count\":50,\"links\":" + links
                + (total == null ? "" : ",\"total\":" + total) + "},\"elements\":[" + String.join(",", posts) + "]}";
    }

    static String postStats(String field, String urn, String statistics) {
        return "{\"organizationalEntity\":\"urn:li:organization:2414183\",\"" + field + "\":\"" + urn
                + "\",\"totalShareStatistics\":" + statistics + "}";
    }

    static final String FULL_POST_STATS = "{\"uniqueImpressionsCount\":8120,\"shareCount\":9,\"engagement\":0.051,"
            + "\"clickCount\":240,\"likeCount\":130,\"impressionCount\":10400,\"commentCount\":12}";

    static final String ORGANIZATION = "{\"id\":2414183,\"localizedName\":\"Acme Corp\",\"vanityName\":\"acme-corp\"}";

    // ---- registration helpers ----

    static void statistics(WireMock wm, LocalDate from, LocalDate to) {
        wm.register(get(urlEqualTo(followerStatsUrl(from, to))).willReturn(okJson(followerStatsBody(from, to))));
        wm.register(get(urlEqualTo(shareStatsUrl(from, to))).willReturn(okJson(shareStatsBody(from, to))));
        wm.register(get(urlEqualTo(pageStatsUrl(from, to))).willReturn(okJson(pageStatsBody(from, to))));
    }

    /** Answers every statistics call with no elements, at low priority (specific stubs win). */
    static void emptyStatistics(WireMock wm) {
        for (String path : List.of("/rest/organizationalEntityFollowerStatistics", "/rest/organizationalEntityShareStatistics",
                "/rest/organizationPageStatistics")) {
            wm.register(get(urlPathEqualTo(path)).atPriority(10).willReturn(okJson(EMPTY)));
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Fails when an exception message carries a credential or a query string. */
    static void assertNoSecrets(AdapterException e) {
        for (String secret : List.of(TOKEN, NEW_TOKEN, REFRESH_TOKEN, CLIENT_SECRET)) {
            Assertions.assertThat(e.getMessage()).as("message of " + e.kind()).doesNotContain(secret);
            Assertions.assertThat(String.valueOf(e)).doesNotContain(secret);
        }
        Assertions.assertThat(e.getMessage()).as("no URL query in messages").doesNotContain("?").doesNotContain("timeIntervals=");
    }
}
