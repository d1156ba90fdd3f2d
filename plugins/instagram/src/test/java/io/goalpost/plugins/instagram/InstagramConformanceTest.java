package io.goalpost.plugins.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.goalpost.plugins.instagram.InstagramStubs.noon;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.testkit.AdapterConformance;
import io.goalpost.plugin.testkit.ScenarioStubs;
import io.goalpost.plugins.instagram.InstagramStubs.Media;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared conformance kit against WireMock stubs of a week of an Instagram account, today included. */
final class InstagramConformanceTest {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final LocalDate FROM = InstagramStubs.TODAY.minusDays(6);
    private static final LocalDate TO = InstagramStubs.TODAY;

    @TestFactory
    Stream<DynamicTest> conformance() {
        return AdapterConformance.forFactory(new InstagramAdapterFactory())
                .config(InstagramStubs.config(SERVER.baseUrl()))
                .range(new DateRange(FROM, TO))
                .clock(InstagramStubs.CLOCK)
                .resetStubs(InstagramConformanceTest::happyPath)
                .errorScenarios(ScenarioStubs.onEveryCall(SERVER.getRuntimeInfo().getWireMock()))
                .errorScenario("throttled with code 80002", () -> SERVER.stubFor(
                        get(urlPathEqualTo(InstagramStubs.INSIGHTS)).atPriority(1)
                                .willReturn(InstagramStubs.throttled(80002))), AdapterException.RateLimited.class)
                .errorScenario("expired token, refresh refused", () -> {
                    SERVER.stubFor(get(urlPathEqualTo(InstagramStubs.INSIGHTS)).atPriority(1)
                            .willReturn(InstagramStubs.error(400, "error-expired-token.json")));
                    SERVER.stubFor(get(urlPathEqualTo(InstagramStubs.REFRESH))
                            .willReturn(InstagramStubs.error(400, "error-expired-token.json")));
                }, AdapterException.AuthExpired.class)
                .errorScenario("missing instagram_business_manage_insights", () -> SERVER.stubFor(
                        get(urlPathEqualTo(InstagramStubs.INSIGHTS)).atPriority(1)
                                .willReturn(InstagramStubs.error(400, "error-permission.json"))),
                        AdapterException.PermissionMissing.class)
                .errorScenario("removed metric (code 100)", () -> SERVER.stubFor(
                        get(urlPathEqualTo(InstagramStubs.INSIGHTS)).atPriority(1)
                                .willReturn(InstagramStubs.error(400, "error-removed-metric.json"))),
                        AdapterException.ConfigInvalid.class)
                .errorScenario("HTTP 503", () -> SERVER.stubFor(get(urlPathEqualTo(InstagramStubs.MEDIA)).atPriority(1)
                        .willReturn(aResponse().withStatus(503))), AdapterException.TransientFailure.class)
                .errorScenario("malformed media page", () -> SERVER.stubFor(get(urlPathEqualTo(InstagramStubs.MEDIA))
                        .atPriority(1).willReturn(okJson("{\"data\":[{\"id\":"))), AdapterException.BadResponse.class)
                .checkErrorScenario("expired token during check", () -> SERVER.stubFor(
                        get(urlPathEqualTo(InstagramStubs.ACCOUNT)).atPriority(1)
                                .willReturn(InstagramStubs.error(400, "error-expired-token.json"))),
                        AdapterException.AuthExpired.class)
                .tests();
    }

    /** A week of complete data, today's followers, and two media pages (15 posts in range, 1 older). */
    private static void happyPath() {
        SERVER.resetAll();
        InstagramStubs stubs = new InstagramStubs(new WireMock(SERVER.getPort()));
        stubs.account();
        stubs.probe();
        stubs.reachSeries(FROM, TO, reachUntilYesterday());
        for (LocalDate d = FROM; d.isBefore(TO); d = d.plusDays(1)) {
            stubs.fullDay(d);
        }
        stubs.day(TO, java.util.Map.of(), null, null, null, null);
        List<Media> page1 = new ArrayList<>();
        List<Media> page2 = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            LocalDate day = TO.minusDays(i / 3);
            Media m = i % 3 == 0 ? Media.reel("1800000000000" + (5000 - i), noon(day).minusSeconds(i * 600L))
                    : Media.image("1800000000000" + (5000 - i), noon(day).minusSeconds(i * 600L));
            (i < 8 ? page1 : page2).add(m);
        }
        page2.add(Media.carousel("18000000000004000", noon(FROM.minusDays(1))));
        stubs.mediaPage("", page1, "QVFIUmZAPAGE2");
        stubs.mediaPage("QVFIUmZAPAGE2", page2, null);
        stubs.anyMediaInsights();
    }

    private static java.util.Map<LocalDate, Long> reachUntilYesterday() {
        java.util.Map<LocalDate, Long> values = new java.util.LinkedHashMap<>();
        for (LocalDate d = FROM; d.isBefore(TO); d = d.plusDays(1)) {
            values.put(d, 300L + d.getDayOfMonth());
        }
        return values;
    }
}
