package org.example.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.testkit.AdapterConformance;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

@WireMockTest
final class MastodonConformanceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @TestFactory
    Stream<DynamicTest> conformance(WireMockRuntimeInfo info) {
        WireMock wm = info.getWireMock();
        return AdapterConformance.forFactory(new MastodonAdapterFactory())
                .config(Map.of("server_url", info.getHttpBaseUrl(), "access_token", MastodonStubs.TOKEN))
                .range(new DateRange(TODAY.minusDays(30), TODAY))
                .clock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC))
                .resetStubs(() -> MastodonStubs.happyPath(wm, info.getHttpBaseUrl(), TODAY))
                .errorScenario("429 with Retry-After", () -> wm.register(get(urlPathEqualTo("/api/v1/accounts/109/statuses"))
                        .atPriority(1).willReturn(MastodonStubs.json(429, "{\"error\":\"Too many requests\"}")
                                .withHeader("Retry-After", "300"))), AdapterException.RateLimited.class)
                .checkErrorScenario("401 revoked token", () -> wm.register(get(urlPathEqualTo(
                        "/api/v1/accounts/verify_credentials")).atPriority(1).willReturn(MastodonStubs.json(401,
                        "{\"error\":\"The access token was revoked\"}"))), AdapterException.AuthExpired.class)
                .errorScenario("403 missing scope", () -> wm.register(get(urlPathEqualTo("/api/v1/accounts/109/statuses"))
                        .atPriority(1).willReturn(MastodonStubs.json(403, "{\"error\":\"This action is outside the "
                                + "authorized scopes\"}"))), AdapterException.PermissionMissing.class)
                .errorScenario("502", () -> wm.register(get(urlPathEqualTo("/api/v1/accounts/109/statuses"))
                        .atPriority(1).willReturn(MastodonStubs.json(502, "<html>"))), AdapterException.TransientFailure.class)
                .tests();
    }
}
