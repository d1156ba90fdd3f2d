package io.goalpost.plugin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
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

    private static int status(WireMockRuntimeInfo info, String pathAndQuery) throws Exception {
        HttpResponse response = new JdkHttpPort().send(HttpRequest.get(URI.create(info.getHttpBaseUrl() + pathAndQuery)));
        return response.status();
    }
}
