package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class RotatingTokensTest {

    private static final URI TOKEN_URL = URI.create("https://api.example/oauth/token");

    @Test
    void aRefreshStoresTheRotatedPairAndTheirLifetimesBeforeUse() throws AdapterException {
        FakeNetwork net = new FakeNetwork(r -> HttpResponse.json(200,
                "{\"access_token\":\"new-access\",\"refresh_token\":\"new-refresh\",\"expires_in\":3600,"
                        + "\"refresh_token_expires_in\":86400}"));
        Redactor redactor = Redactor.of(List.of());
        RotatingTokens tokens = new RotatingTokens(net, RotatingTokens.Spec.of("Example", TOKEN_URL, "app", "app-secret"),
                "old-access", "old-refresh", redactor);

        assertThat(tokens.renew("old-access")).isEqualTo("new-access");
        assertThat(tokens.renew("old-access")).as("already renewed: no second refresh").isEqualTo("new-access");

        assertThat(net.requests).hasSize(1);
        assertThat(net.requests.get(0).bodyText()).contains("grant_type=refresh_token", "refresh_token=old-refresh",
                "client_id=app", "client_secret=app-secret");
        assertThat(net.stored).containsExactly(Map.of("access_token", "new-access", "refresh_token", "new-refresh"));
        assertThat(net.expiries).containsExactly(List.of(Optional.of(FakeNetwork.NOW.plusSeconds(3600)),
                Optional.of(FakeNetwork.NOW.plusSeconds(86400))));
        assertThat(redactor.redact("new-access new-refresh old-refresh app-secret"))
                .isEqualTo("[redacted] [redacted] [redacted] [redacted]");
    }

    @Test
    void basicAuthSendsTheClientInAHeader() throws AdapterException {
        FakeNetwork net = new FakeNetwork(r -> HttpResponse.json(200, "{\"access_token\":\"a2\"}"));
        RotatingTokens tokens = new RotatingTokens(net, RotatingTokens.Spec.of("X", TOKEN_URL, "app", "s").withBasicAuth(),
                "a1", "r1", Redactor.of(List.of()));

        tokens.renew("a1");

        assertThat(net.requests.get(0).header("Authorization")).isEqualTo("Basic YXBwOnM=");
        assertThat(net.requests.get(0).bodyText()).doesNotContain("client_secret");
        assertThat(net.stored).as("no new refresh token: only the access token is stored")
                .containsExactly(Map.of("access_token", "a2"));
    }

    @Test
    void aRefusedRefreshOrNoRefreshTokenMeansReconnect() {
        AtomicInteger calls = new AtomicInteger();
        FakeNetwork refused = new FakeNetwork(r -> {
            calls.incrementAndGet();
            return HttpResponse.json(400, "{\"error\":\"invalid_grant\"}");
        });
        assertThatThrownBy(() -> new RotatingTokens(refused, RotatingTokens.Spec.of("X", TOKEN_URL, "app", null),
                "a1", "r1", Redactor.of(List.of())).renew("a1"))
                .isInstanceOf(AdapterException.AuthExpired.class).hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> new RotatingTokens(refused, RotatingTokens.Spec.of("X", TOKEN_URL, "app", null),
                "a1", null, Redactor.of(List.of())).renew("a1"))
                .isInstanceOf(AdapterException.AuthExpired.class).hasMessageContaining("no refresh token");
        assertThat(calls).as("without a refresh token nothing is sent").hasValue(1);
    }
}
