package io.goalpost.plugins.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.goalpost.plugins.tiktok.TikTokStubs.PROFILE;
import static io.goalpost.plugins.tiktok.TikTokStubs.VIDEOS;
import static io.goalpost.plugins.tiktok.TikTokStubs.okFile;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.testkit.AdapterConformance;
import io.goalpost.plugin.testkit.ScenarioStubs;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared conformance checks, against stubs of two metric windows and three video pages. */
@WireMockTest
final class TikTokConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformance(WireMockRuntimeInfo wm) {
        return AdapterConformance.forFactory(new TikTokAdapterFactory())
                .config(TikTokStubs.config(wm.getHttpBaseUrl()))
                .range(new DateRange(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-02-28")))
                .clock(TikTokStubs.CLOCK)
                // TikTok has no daily saves; the stubs' videos carry favorites, never account points.
                .expectAbsent(CanonicalMetric.SAVES.id())
                .errorScenarios(ScenarioStubs.onEveryCall(wm.getWireMock()))
                .resetStubs(() -> {
                    WireMock.reset();
                    TikTokStubs.happyPath();
                })
                .errorScenario("code 40100 inside HTTP 200", () -> everywhere("error_rate_limited.json", 200),
                        AdapterException.RateLimited.class)
                .errorScenario("HTTP 429", () -> everywhere("error_rate_limited.json", 429),
                        AdapterException.RateLimited.class)
                .errorScenario("code 40102 token expired, no refresh token", () -> everywhere("error_token_expired.json",
                        200), AdapterException.AuthExpired.class)
                .errorScenario("code 40001 no permission", () -> everywhere("error_no_permission.json", 200),
                        AdapterException.PermissionMissing.class)
                .errorScenario("code 40002 invalid parameter", () -> everywhere("error_invalid_parameter.json", 200),
                        AdapterException.ConfigInvalid.class)
                .errorScenario("code 50002 system error", () -> everywhere("error_system.json", 200),
                        AdapterException.TransientFailure.class)
                .errorScenario("HTTP 503", () -> everywhere("gateway_error.html", 503),
                        AdapterException.TransientFailure.class)
                .errorScenario("truncated JSON on the video list", () -> stubFor(get(urlPathEqualTo(VIDEOS))
                        .atPriority(1).willReturn(okFile("truncated.json"))), AdapterException.BadResponse.class)
                .checkErrorScenario("code 40100 during check", () -> everywhere("error_rate_limited.json", 200),
                        AdapterException.RateLimited.class)
                .checkErrorScenario("HTTP 429 during check", () -> everywhere("error_rate_limited.json", 429),
                        AdapterException.RateLimited.class)
                .checkErrorScenario("code 40105 token invalid during check", () -> everywhere(
                        "error_token_invalid.json", 200), AdapterException.AuthExpired.class)
                .tests();
    }

    private static void everywhere(String file, int status) {
        for (String path : new String[] {PROFILE, VIDEOS}) {
            stubFor(get(urlPathEqualTo(path)).atPriority(1)
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBodyFile(file)));
        }
    }
}
