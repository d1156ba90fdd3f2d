package ${package};

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Recorded-style answers of the ${networkName} API for one account, served by WireMock. */
final class ${className}Stubs {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final DateRange RANGE = new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 9));
    static final String TOKEN = "test-token-0001";

    private ${className}Stubs() {
    }

    static Map<String, String> config(String baseUrl) {
        return Map.of("access_token", TOKEN, "api_base_url", baseUrl);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An account, daily insights for every day of the range (impressions left out on 2026-02-14), two pages of posts. */
    static void happyPath(WireMock wm) {
        wm.resetMappings();
        wm.register(get(urlPathEqualTo("/v1/me")).willReturn(json(200,
                "{\"id\":\"42\",\"username\":\"acme\",\"name\":\"Acme\"}")));
        // The adapter asks for windows of at most 30 days from the range's start: one answer per window.
        for (DateRange window : RANGE.split(30)) {
            StringBuilder days = new StringBuilder();
            for (LocalDate d = window.from(); !d.isAfter(window.to()); d = d.plusDays(1)) {
                days.append(days.length() == 0 ? "" : ",").append("{\"date\":\"").append(d).append("\",\"followers\":")
                        .append(1000 + d.getDayOfYear())
                        .append(d.equals(LocalDate.of(2026, 2, 14)) ? "" : ",\"impressions\":300").append('}');
            }
            wm.register(get(urlPathEqualTo("/v1/insights")).withQueryParam("since", WireMock.equalTo(window.from().toString()))
                    .withQueryParam("until", WireMock.equalTo(window.to().toString()))
                    .willReturn(json(200, "{\"data\":[" + days + "]}")));
        }
        wm.register(get(urlPathEqualTo("/v1/posts")).withQueryParam("page_token", absent()).willReturn(json(200,
                "{\"data\":[{\"id\":\"p1\",\"created_at\":\"2026-03-02T10:00:00Z\",\"type\":\"photo\",\"text\":\"Spring is here: our new collection\","
                        + "\"likes\":12,\"comments\":3}],"
                        + "\"next_page_token\":\"page-2\"}")));
        wm.register(get(urlPathEqualTo("/v1/posts")).withQueryParam("page_token", WireMock.equalTo("page-2"))
                .willReturn(json(200, "{\"data\":[{\"id\":\"p2\",\"created_at\":\"2026-02-20T08:00:00Z\",\"likes\":4}],"
                        + "\"next_page_token\":null}")));
    }
}
