package io.goalpost.plugins.pinterest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.goalpost.plugin.testkit.ScenarioStubs.answerGet;
import static io.goalpost.plugins.pinterest.PinterestStubs.json;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.testkit.AdapterConformance;
import io.goalpost.plugin.testkit.ScenarioStubs;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared conformance checks, against the documented stubs, with every typed error signal. */
@WireMockTest
final class PinterestConformanceTest {

    private static final String ACCOUNT = "/v5/user_account";
    private static final String ANALYTICS = "/v5/user_account/analytics";
    private static final String PINS = "/v5/pins";
    private static final String AUTH_FAILED = "{\"code\":2,\"message\":\"Authentication failed.\"}";

    @TestFactory
    Stream<DynamicTest> conformance(WireMockRuntimeInfo info) {
        WireMock wm = info.getWireMock();
        return AdapterConformance.forFactory(new PinterestAdapterFactory())
                .config(PinterestStubs.config(info.getHttpBaseUrl()))
                .range(PinterestStubs.LOOK_BACK)
                .clock(Clock.fixed(PinterestStubs.NOW, ZoneOffset.UTC))
                .resetStubs(() -> PinterestStubs.happyPath(wm))
                .errorScenarios(ScenarioStubs.onEveryCall(wm))
                .errorScenario("429 without headers", () -> answerGet(wm, ANALYTICS, aResponse().withStatus(429)),
                        AdapterException.RateLimited.class)
                .errorScenario("429 with Retry-After",
                        () -> answerGet(wm, PINS, json(429, "{}").withHeader("Retry-After", "30")),
                        AdapterException.RateLimited.class)
                .checkErrorScenario("429 on the account check",
                        () -> answerGet(wm, ACCOUNT, aResponse().withStatus(429)),
                        AdapterException.RateLimited.class)
                .errorScenario("401 and the refresh refused", () -> {
                    answerGet(wm, ANALYTICS, json(401, AUTH_FAILED));
                    wm.register(post(urlPathEqualTo("/v5/oauth/token"))
                            .willReturn(json(401, AUTH_FAILED)));
                }, AdapterException.AuthExpired.class)
                .checkErrorScenario("401 on the account check and the refresh refused", () -> {
                    answerGet(wm, ACCOUNT, json(401, AUTH_FAILED));
                    wm.register(post(urlPathEqualTo("/v5/oauth/token"))
                            .willReturn(json(400, "{\"code\":1,\"message\":\"Invalid refresh token\"}")));
                }, AdapterException.AuthExpired.class)
                .errorScenario("403 on analytics", () -> answerGet(wm, ANALYTICS, json(403,
                        "{\"code\":29,\"message\":\"Not authorized to access the user account analytics.\"}")),
                        AdapterException.PermissionMissing.class)
                .errorScenario("403 on pins",
                        () -> answerGet(wm, PINS, json(403, "{\"code\":3,\"message\":\"Not authorized.\"}")),
                        AdapterException.PermissionMissing.class)
                .errorScenario("500",
                        () -> answerGet(wm, ANALYTICS, json(500, "{\"code\":0,\"message\":\"Internal error\"}")),
                        AdapterException.TransientFailure.class)
                .errorScenario("502 from the token endpoint", () -> {
                    answerGet(wm, ANALYTICS, json(401, AUTH_FAILED));
                    wm.register(post(urlPathEqualTo("/v5/oauth/token")).willReturn(aResponse().withStatus(502)));
                }, AdapterException.TransientFailure.class)
                .errorScenario("truncated JSON", () -> answerGet(wm, PINS, json(200, "{\"items\": [{\"id\": \"1")),
                        AdapterException.BadResponse.class)
                .errorScenario("400 invalid parameters", () -> answerGet(wm, ANALYTICS, json(400,
                        "{\"code\":1,\"message\":\"Invalid parameters\"}")), AdapterException.BadResponse.class)
                .checkErrorScenario("404 on the account (wrong base URL)",
                        () -> answerGet(wm, ACCOUNT, aResponse().withStatus(404)),
                        AdapterException.ConfigInvalid.class)
                .tests();
    }
}
