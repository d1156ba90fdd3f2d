package io.goalpost.plugins.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.goalpost.plugins.facebook.FacebookStubs.INSIGHTS_PATH;
import static io.goalpost.plugins.facebook.FacebookStubs.PAGE_PATH;
import static io.goalpost.plugins.facebook.FacebookStubs.POSTS_PATH;
import static io.goalpost.plugins.facebook.FacebookStubs.error;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.testkit.AdapterConformance;
import io.goalpost.plugin.testkit.ScenarioStubs;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared conformance checks, against the documented Graph API stubs. */
@WireMockTest
final class FacebookConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformance(WireMockRuntimeInfo wm) {
        return AdapterConformance.forFactory(new FacebookAdapterFactory())
                .config(FacebookStubs.config(wm))
                .range(FacebookStubs.RANGE)
                .clock(FacebookStubs.CLOCK)
                .resumeChecks(4)
                .errorScenarios(ScenarioStubs.onEveryCall(wm.getWireMock()))
                .resetStubs(() -> {
                    WireMock.reset();
                    FacebookStubs.stubHappyPath();
                })
                .checkErrorScenario("expired token (190/463) on the Page node", () -> stubFor(get(urlPathEqualTo(PAGE_PATH))
                        .atPriority(1).willReturn(error(190, 463, "Error validating access token: Session has expired."))),
                        AdapterException.AuthExpired.class)
                .checkErrorScenario("token without read_insights (code 10)", () -> stubFor(get(urlPathEqualTo(INSIGHTS_PATH))
                        .atPriority(1).willReturn(error(10, 0, "(#10) This endpoint requires the 'read_insights' permission"))),
                        AdapterException.PermissionMissing.class)
                .checkErrorScenario("unknown Page id (100/33)", () -> stubFor(get(urlPathEqualTo(PAGE_PATH)).atPriority(1)
                        .willReturn(error(100, 33, "Unsupported get request. Object with ID does not exist"))),
                        AdapterException.ConfigInvalid.class)
                .errorScenario("Pages BUC throttling (80001)", () -> stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                        .willReturn(error(80001, 0, "(#80001) There have been too many calls to this Page account.")
                                .withHeader("X-Business-Use-Case-Usage", FacebookStubs.businessUseCaseUsage(100, 5)))),
                        AdapterException.RateLimited.class)
                .errorScenario("app throttling (4) on posts", () -> stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1)
                        .willReturn(error(4, 0, "(#4) Application request limit reached"))),
                        AdapterException.RateLimited.class)
                .errorScenario("HTTP 429 without body", () -> stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                        .willReturn(aResponse().withStatus(429))), AdapterException.RateLimited.class)
                .errorScenario("expired token (190/463)", () -> stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                        .willReturn(error(190, 463, "Error validating access token: Session has expired."))),
                        AdapterException.AuthExpired.class)
                .errorScenario("HTTP 401 without body", () -> stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1)
                        .willReturn(aResponse().withStatus(401))), AdapterException.AuthExpired.class)
                .errorScenario("missing pages_read_engagement (200)", () -> stubFor(get(urlPathEqualTo(POSTS_PATH))
                        .atPriority(1).willReturn(error(200, 0, "(#200) Requires pages_read_engagement permission"))),
                        AdapterException.PermissionMissing.class)
                .errorScenario("HTTP 403 without body", () -> stubFor(get(urlPathEqualTo(INSIGHTS_PATH)).atPriority(1)
                        .willReturn(aResponse().withStatus(403))), AdapterException.PermissionMissing.class)
                .errorScenario("removed insights metric (100)", () -> stubFor(get(urlPathEqualTo(INSIGHTS_PATH))
                        .atPriority(1).willReturn(error(100, 0, "(#100) The value must be a valid insights metric"))),
                        AdapterException.ConfigInvalid.class)
                .errorScenario("temporary error (code 2)", () -> stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1)
                        .willReturn(error(500, 2, 0, "An unexpected error has occurred. Please retry your request later."))),
                        AdapterException.TransientFailure.class)
                .errorScenario("HTML instead of JSON", () -> stubFor(get(urlPathEqualTo(POSTS_PATH)).atPriority(1)
                        .willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>"))),
                        AdapterException.BadResponse.class)
                .tests();
    }
}
