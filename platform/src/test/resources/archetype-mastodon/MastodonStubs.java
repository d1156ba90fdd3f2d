package org.example.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.LocalDate;

/**
 * A Mastodon server with one account (id 109, 1,234 followers) and five statuses on two pages:
 * today, yesterday, 3 and 10 days ago, then 400 days ago. Dates count back from {@code today}.
 */
public final class MastodonStubs {

    public static final String TOKEN = "mastodon-token-0001";

    private MastodonStubs() {
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String status(String id, LocalDate day, int favourites) {
        return "{\"id\":\"" + id + "\",\"created_at\":\"" + day + "T09:30:00.000Z\",\"url\":\"https://social.example/@acme/"
                + id + "\",\"favourites_count\":" + favourites + ",\"reblogs_count\":2,\"replies_count\":1}";
    }

    public static void happyPath(WireMock wm, String baseUrl, LocalDate today) {
        wm.resetMappings();
        wm.register(get(urlPathEqualTo("/api/v1/accounts/verify_credentials")).willReturn(json(200,
                "{\"id\":\"109\",\"acct\":\"acme\",\"display_name\":\"Acme\",\"followers_count\":1234}")));
        String statuses = "/api/v1/accounts/109/statuses";
        wm.register(get(urlPathEqualTo(statuses)).withQueryParam("max_id", absent()).willReturn(json(200, "["
                + status("5", today, 7) + "," + status("4", today.minusDays(1), 3) + "," + status("3", today.minusDays(3), 9) + "]")
                .withHeader("Link", "<" + baseUrl + statuses + "?limit=40&max_id=3>; rel=\"next\", <" + baseUrl + statuses
                        + "?min_id=5>; rel=\"prev\"")));
        wm.register(get(urlPathEqualTo(statuses)).withQueryParam("max_id", equalTo("3")).willReturn(json(200, "["
                + status("2", today.minusDays(10), 4) + "," + status("1", today.minusDays(400), 1) + "]")
                .withHeader("Link", "<" + baseUrl + statuses + "?limit=40&max_id=1>; rel=\"next\"")));
    }
}
