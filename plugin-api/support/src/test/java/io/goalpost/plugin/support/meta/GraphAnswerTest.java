package io.goalpost.plugin.support.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.support.Redactor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Meta Graph layer: the envelope, the code table and the plugin's wording, without a network. */
final class GraphAnswerTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String TOKEN = "EAAB-secret-token";
    private static final GraphWording WORDING = new GraphWording("Facebook", "Page access token",
            "Reconnect the Page.", "Reconnect the Page and grant read_insights.", Set.of("read_insights"),
            "Check page_id.", "", "https://graph.facebook.com/v25.0");
    private static final URI URL = URI.create("https://graph.facebook.com/v25.0/123/insights");

    private final List<HttpRequest> sent = new ArrayList<>();
    private final GraphErrors errors = new GraphErrors(Clock.fixed(NOW, ZoneOffset.UTC), Redactor.of(TOKEN), WORDING);

    private GraphAnswer answer(HttpResponse response) throws AdapterException {
        return GraphAnswer.get(request -> {
            sent.add(request);
            return response;
        }, URL, TOKEN, "GET /123/insights", errors);
    }

    private static HttpResponse error(int status, int code, int subcode, String message) {
        return HttpResponse.json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\","
                + "\"code\":" + code + ",\"error_subcode\":" + subcode + ",\"fbtrace_id\":\"A1\"}}");
    }

    @Test
    void dataComesBackAndTheTokenTravelsInTheHeaderOnly() throws AdapterException {
        GraphAnswer ok = answer(HttpResponse.json(200, "{\"data\":[{\"name\":\"page_follows\"}]}"));

        assertThat(ok.failed()).isFalse();
        assertThat(ok.bodyOrThrow().path("data").get(0).path("name").asText()).isEqualTo("page_follows");
        assertThat(sent.get(0).headers()).containsEntry("Authorization", "Bearer " + TOKEN);
        assertThat(sent.get(0).uri().toString()).doesNotContain(TOKEN);
    }

    @Test
    void anErrorInsideHttp200IsStillAnError() throws AdapterException {
        GraphAnswer answer = answer(error(200, 100, 0, "(#100) The value must be a valid insights metric"));

        assertThat(answer.failedWith(GraphError::isRejectedMetric)).isTrue();
        assertThatThrownBy(answer::bodyOrThrow).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("Update the Facebook plugin");
    }

    @Test
    void theCodeNotTheStatusDecides() throws AdapterException {
        assertThat(answer(error(400, 190, 463, "Session has expired " + TOKEN)).failure())
                .isInstanceOf(AdapterException.AuthExpired.class).hasMessageContaining("the token has expired")
                .hasMessageContaining("Reconnect the Page.").hasMessageNotContaining(TOKEN);
        assertThat(answer(error(403, 10, 0, "(#10) Requires pages_read_engagement permission")).failure())
                .isInstanceOfSatisfying(AdapterException.PermissionMissing.class,
                        e -> assertThat(e.permissions()).containsExactly("pages_read_engagement"));
        assertThat(answer(error(400, 803, 0, "Some of the aliases you requested do not exist")).failure())
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("Check page_id.");
        assertThat(answer(error(400, 2, 0, "Service temporarily unavailable")).failure())
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("code 2");
        assertThat(answer(error(400, 9999, 7, "Something new")).failure())
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("error code 9999/7");
    }

    @Test
    void throttlingWaitsAsLongAsMetaSaysOrAQuarterHour() throws AdapterException {
        HttpResponse throttled = error(400, 80001, 0, "There have been too many calls to this Page")
                .withHeader(MetaUsage.BUSINESS_USE_CASE_USAGE, "{\"123\":[{\"type\":\"pages\",\"call_count\":104,"
                        + "\"total_cputime\":10,\"total_time\":12,\"estimated_time_to_regain_access\":7}]}");
        assertThat(answer(throttled).failure()).isInstanceOfSatisfying(AdapterException.RateLimited.class, e -> {
            assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(7 * 60));
            assertThat(e).hasMessageContaining("104 % used").hasMessageContaining("about 7 minutes");
        });
        assertThat(answer(error(400, 4, 0, "Application request limit reached")).failure())
                .isInstanceOfSatisfying(AdapterException.RateLimited.class,
                        e -> assertThat(e.retryAt()).isEqualTo(NOW.plus(GraphErrors.DEFAULT_RATE_LIMIT_WAIT)));
    }

    @Test
    void aStatusWithoutAnErrorObjectIsTypedByTheStatus() throws AdapterException {
        HttpResponse gateway = new HttpResponse(502, Map.of(), "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(answer(gateway).failure()).isInstanceOf(AdapterException.TransientFailure.class)
                .hasMessageContaining("HTTP 502");
        assertThat(answer(new HttpResponse(403, Map.of(), new byte[0])).failure())
                .isInstanceOfSatisfying(AdapterException.PermissionMissing.class,
                        e -> assertThat(e.permissions()).containsExactly("read_insights"));
    }

    @Test
    void aTruncatedSuccessIsABadResponse() {
        assertThatThrownBy(() -> answer(HttpResponse.json(200, "{\"data\":[{\"name\":")))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("malformed or truncated");
    }
}
