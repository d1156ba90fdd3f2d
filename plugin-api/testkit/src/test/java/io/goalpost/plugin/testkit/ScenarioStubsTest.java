package io.goalpost.plugin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WireMockTest
final class ScenarioStubsTest {

    @Test
    void theScenariosAnswerWinsOverTheHappyPathForThatPathOnly(WireMockRuntimeInfo info) throws Exception {
        WireMock wm = info.getWireMock();
        wm.register(get(urlPathEqualTo("/v1/stats")).willReturn(okJson("{}")));
        wm.register(get(urlPathEqualTo("/v1/posts")).willReturn(okJson("[]")));

        ScenarioStubs.answerGet(wm, "/v1/stats", aResponse().withStatus(429));

        assertThat(status(info, "/v1/stats?day=2026-01-01")).isEqualTo(429);
        assertThat(status(info, "/v1/posts")).isEqualTo(200);
    }

    @Test
    void theEveryCallScenariosAnswerEveryPathAndMethodAndNameWhatTheyMustBecome(WireMockRuntimeInfo info) throws Exception {
        WireMock wm = info.getWireMock();
        List<AdapterConformance.ErrorScenario> scenarios = ScenarioStubs.onEveryCall(wm);
        assertThat(scenarios).extracting(AdapterConformance.ErrorScenario::expected).containsExactly(
                AdapterException.TransientFailure.class, AdapterException.BadResponse.class,
                AdapterException.BadResponse.class);
        List<String> bodies = new ArrayList<>();
        for (AdapterConformance.ErrorScenario scenario : scenarios) {
            wm.resetMappings();
            wm.register(get(urlPathEqualTo("/v1/stats")).willReturn(okJson("{\"data\":[]}")));
            wm.register(post(urlPathEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\":\"t\"}")));
            scenario.arrange().run();
            HttpResponse stats = new JdkHttpPort().send(HttpRequest.get(URI.create(info.getHttpBaseUrl() + "/v1/stats")));
            HttpResponse token = new JdkHttpPort().send(HttpRequest.postForm(URI.create(info.getHttpBaseUrl() + "/oauth/token"),
                    Map.of("grant_type", "refresh_token")));
            assertThat(token.status()).as(scenario.name()).isEqualTo(stats.status());
            assertThat(token.bodyText()).as(scenario.name()).isEqualTo(stats.bodyText());
            bodies.add(stats.status() + " " + stats.bodyText());
        }
        assertThat(bodies.get(0)).isEqualTo("503 ");
        assertThat(bodies.get(1)).startsWith("200 <!DOCTYPE html>");
        assertThat(bodies.get(2)).startsWith("200 {\"data\":[{").doesNotEndWith("}");
    }

    private static int status(WireMockRuntimeInfo info, String pathAndQuery) throws Exception {
        HttpResponse response = new JdkHttpPort().send(HttpRequest.get(URI.create(info.getHttpBaseUrl() + pathAndQuery)));
        return response.status();
    }
}
