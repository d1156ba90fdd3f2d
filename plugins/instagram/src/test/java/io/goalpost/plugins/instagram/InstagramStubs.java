package io.goalpost.plugins.instagram;

import io.goalpost.plugin.testkit.ConfigMaps;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * WireMock stubs written from the shapes in Meta's Instagram Platform reference (account and media
 * insights, error handling): account snapshot, reach time series, one-day total_value answers,
 * follows_and_unfollows with the follow_type breakdown, media pages with cursors, media insights,
 * Meta error envelopes.
 */
final class InstagramStubs {

    static final String IG_ID = "17841400000000000";
    static final String TOKEN = "IGAAsecret-test-token-123";
    static final String NEW_TOKEN = "IGAArefreshed-new-token-456";
    static final String VERSION_PATH = "/v25.0";
    static final String INSIGHTS = VERSION_PATH + "/" + IG_ID + "/insights";
    static final String MEDIA = VERSION_PATH + "/" + IG_ID + "/media";
    static final String ACCOUNT = VERSION_PATH + "/" + IG_ID;
    static final String REFRESH = "/refresh_access_token";

    /** 12:00 Pacific (PDT) on 2026-03-20: "today" for the tests. */
    static final Instant NOW = Instant.parse("2026-03-20T19:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 20);

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private final WireMock wm;

    InstagramStubs(WireMock wm) {
        this.wm = wm;
    }

    /** An Instagram Login account served by the stubs at {@code baseUrl}. */
    static Map<String, String> config(String baseUrl) {
        return ConfigMaps.of("login_type", "instagram_login", "ig_user_id", IG_ID, "access_token", TOKEN,
                "api_base_url", baseUrl + VERSION_PATH);
    }

    /** The same account connected with Facebook Login (no refresh possible). */
    static Map<String, String> facebookConfig(String baseUrl) {
        Map<String, String> config = config(baseUrl);
        config.put("login_type", "facebook_login");
        return config;
    }

    static long since(LocalDate day) {
        return PacificDays.startOfDay(day);
    }

    // ---- account ---------------------------------------------------------------------------------

    void account() {
        wm.register(get(urlPathEqualTo(ACCOUNT)).willReturn(okJson(resource("account.json"))));
    }

    /** The permission probe of check(): a one-day reach total. */
    void probe() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo("reach"))
                .withQueryParam("metric_type", equalTo("total_value"))
                .willReturn(okJson("{\"data\":[{\"name\":\"reach\",\"period\":\"day\",\"total_value\":{\"value\":310},"
                        + "\"id\":\"" + IG_ID + "/insights/reach/day\"}]}")));
    }

    // ---- account insights -----------------------------------------------------------------------

    /** The reach time series for the window {@code from..to} (matched on since/until). */
    void reachSeries(LocalDate from, LocalDate to, Map<LocalDate, Long> values) {
        wm.register(reachRequest(from, to).willReturn(okJson(series("reach", values))));
    }

    MappingBuilder reachRequest(LocalDate from, LocalDate to) {
        return get(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo("reach"))
                .withQueryParam("metric_type", equalTo("time_series"))
                .withQueryParam("since", equalTo(Long.toString(since(from))))
                .withQueryParam("until", equalTo(Long.toString(since(to.plusDays(1)))));
    }

    /** Any reach time series: the value {@code 300 + day of month} for every day of the asked window. */
    void anyReachSeries(LocalDate from, LocalDate to) {
        Map<LocalDate, Long> values = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            values.put(d, 300L + d.getDayOfMonth());
        }
        reachSeries(from, to, values);
    }

    /** The three one-day calls of a day, with the given figures (null leaves a metric out). */
    void day(LocalDate day, Map<String, Long> totals, Long views, Long reelsViews, Long follows, Long unfollows) {
        wm.register(dayRequest(day, String.join(",", AccountInsights.DAILY_TOTALS.keySet()))
                .willReturn(okJson(totals(totals))));
        wm.register(dayRequest(day, "views").withQueryParam("breakdown", equalTo("media_product_type"))
                .willReturn(okJson(views == null ? "{\"data\":[]}" : views(views, reelsViews))));
        wm.register(dayRequest(day, "follows_and_unfollows").withQueryParam("breakdown", equalTo("follow_type"))
                .willReturn(okJson(follows(follows, unfollows))));
    }

    /** A day with figures derived from its date, every metric present. */
    void fullDay(LocalDate day) {
        day(day, standardTotals(day), 5000L + day.getDayOfMonth(), 3000L + day.getDayOfMonth(),
                40L + day.getDayOfMonth() % 7, 9L + day.getDayOfMonth() % 3);
    }

    static Map<String, Long> standardTotals(LocalDate day) {
        long d = day.getDayOfMonth();
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("total_interactions", 400 + d);
        totals.put("accounts_engaged", 280 + d);
        totals.put("likes", 320 + d);
        totals.put("comments", 20 + d);
        totals.put("shares", 30 + d);
        totals.put("saves", 30L);
        totals.put("profile_links_taps", 8 + d % 4);
        return totals;
    }

    MappingBuilder dayRequest(LocalDate day, String metrics) {
        return get(urlPathEqualTo(INSIGHTS)).withQueryParam("metric", equalTo(metrics))
                .withQueryParam("period", equalTo("day"))
                .withQueryParam("metric_type", equalTo("total_value"))
                .withQueryParam("since", equalTo(Long.toString(since(day))))
                .withQueryParam("until", equalTo(Long.toString(since(day.plusDays(1)))));
    }

    /** Every insights call answers {@code data: []} (lowest priority, so specific stubs win). */
    void emptyInsights() {
        wm.register(get(urlPathEqualTo(INSIGHTS)).atPriority(10).willReturn(okJson("{\"data\":[]}")));
    }

    // ---- media ----------------------------------------------------------------------------------

    /** A media list item. */
    record Media(String id, String mediaType, String productType, Instant timestamp, Long likeCount,
            Long commentsCount) {
        static Media reel(String id, Instant at) {
            return new Media(id, "VIDEO", "REELS", at, 812L, 37L);
        }

        static Media carousel(String id, Instant at) {
            return new Media(id, "CAROUSEL_ALBUM", "FEED", at, 120L, 4L);
        }

        static Media image(String id, Instant at) {
            return new Media(id, "IMAGE", "FEED", at, 64L, 3L);
        }

        /** A story: no like or comment counts. */
        static Media story(String id, Instant at) {
            return new Media(id, "IMAGE", "STORY", at, null, null);
        }
    }

    /** The media page reached with cursor {@code after} ("" = first page); {@code nextAfter} null = last page. */
    void mediaPage(String after, List<Media> items, String nextAfter) {
        MappingBuilder request = get(urlPathEqualTo(MEDIA));
        request = after.isEmpty() ? request.withQueryParam("after", WireMock.absent())
                : request.withQueryParam("after", equalTo(after));
        wm.register(request.willReturn(okJson(mediaPage(items, nextAfter))));
    }

    void mediaInsights(String mediaId, String body) {
        wm.register(get(urlPathEqualTo(VERSION_PATH + "/" + mediaId + "/insights")).willReturn(okJson(body)));
    }

    void mediaInsights(String mediaId, ResponseDefinitionBuilder response) {
        wm.register(get(urlPathEqualTo(VERSION_PATH + "/" + mediaId + "/insights")).willReturn(response));
    }

    /** Insights of any media: the documented Reel example. */
    void anyMediaInsights() {
        wm.register(get(urlPathMatching(VERSION_PATH + "/18[0-9]+/insights")).atPriority(10)
                .willReturn(okJson(resource("media-insights-reel.json"))));
    }

    void noMedia() {
        wm.register(get(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"data\":[]}")));
    }

    // ---- errors and refresh ---------------------------------------------------------------------

    static ResponseDefinitionBuilder error(int status, String resource) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(resource(resource));
    }

    static ResponseDefinitionBuilder throttled(int code) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#" + code + ") There have been too many calls. Wait a bit and "
                        + "try again.\",\"type\":\"OAuthException\",\"code\":" + code + ",\"fbtrace_id\":\"Thr" + code
                        + "\"}}");
    }

    // ---- bodies ---------------------------------------------------------------------------------

    static String series(String metric, Map<LocalDate, Long> values) {
        StringJoiner v = new StringJoiner(",");
        values.forEach((day, value) -> v.add("{\"value\":" + value + ",\"end_time\":\""
                + GRAPH_TIME.format(day.plusDays(1).atStartOfDay(PacificDays.ZONE).toInstant().atOffset(ZoneOffset.UTC))
                + "\"}"));
        return "{\"data\":[{\"name\":\"" + metric + "\",\"period\":\"day\",\"values\":[" + v + "],\"title\":\"Accounts "
                + "reached\",\"id\":\"" + IG_ID + "/insights/" + metric + "/day\"}],\"paging\":{\"previous\":"
                + "\"https://graph.instagram.com/v25.0/" + IG_ID + "/insights?metric=reach\",\"next\":"
                + "\"https://graph.instagram.com/v25.0/" + IG_ID + "/insights?metric=reach\"}}";
    }

    static String totals(Map<String, Long> totals) {
        StringJoiner items = new StringJoiner(",");
        totals.forEach((name, value) -> items.add("{\"name\":\"" + name + "\",\"period\":\"day\",\"title\":\"" + name
                + "\",\"total_value\":{\"value\":" + value + "},\"id\":\"" + IG_ID + "/insights/" + name + "/day\"}"));
        return "{\"data\":[" + items + "]}";
    }

    static String views(long total, Long reels) {
        String breakdown = reels == null ? "" : ",\"breakdowns\":[{\"dimension_keys\":[\"media_product_type\"],"
                + "\"results\":[{\"dimension_values\":[\"REELS\"],\"value\":" + reels + "},{\"dimension_values\":"
                + "[\"FEED\"],\"value\":" + (total - reels) + "}]}]";
        return "{\"data\":[{\"name\":\"views\",\"period\":\"day\",\"title\":\"Views\",\"total_value\":{\"value\":" + total
                + breakdown + "},\"id\":\"" + IG_ID + "/insights/views/day\"}]}";
    }

    static String follows(Long follows, Long unfollows) {
        if (follows == null && unfollows == null) {
            return "{\"data\":[]}";
        }
        StringJoiner results = new StringJoiner(",");
        if (follows != null) {
            results.add("{\"dimension_values\":[\"FOLLOWER\"],\"value\":" + follows + "}");
        }
        if (unfollows != null) {
            results.add("{\"dimension_values\":[\"NON_FOLLOWER\"],\"value\":" + unfollows + "}");
        }
        return "{\"data\":[{\"name\":\"follows_and_unfollows\",\"period\":\"day\",\"title\":\"Follows and unfollows\","
                + "\"total_value\":{\"breakdowns\":[{\"dimension_keys\":[\"follow_type\"],\"results\":[" + results
                + "]}]},\"id\":\"" + IG_ID + "/insights/follows_and_unfollows/day\"}]}";
    }

    static String mediaPage(List<Media> items, String nextAfter) {
        List<String> json = new ArrayList<>();
        for (Media m : items) {
            StringBuilder b = new StringBuilder("{\"id\":\"" + m.id() + "\",\"caption\":\"Post " + m.id()
                    + "\",\"media_type\":\"" + m.mediaType() + "\",\"media_product_type\":\"" + m.productType()
                    + "\",\"permalink\":\"https://www.instagram.com/p/" + m.id() + "/\",\"timestamp\":\""
                    + GRAPH_TIME.format(m.timestamp().atOffset(ZoneOffset.UTC)) + "\"");
            if (m.likeCount() != null) {
                b.append(",\"like_count\":").append(m.likeCount());
            }
            if (m.commentsCount() != null) {
                b.append(",\"comments_count\":").append(m.commentsCount());
            }
            json.add(b.append('}').toString());
        }
        String paging = "\"paging\":{\"cursors\":{\"before\":\"QVFIUjRkBEFORE\",\"after\":\""
                + (nextAfter == null ? "QVFIUmZALAST" : nextAfter) + "\"}"
                + (nextAfter == null ? "" : ",\"next\":\"https://graph.instagram.com/v25.0/" + IG_ID
                        + "/media?limit=100&after=" + nextAfter + "\"")
                + "}";
        return "{\"data\":[" + String.join(",", json) + "]," + paging + "}";
    }

    /** A test resource under {@code stubs/}. */
    static String resource(String name) {
        try (InputStream in = InstagramStubs.class.getResourceAsStream("/stubs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no stub resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Noon Pacific on a day. */
    static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(PacificDays.ZONE).toInstant();
    }
}
