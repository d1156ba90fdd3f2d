package io.goalpost.plugins.pinterest;

import java.util.Set;
import io.goalpost.plugin.support.TokenRequests;
import io.goalpost.plugin.testkit.RecordingContext;
import io.goalpost.plugin.testkit.SandboxConsentPageTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugins.pinterest.sandbox.PinterestSandbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Connect with Pinterest" end to end against the sandbox: consent page, code exchange, discovery, renewal. */
final class PinterestSandboxSignInTest extends SandboxConsentPageTest {

    private static final String BASE = "http://127.0.0.1:18081";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    PinterestSandboxSignInTest() {
        super(new PinterestSandbox(), new PinterestAuthorizer(), new PinterestAdapterFactory(), BASE, NOW, new Refusals(
                Duration.ofMinutes(10), Map.of("scope", "user_accounts:read"), Set.of("pins:read"),
                AdapterException.AuthExpired.class, "redirect_uri does not match", "", ""),
                new ConsentPage("client_id", "sandbox-pinterest-client", "sandbox-pinterest-client-secret", "/oauth/",
                        List.of("Goalpost demo app", "user_accounts:read", "pins:read", "Acme Coffee Roasters",
                                "Acme Outdoor Gear", STATE_IN_A_FORM), List.of("code", "state"), "sandbox-pinterest-code-", ""));
    }

    private HttpResponse refresh(String refreshToken) {
        return sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/v5/oauth/token"),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
                .withHeader("Authorization", TokenRequests.basic(app.clientId(), app.clientSecret())), clock.get());
    }

    // ---- consent page ---------------------------------------------------------------------------

    @Test
    void anUnknownScopeGetsAnErrorPage() {
        assertThat(browser.open(consentUrl("s"), Map.of("scope", "pins:read,everything", "approve", "yes")).status())
                .isEqualTo(400);
    }

    // ---- exchange, discovery, the adapter ---------------------------------------------------------

    @Test
    void anApprovedSignInConnectsTheChosenAccountWhoseConfigChecksAndFetchesAgainstTheSandbox() throws Exception {
        SignIn signIn = connectsAndFetches("acmeoutdoor", Duration.ofDays(30), Optional.of(Duration.ofDays(365)),
                "549755885102", Map.of("api_base_url", BASE + "/v5", "client_id", "sandbox-pinterest-client"),
                daysBack(20, 0));

        assertThat(signIn.account().name()).isEqualTo("Acme Outdoor Gear");
    }

    // ---- renewal ------------------------------------------------------------------------------

    @Test
    void aRefreshIssuesANewAccessTokenAndKeepsTheRefreshTokenAsPinterestDoes() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmecoffee"), redirect);
        String refreshToken = grant.refreshToken().orElseThrow();

        JsonNode first = json(refresh(refreshToken));
        JsonNode second = json(refresh(refreshToken));

        assertThat(first.path("access_token").asText()).isNotEqualTo(grant.accessToken());
        assertThat(first.path("expires_in").asLong()).isEqualTo(2_592_000);
        assertThat(first.has("refresh_token")).as("not rotated").isFalse();
        assertThat(second.path("access_token").asText()).isNotEqualTo(first.path("access_token").asText());
    }

    @Test
    void aRefreshTokenLapsesAfterAYear() {
        TokenGrant grant = exchanged(approvedCode("acmecoffee"));
        advance(Duration.ofDays(365));

        assertThat(refresh(grant.refreshToken().orElseThrow()).status()).isEqualTo(400);
    }

    @Test
    void theAdapterRenewsAnAccessTokenAfterItsThirtyDaysAndReportsItsLifetime() throws Exception {
        Renewal renewal = renewedAfter("acmecoffee", Duration.ofDays(31));

        assertThat(renewal.context().stored().get(0)).containsOnlyKeys("access_token");
        assertThat(renewal.context().expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(renewal.at().plusSeconds(2_592_000)), Optional.empty()));
    }
}
