package io.goalpost.plugins.tiktok;

import java.util.Set;
import io.goalpost.plugin.testkit.SandboxConsentPageTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugins.tiktok.sandbox.TikTokSandbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Connect with TikTok" end to end against the sandbox: consent page, code exchange, discovery, rotation. */
final class TikTokSandboxSignInTest extends SandboxConsentPageTest {

    private static final String BASE = "http://127.0.0.1:18080";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    TikTokSandboxSignInTest() {
        super(new TikTokSandbox(), new TikTokAuthorizer(), new TikTokAdapterFactory(), BASE, NOW, new Refusals(
                Duration.ofMinutes(10), Map.of("scope", "user.info.basic,video.list"), Set.of("user.insights",
                "video.insights"), AdapterException.ConfigInvalid.class, "redirect_uri does not match", "40101", "40110"),
                new ConsentPage("client_key", "sandbox-tiktok-app", "sandbox-tiktok-app-secret", "/v2/auth/authorize",
                        List.of("Goalpost demo app", "user.insights", "video.insights", "@acmecoffee", "@acmeoutdoor",
                                STATE_IN_A_FORM),
                        List.of("auth_code", "code", "state"), "sandbox-tiktok-code-", ""));
    }

    private JsonNode refresh(String refreshToken) {
        String body = "{\"client_id\":\"" + app.clientId() + "\",\"client_secret\":\"" + app.clientSecret()
                + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}";
        return json(sandbox.handle(HttpRequest.postJson(URI.create(BASE
                + "/open_api/v1.3/tt_user/oauth2/refresh_token/"), body), clock.get()));
    }

    // ---- consent page ---------------------------------------------------------------------------

    @Test
    void approveYesRedirectsWithTheCodeAsAuthCodeAndCode() {
        Map<String, String> back = redirected(browser.open(consentUrl("st-7"), Map.of("approve", "yes")));

        assertThat(back.get("auth_code")).isEqualTo(back.get("code"));
    }

    @Test
    void anUnknownScopeGetsAnErrorPage() {
        assertThat(browser.open(consentUrl("s"), Map.of("scope", "user.info.basic,ads.manage", "approve", "yes")).status())
                .isEqualTo(400);
    }

    // ---- exchange, discovery, the adapter ---------------------------------------------------------

    @Test
    void anApprovedSignInConnectsTheChosenAccountWhoseConfigChecksAndFetchesAgainstTheSandbox() throws Exception {
        String openId = "sandbox-openid-acmeoutdoor";
        SignIn signIn = connectsAndFetches("acmeoutdoor", Duration.ofDays(1), Optional.of(Duration.ofDays(365)), openId,
                Map.of("api_base_url", BASE + "/open_api/v1.3", "client_id", "sandbox-tiktok-app", "business_id",
                        openId), daysBack(10, 1));

        assertThat(signIn.account().name()).isEqualTo("Acme Outdoor Gear");
    }

    // ---- rotation -----------------------------------------------------------------------------

    @Test
    void eachRefreshRotatesThePairAndVoidsTheOldRefreshToken() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmecoffee"), redirect);
        String first = grant.refreshToken().orElseThrow();

        JsonNode renewed = refresh(first);
        assertThat(renewed.path("code").asInt()).isZero();
        String second = renewed.path("data").path("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(renewed.path("data").path("access_token").asText()).isNotEqualTo(grant.accessToken());

        assertThat(refresh(first).path("code").asInt()).as("the old refresh token is void").isEqualTo(40105);
        assertThat(refresh(second).path("code").asInt()).isZero();
    }

    @Test
    void theAdapterRenewsAnExpiredSignInTokenStoresTheRotatedPairAndReportsItsLifetimes() throws Exception {
        String spent = rotatedAfter("acmecoffee", Duration.ofHours(25), Duration.ofDays(1),
                Optional.of(Duration.ofDays(365)));

        assertThat(refresh(spent).path("code").asInt()).isEqualTo(40105);
    }
}
