package io.goalpost.plugins.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.goalpost.plugins.x.XStubs.answer;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.testkit.AdapterConformance;
import io.goalpost.plugin.testkit.ScenarioStubs;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared conformance checks against the X stubs, with one scenario per typed error. */
final class XConformanceTest {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @TestFactory
    Stream<DynamicTest> conformance() {
        WireMock wm = SERVER.getRuntimeInfo().getWireMock();
        return AdapterConformance.forFactory(new XAdapterFactory())
                .config(XStubs.config(SERVER.baseUrl()))
                .range(XStubs.RANGE)
                .clock(XStubs.CLOCK)
                .resetStubs(() -> XStubs.happyPath(wm))
                .errorScenarios(ScenarioStubs.onEveryCall(wm))
                .errorScenario("429 Too Many Requests", () -> wm.register(get(urlPathEqualTo(XStubs.TIMELINE))
                        .willReturn(answer(429, "error-429.json"))), AdapterException.RateLimited.class)
                .checkErrorScenario("429 on check", () -> wm.register(get(urlPathEqualTo(XStubs.ME))
                        .willReturn(answer(429, "error-429.json"))), AdapterException.RateLimited.class)
                .errorScenario("429 usage-capped", () -> wm.register(get(urlPathEqualTo(XStubs.TIMELINE))
                        .willReturn(answer(429, "error-429-usage-capped.json"))), AdapterException.QuotaExhausted.class)
                .errorScenario("402 credits depleted", () -> wm.register(get(urlPathEqualTo(XStubs.USER))
                        .willReturn(answer(402, "error-402-credits.json"))), AdapterException.QuotaExhausted.class)
                .errorScenario("401 without refresh token", () -> wm.register(get(urlPathMatching("/2/users/.*"))
                        .willReturn(answer(401, "error-401.json"))), AdapterException.AuthExpired.class)
                .checkErrorScenario("401 on check", () -> wm.register(get(urlPathEqualTo(XStubs.ME))
                        .willReturn(answer(401, "error-401.json"))), AdapterException.AuthExpired.class)
                .errorScenario("403 forbidden", () -> wm.register(get(urlPathEqualTo(XStubs.TIMELINE))
                        .willReturn(answer(403, "error-403.json"))), AdapterException.PermissionMissing.class)
                .checkErrorScenario("403 client-forbidden on check", () -> wm.register(get(urlPathEqualTo(XStubs.ME))
                        .willReturn(answer(403, "error-403-client-forbidden.json"))),
                        AdapterException.PermissionMissing.class)
                .errorScenario("user not found inside a 200", () -> wm.register(get(urlPathEqualTo(XStubs.USER))
                        .willReturn(answer(200, "users-not-found.json"))), AdapterException.ConfigInvalid.class)
                .errorScenario("404 wrong base URL", () -> wm.register(get(urlPathMatching("/2/.*"))
                        .willReturn(aResponse().withStatus(404))), AdapterException.ConfigInvalid.class)
                .errorScenario("malformed JSON", () -> wm.register(get(urlPathEqualTo(XStubs.TIMELINE))
                        .willReturn(answer(200, "not-json.html"))), AdapterException.BadResponse.class)
                .errorScenario("truncated JSON", () -> wm.register(get(urlPathEqualTo(XStubs.USER))
                        .willReturn(answer(200, "users-truncated.json"))), AdapterException.BadResponse.class)
                .errorScenario("503", () -> wm.register(get(urlPathEqualTo(XStubs.TIMELINE))
                        .willReturn(answer(503, "error-503.json"))), AdapterException.TransientFailure.class)
                .errorScenario("400 stale pagination token", () -> wm.register(get(urlPathEqualTo(XStubs.TIMELINE))
                        .withQueryParam("pagination_token", matching(".+")).willReturn(answer(400, "error-400-pagination-token.json"))),
                        AdapterException.CursorInvalid.class)
                .tests();
    }
}
