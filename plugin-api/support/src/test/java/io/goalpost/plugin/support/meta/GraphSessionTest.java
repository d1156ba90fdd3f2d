package io.goalpost.plugin.support.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.testkit.MovableClock;
import io.goalpost.plugin.testkit.TestAdapterContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One account's Graph calls: the token in the header, the throttle Meta announces, a refreshed token. */
final class GraphSessionTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String TOKEN = "IGQV-secret-token";
    private static final String BASE = "https://graph.instagram.com/v25.0";
    private static final GraphWording WORDING = new GraphWording("Instagram", "access token", "Reconnect.",
            "Grant the permissions.", Set.of(), "Check ig_user_id.", "", BASE);
    private static final String OK = "{\"id\":\"17841400000000001\"}";
    private static final String AT_THE_LIMIT = "{\"17841400000000001\":[{\"type\":\"instagram\",\"call_count\":100,"
            + "\"total_cputime\":20,\"total_time\":25,\"estimated_time_to_regain_access\":6}]}";

    private final MovableClock clock = new MovableClock(NOW);
    private final Deque<HttpResponse> answers = new ArrayDeque<>();
    private final TestAdapterContext context = new TestAdapterContext(request -> answers.remove(), clock);
    private final GraphSession session = new GraphSession(context, WORDING, BASE, TOKEN);

    private GraphAnswer getUser() throws AdapterException {
        return session.get("GET /{ig-user-id}", "/17841400000000001", Map.of("fields", "id"));
    }

    private List<HttpRequest> sent() {
        return context.http().requests();
    }

    @Test
    void sendsEachCallBelowTheBaseWithTheTokenInTheHeaderOnly() throws AdapterException {
        answers.add(HttpResponse.json(200, OK));

        GraphAnswer answer = getUser();

        assertThat(answer.body().path("id").asText()).isEqualTo("17841400000000001");
        assertThat(sent()).singleElement().satisfies(request -> {
            assertThat(request.uri()).isEqualTo(URI.create(BASE + "/17841400000000001?fields=id"));
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        });
    }

    @Test
    void afterAnAnswerThatUsedUpTheBudgetNothingIsSentUntilMetasWaitIsOver() throws AdapterException {
        answers.add(HttpResponse.json(200, OK).withHeader(MetaUsage.BUSINESS_USE_CASE_USAGE, AT_THE_LIMIT));
        assertThat(getUser().failed()).as("the answer that announced it still counts").isFalse();

        clock.advance(Duration.ofMinutes(5));
        AdapterException.RateLimited refused = catchThrowableOfType(AdapterException.RateLimited.class, this::getUser);
        assertThatThrownBy(() -> session.getWithoutBearer("GET /refresh_access_token",
                URI.create("https://graph.instagram.com/refresh_access_token")))
                .isInstanceOf(AdapterException.RateLimited.class);

        assertThat(refused.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
        assertThat(refused).hasMessageContaining("Instagram reported the call budget used up")
                .hasMessageContaining("GET /{ig-user-id} was not called");
        assertThat(sent()).as("the refused calls never left").hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        answers.add(HttpResponse.json(200, OK));
        assertThat(getUser().failed()).isFalse();
        assertThat(sent()).hasSize(2);
    }

    @Test
    void aThrottlingErrorIsThatCallsFailureAndLeavesTheNextCallFree() throws AdapterException {
        answers.add(HttpResponse.json(400, "{\"error\":{\"message\":\"Too many calls\",\"code\":80002}}")
                .withHeader(MetaUsage.BUSINESS_USE_CASE_USAGE, AT_THE_LIMIT));
        answers.add(HttpResponse.json(200, OK));

        assertThat(getUser().failure()).isInstanceOf(AdapterException.RateLimited.class);
        assertThat(getUser().failed()).isFalse();
        assertThat(sent()).hasSize(2);
    }

    @Test
    void aCallWithItsCredentialsInTheQueryCarriesNoAuthorizationHeader() throws AdapterException {
        answers.add(HttpResponse.json(200, "{\"access_token\":\"new\"}"));

        session.getWithoutBearer("GET /refresh_access_token",
                URI.create("https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token"));

        assertThat(sent().get(0).header("Authorization")).isNull();
    }

    @Test
    void aNewTokenIsSentFromThenOnAndKeptOutOfMessages() throws AdapterException {
        String renewed = "IGQV-renewed-secret";
        session.useToken(renewed);
        answers.add(HttpResponse.json(400, "{\"error\":{\"message\":\"Invalid token " + renewed + "\",\"code\":190}}"));

        GraphAnswer answer = getUser();

        assertThat(session.accessToken()).isEqualTo(renewed);
        assertThat(sent().get(0).header("Authorization")).isEqualTo("Bearer " + renewed);
        assertThat(answer.failure()).isInstanceOf(AdapterException.AuthExpired.class);
        assertThat(session.errors().says(answer.error())).contains("[redacted]").doesNotContain(renewed);
        assertThat(session.redaction().clean("old " + TOKEN + " new " + renewed))
                .isEqualTo("old [redacted] new [redacted]");
    }
}
