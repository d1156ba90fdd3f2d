package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.testkit.ConfigMaps;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * WireMock stubs of Pinterest API v5 written from the shapes in Pinterest's API v5 reference, shared
 * by the adapter tests and the conformance run. The clock is fixed at {@link #NOW}, so the 90-day
 * look-back runs from 2025-12-02 to 2026-03-02 and splits into two analytics windows.
 */
final class PinterestStubs {

    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final DateRange LOOK_BACK = new DateRange(LocalDate.of(2025, 12, 2), TODAY);

    static final String ACCESS_TOKEN = "pina_AMAtestACCESStoken0001";
    static final String REFRESH_TOKEN = "pinr_AMAtestREFRESHtoken0002";
    static final String CLIENT_ID = "1484301";
    static final String CLIENT_SECRET = "appSECRETvalue0003";

    static final String PAGE_2 = "Ym9va21hcmstcGFnZS0y";
    static final String PAGE_3 = "Ym9va21hcmstcGFnZS0z";

    private PinterestStubs() {
    }

    /** An account configured with every credential, pointing at WireMock. */
    static Map<String, String> config(String wireMockBaseUrl) {
        return ConfigMaps.withRefresh(configWithoutRefresh(wireMockBaseUrl), REFRESH_TOKEN, CLIENT_ID, CLIENT_SECRET);
    }

    /** An account configured with the access token only. */
    static Map<String, String> configWithoutRefresh(String wireMockBaseUrl) {
        return ConfigMaps.of("access_token", ACCESS_TOKEN, "api_base_url", wireMockBaseUrl + "/v5");
    }

    /** Forgets every stub and serves the documented happy path for the access token. */
    static void happyPath(WireMock wm) {
        wm.resetMappings();
        wm.register(get(urlPathEqualTo("/v5/user_account")).withHeader("Authorization", bearer())
                .willReturn(file("user_account.json")));
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).withHeader("Authorization", bearer())
                .withQueryParam("start_date", equalTo("2025-12-02"))
                .willReturn(file("analytics_window1.json")));
        wm.register(get(urlPathEqualTo("/v5/user_account/analytics")).withHeader("Authorization", bearer())
                .withQueryParam("start_date", equalTo("2026-03-02"))
                .willReturn(file("analytics_window2.json")));
        wm.register(get(urlPathEqualTo("/v5/pins")).withHeader("Authorization", bearer())
                .withQueryParam("bookmark", absent())
                .willReturn(file("pins_page1.json")));
        wm.register(get(urlPathEqualTo("/v5/pins")).withHeader("Authorization", bearer())
                .withQueryParam("bookmark", equalTo(PAGE_2))
                .willReturn(file("pins_page2.json")));
        wm.register(get(urlPathEqualTo("/v5/pins")).withHeader("Authorization", bearer())
                .withQueryParam("bookmark", equalTo(PAGE_3))
                .willReturn(file("pins_page3.json")));
        wm.register(get(urlPathMatching("/v5/pins/[0-9]+/analytics")).atPriority(10)
                .withHeader("Authorization", bearer())
                .willReturn(file("pin_analytics_image.json")));
        wm.register(get(urlPathEqualTo("/v5/pins/1001/analytics")).atPriority(1)
                .withHeader("Authorization", bearer())
                .willReturn(file("pin_analytics_video.json")));
    }

    /** A JSON response from {@code src/test/resources/__files}. */
    static ResponseDefinitionBuilder file(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBodyFile(name);
    }

    /** A JSON response with an inline body. */
    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern bearer() {
        return equalTo("Bearer " + ACCESS_TOKEN);
    }
}
