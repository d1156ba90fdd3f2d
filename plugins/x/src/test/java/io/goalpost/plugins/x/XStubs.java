package io.goalpost.plugins.x;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.DateRange;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The X API v2 stubs shared by the WireMock tests, written from the endpoint and error shapes of X's
 * API v2 reference. The clock is fixed at 2026-04-02T12:00Z, so posts of 2026-03-05 and later are
 * "recent" (non-public metrics asked for) and older ones get public metrics only.
 */
final class XStubs {

    static final Instant NOW = Instant.parse("2026-04-02T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final LocalDate TODAY = LocalDate.of(2026, 4, 2);
    static final DateRange RANGE = new DateRange(LocalDate.of(2026, 2, 1), TODAY);

    static final String USER_ID = "1650000000000000000";
    static final String ME = "/2/users/me";
    static final String USER = "/2/users/" + USER_ID;
    static final String TIMELINE = "/2/users/" + USER_ID + "/tweets";
    static final String TOKEN = "/2/oauth2/token";

    static final String ACCESS_TOKEN = "test-access-token-1";
    static final String REFRESH_TOKEN = "test-refresh-token-1";
    static final String CLIENT_ID = "test-client-id";
    static final String CLIENT_SECRET = "test-client-secret";

    static final String RECENT_START = "2026-03-05T00:00:00Z";
    static final String OLDER_START = "2026-02-01T00:00:00Z";
    static final String NEXT_TOKEN = "7140dibdnow9c7btw4b0ysx2sd7lm9o1j0y8x5k8l0ma";
    /** The reset of the current 15-minute window: 2026-04-02T12:15:00Z. */
    static final long WINDOW_RESET = Instant.parse("2026-04-02T12:15:00Z").getEpochSecond();

    private XStubs() {
    }

    /** The minimal configuration: a token, the stub's base URL and the account's user id. */
    static Map<String, String> config(String baseUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(XConfig.ACCESS_TOKEN, ACCESS_TOKEN);
        config.put(XConfig.USER_ID, USER_ID);
        config.put(XConfig.API_BASE_URL, baseUrl + "/2");
        return config;
    }

    /** The configuration with a refresh token and client id. */
    static Map<String, String> refreshableConfig(String baseUrl) {
        Map<String, String> config = config(baseUrl);
        config.put(XConfig.REFRESH_TOKEN, REFRESH_TOKEN);
        config.put(XConfig.CLIENT_ID, CLIENT_ID);
        return config;
    }

    /** A JSON answer from __files/x with X's rate-limit headers, as on every real answer. */
    static ResponseDefinitionBuilder answer(int status, String file) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-rate-limit-limit", "900")
                .withHeader("x-rate-limit-remaining", status == 429 ? "0" : "897")
                .withHeader("x-rate-limit-reset", Long.toString(WINDOW_RESET))
                .withBodyFile("x/" + file);
    }

    /** Account lookups and a timeline of three pages over two segments. */
    static void happyPath(WireMock wm) {
        wm.resetMappings();
        wm.register(get(urlPathEqualTo(ME)).willReturn(answer(200, "users-me.json")));
        wm.register(get(urlPathEqualTo(USER)).willReturn(answer(200, "users-me.json")));
        wm.register(get(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(RECENT_START))
                .withQueryParam("pagination_token", absent())
                .willReturn(answer(200, "timeline-recent-1.json")));
        wm.register(get(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(RECENT_START))
                .withQueryParam("pagination_token", equalTo(NEXT_TOKEN))
                .willReturn(answer(200, "timeline-recent-2.json")));
        wm.register(get(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", equalTo(OLDER_START))
                .willReturn(answer(200, "timeline-older.json")));
    }
}
