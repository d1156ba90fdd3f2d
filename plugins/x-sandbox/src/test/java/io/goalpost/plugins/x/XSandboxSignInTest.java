package io.goalpost.plugins.x;

import java.util.Set;
import io.goalpost.plugin.support.TokenRequests;
import io.goalpost.plugin.testkit.SandboxConsentPageTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugins.x.sandbox.XSandbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Connect with X" end to end against the sandbox: consent page, code exchange with PKCE, discovery, rotation. */
final class XSandboxSignInTest extends SandboxConsentPageTest {

    private static final String BASE = "http://127.0.0.1:41234";
    private static final Instant NOW = Instant.parse("2026-04-02T12:05:00Z");
    private static final String VERIFIER = "sandbox-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

    XSandboxSignInTest() {
        super(new XSandbox(), new XAuthorizer(), new XAdapterFactory(), BASE, NOW, new Refusals(
                Duration.ofMinutes(10), Map.of("scope", "tweet.read users.read"), Set.of("offline.access"),
                AdapterException.AuthExpired.class, "redirect uri did not match", "", "authorization code was invalid"),
                new ConsentPage("client_id", "sandbox-x-client", "sandbox-x-client-secret", "/i/oauth2/authorize",
                        List.of("Goalpost demo app", "tweet.read", "users.read", "offline.access", "@acmecoffee",
                                "@acmeoutdoor", "name=\"approve\" value=\"yes\"", "approve=no", STATE_IN_A_FORM),
                        List.of("state", "code"), "sandbox-x-code-", ""));
    }

    @Override
    protected Optional<String> codeVerifier() {
        return Optional.of(VERIFIER);
    }

    private HttpResponse refresh(String refreshToken) {
        return sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/2/oauth2/token"), Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", app.clientId()))
                .withHeader("Authorization", TokenRequests.basic(app.clientId(), app.clientSecret())), clock.get());
    }

    // ---- consent page ---------------------------------------------------------------------------

    @Test
    void aMissingChallengeAnUnknownScopeOrABadRedirectGetsAnErrorPageNotARedirect() throws Exception {
        URI url = consentUrl("s");
        assertThat(browser.open(url, Map.of("code_challenge", "", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(url, Map.of("scope", "tweet.read not.a.scope", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(url, Map.of("redirect_uri", "not a url", "approve", "yes")).status()).isEqualTo(400);
    }

    // ---- code exchange, discovery, the adapter ----------------------------------------------

    @Test
    void anApprovedSignInConnectsTheChosenAccountWhoseConfigChecksAndFetchesAgainstTheSandbox() throws Exception {
        String userId = "1437880210374094848";
        SignIn signIn = connectsAndFetches("acmeoutdoor", Duration.ofHours(2), Optional.empty(), userId,
                Map.of("api_base_url", BASE + "/2", "client_secret", "sandbox-x-client-secret", "user_id", userId),
                daysBack(13, 0));

        assertThat(signIn.grant().refreshToken()).isPresent();
        assertThat(signIn.grant().grantedScopes()).containsExactlyInAnyOrder("tweet.read", "users.read", "offline.access");
        assertThat(signIn.account().handle()).contains("acmeoutdoor");
    }

    @Test
    void aWrongVerifierFailsThePkceCheck() throws Exception {
        String code = approvedCode("acmecoffee");
        String other = "another-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, code, redirect, Optional.of(other)), port, clock.get()));

        assertThat(e.getMessage()).contains("code verifier did not match the code challenge").doesNotContain(other);
    }

    @Test
    void theTokenEndpointSpeaksXsOAuthErrorShape() throws Exception {
        String code = approvedCode("acmecoffee");
        HttpResponse noBasic = sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/2/oauth2/token"), Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", redirect, "code_verifier", VERIFIER,
                "client_id", app.clientId())), clock.get());

        assertThat(noBasic.status()).as("the sandbox app is confidential: Basic auth required").isEqualTo(401);
        assertThat(json(noBasic).path("error").asText()).isEqualTo("unauthorized_client");
    }

    // ---- rotation -----------------------------------------------------------------------------

    @Test
    void eachRefreshRotatesThePairAndVoidsTheOldRefreshToken() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmecoffee"));
        String first = grant.refreshToken().orElseThrow();

        JsonNode renewed = json(refresh(first));
        String second = renewed.path("refresh_token").asText();

        assertThat(renewed.path("access_token").asText()).isNotEqualTo(grant.accessToken());
        assertThat(renewed.path("expires_in").asLong()).isEqualTo(7200);
        assertThat(second).isNotEqualTo(first);
        HttpResponse reused = refresh(first);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(json(reused).path("error").asText()).isEqualTo("invalid_request");
        assertThat(refresh(second).status()).isEqualTo(200);
    }

    @Test
    void twoConnectionsOfTheSameAccountRotateIndependently() throws Exception {
        TokenGrant one = exchange(approvedCode("acmecoffee"));
        TokenGrant two = exchange(approvedCode("acmecoffee"));

        assertThat(refresh(one.refreshToken().orElseThrow()).status()).isEqualTo(200);
        assertThat(refresh(two.refreshToken().orElseThrow()).status()).isEqualTo(200);
    }

    @Test
    void theAdapterRenewsAnExpiredSignInTokenStoresTheRotatedPairAndReportsItsLifetime() throws Exception {
        // X publishes no refresh token lifetime.
        String spent = rotatedAfter("acmecoffee", Duration.ofHours(3), Duration.ofHours(2), Optional.empty());

        assertThat(refresh(spent).status()).isEqualTo(400);
    }
}
