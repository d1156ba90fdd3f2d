package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class JsonApiTest {

    @Test
    void aRefusedTokenIsRenewedOnceAndTheCallRepeated() throws AdapterException {
        FakeNetwork net = new FakeNetwork(r -> {
            if (r.uri().getPath().equals("/oauth/token")) {
                return HttpResponse.json(200, "{\"access_token\":\"fresh\"}");
            }
            return "Bearer fresh".equals(r.header("Authorization"))
                    ? HttpResponse.json(200, "{\"id\":\"7\"}") : HttpResponse.json(401, "{\"error\":\"expired\"}");
        });
        Redactor redactor = Redactor.of(List.of());
        RotatingTokens tokens = new RotatingTokens(net, RotatingTokens.Spec.of("Example",
                URI.create("https://api.example/oauth/token"), "app", "sec"), "stale", "r", redactor);
        JsonApi api = JsonApi.bearer(net, "Example", "https://api.example", tokens, redactor);

        Json me = api.getJson("/v1/me", Map.of("fields", "id"));

        assertThat(me.text("id")).hasValue("7");
        assertThat(net.requests).extracting(r -> r.uri().toString()).containsExactly(
                "https://api.example/v1/me?fields=id", "https://api.example/oauth/token", "https://api.example/v1/me?fields=id");
    }

    @Test
    void theNetworksOwnReadingComesBeforeTheDefaults() {
        FakeNetwork net = new FakeNetwork(r -> HttpResponse.json(400, "{\"error\":{\"code\":4,\"message\":\"limit\"}}"));
        JsonApi plain = JsonApi.bearer(net, "Example", "https://api.example", "t0k", Redactor.of(List.of()));
        JsonApi meta = plain.withErrorReading((response, body, path) -> body.get("error").text("code").filter("4"::equals)
                .map(c -> new AdapterException.RateLimited("app limit on " + path, FakeNetwork.NOW.plusSeconds(3600))));

        assertThatThrownBy(() -> plain.get("/v1/x", Map.of(), Set.of())).isInstanceOf(AdapterException.ConfigInvalid.class);
        assertThatThrownBy(() -> meta.get("/v1/x", Map.of(), Set.of())).isInstanceOf(AdapterException.RateLimited.class)
                .hasMessage("app limit on /v1/x");
    }

    @Test
    void aFixedTokenThatIsRefusedMeansReconnectAndIsNeverQuoted() {
        FakeNetwork net = new FakeNetwork(r -> HttpResponse.json(401, "{\"error\":\"token t0k-secret is invalid\"}"));
        JsonApi api = JsonApi.bearer(net, "Example", "https://api.example", "t0k-secret", Redactor.of(List.of()));

        assertThatThrownBy(() -> api.getJson("/v1/me", Map.of("access_token", "t0k-secret")))
                .isInstanceOf(AdapterException.AuthExpired.class).hasMessageNotContaining("t0k-secret");
        assertThat(net.requests).hasSize(1);
        assertThat(net.requests.get(0).header("Authorization")).isEqualTo("Bearer t0k-secret");
        assertThat(Optional.ofNullable(net.requests.get(0).header("Accept"))).hasValue("application/json");
    }
}
