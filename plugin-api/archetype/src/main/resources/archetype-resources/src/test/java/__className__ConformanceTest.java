package ${package};

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.testkit.AdapterConformance;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The checks every Goalpost network adapter must pass, against the stubs, with the network's error signals. */
@WireMockTest
final class ${className}ConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformance(WireMockRuntimeInfo info) {
        WireMock wm = info.getWireMock();
        return AdapterConformance.forFactory(new ${className}AdapterFactory())
                .config(${className}Stubs.config(info.getHttpBaseUrl()))
                .range(${className}Stubs.RANGE)
                .clock(Clock.fixed(${className}Stubs.NOW, ZoneOffset.UTC))
                .resetStubs(() -> ${className}Stubs.happyPath(wm))
                .errorScenario("429 with Retry-After", () -> posts(wm, ${className}Stubs.json(429, "{}")
                        .withHeader("Retry-After", "30")), AdapterException.RateLimited.class)
                .errorScenario("401", () -> posts(wm, ${className}Stubs.json(401, "{\"error\":\"expired\"}")),
                        AdapterException.AuthExpired.class)
                .errorScenario("403", () -> posts(wm, ${className}Stubs.json(403, "{\"error\":\"scope\"}")),
                        AdapterException.PermissionMissing.class)
                .errorScenario("503", () -> posts(wm, ${className}Stubs.json(503, "")), AdapterException.TransientFailure.class)
                .errorScenario("malformed JSON", () -> posts(wm, ${className}Stubs.json(200, "{\"data\": [")),
                        AdapterException.BadResponse.class)
                .checkErrorScenario("404 on the account (wrong base URL)", () -> wm.register(get(urlPathEqualTo("/v1/me"))
                        .atPriority(1).willReturn(${className}Stubs.json(404, "{}"))), AdapterException.ConfigInvalid.class)
                .tests();
    }

    private static void posts(WireMock wm, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        wm.register(get(urlPathEqualTo("/v1/posts")).atPriority(1).willReturn(response));
    }
}
