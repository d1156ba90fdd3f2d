package io.goalpost.plugins.pinterest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.goalpost.plugins.pinterest.PinterestStubs.CLIENT_ID;
import static io.goalpost.plugins.pinterest.PinterestStubs.CLIENT_SECRET;
import static io.goalpost.plugins.pinterest.PinterestStubs.NOW;
import static io.goalpost.plugins.pinterest.PinterestStubs.file;
import static io.goalpost.plugins.pinterest.PinterestStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.AuthorizerAssertions;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import io.goalpost.plugin.testkit.WireMockAuthorizerTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Connect with Pinterest" against WireMock stubs of Pinterest's consent URL, token endpoint and /v5/user_account. */
final class PinterestAuthorizerTest extends WireMockAuthorizerTest {

    private static final String TOKEN = "/v5/oauth/token";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    PinterestAuthorizerTest() {
        super(new PinterestAuthorizer(), new PinterestAdapterFactory(), CLOCK, CLIENT_ID, CLIENT_SECRET,
                ExpectedSpec.of("App ID", "user_accounts:read", "pins:read")
                        .withAccessTokenLifetime(Duration.ofDays(30)).withRefreshTokenLifetime(Duration.ofDays(365))
                        .withSetupHelpMentioning("My apps", "redirect URI shown here", "business account"));
    }

    private static String tokenAnswer(String scope) {
        return "{\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\"" + REFRESH + "\",\"response_type\":"
                + "\"authorization_code\",\"token_type\":\"bearer\",\"expires_in\":2592000,\"refresh_token_expires_in\":"
                + "31536000,\"scope\":\"" + scope + "\"}";
    }

    private void stubToken(int status, String body) {
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(json(status, body)));
    }

    private static void assertNoSecret(Throwable e) {
        AuthorizerAssertions.assertNoSecretIn(e, CODE, CLIENT_SECRET, ACCESS, REFRESH);
    }

    // ---- consent URL (the base checks the spec) -------------------------------------------------

    @Test
    void theConsentUrlIsPinterestsWithCommaScopesStateAndAnEncodedRedirectUri() {
        URI url = authorizer.authorizeUrl(new AuthorizationRequest(appOnRealHosts(), redirect, STATE, Optional.empty()));

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://www.pinterest.com/oauth/");
        assertThat(Urls.queryParams(url)).containsOnly(Map.entry("client_id", CLIENT_ID),
                Map.entry("redirect_uri", redirect), Map.entry("response_type", "code"),
                Map.entry("scope", "user_accounts:read,pins:read"), Map.entry("state", STATE));
        assertThat(url.getRawQuery())
                .contains("redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Fpinterest%2Fcallback")
                .doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aBaseUrlMovesTheConsentPageToTheSandboxOrProxy() {
        URI url = authorizer.authorizeUrl(new AuthorizationRequest(app(), redirect, STATE, Optional.empty()));

        assertThat(url.toString()).startsWith(baseUrl + "/oauth/?").contains("client_id=");
    }

    // ---- code exchange ----------------------------------------------------------------------

    @Test
    void theCodeIsExchangedWithBasicAuthAndAFormBody() throws Exception {
        stubToken(200, tokenAnswer("pins:read,user_accounts:read"));

        // Both tokens with Pinterest's lifetimes (30 days, a year) and the scopes granted.
        AuthorizerAssertions.assertGrant(exchangeCode(CODE), grant());
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        wm.verifyThat(1, postRequestedFor(urlPathEqualTo(TOKEN))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withRequestBody(equalTo("grant_type=authorization_code&code=" + CODE
                        + "&redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Fpinterest%2Fcallback")));
    }

    @Test
    void aWrongOrUsedCodeIsAuthExpired() {
        stubToken(400, "{\"code\":1,\"message\":\"Invalid parameters: code " + CODE + " is not valid.\"}");

        AdapterException.AuthExpired e = exchangeError(AdapterException.AuthExpired.class, CODE);

        assertThat(e.getMessage()).contains("Connect with Pinterest again");
        assertNoSecret(e);
    }

    @Test
    void aWrongAppSecretIsConfigInvalid() {
        stubToken(401, "{\"code\":2,\"message\":\"Authentication failed.\"}");

        AdapterException.ConfigInvalid e = exchangeError(AdapterException.ConfigInvalid.class, CODE);

        assertThat(e.getMessage()).contains("App ID and App secret key");
        assertNoSecret(e);
    }

    @Test
    void aGrantWithoutPinsReadIsPermissionMissingNamingIt() {
        stubToken(200, tokenAnswer("user_accounts:read"));

        AdapterException.PermissionMissing e = exchangeError(AdapterException.PermissionMissing.class, CODE);

        assertThat(e.permissions()).containsExactly("pins:read");
        assertNoSecret(e);
    }

    @Test
    void aThrottledExchangeIsRateLimitedAtTheAnnouncedTime() {
        wm.register(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "45")));

        AdapterException.RateLimited e = exchangeError(AdapterException.RateLimited.class, CODE);

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(45));
        assertThat(e.getMessage()).contains("Pinterest says");
        assertNoSecret(e);
    }

    @Test
    void aServerErrorIsTransient() {
        stubToken(503, "{\"code\":0,\"message\":\"Service unavailable\"}");

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.TransientFailure.class);
    }

    @Test
    void anAnswerWithoutAccessTokenIsABadResponse() {
        stubToken(200, "{\"token_type\":\"bearer\"}");

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.BadResponse.class);
    }

    // ---- discovery ----------------------------------------------------------------------------

    private TokenGrant grant() {
        return new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(2_592_000)),
                Optional.of(NOW.plusSeconds(31_536_000)), Set.of("user_accounts:read", "pins:read"));
    }

    @Test
    void discoveryFindsTheSignedInAccountWithTheConfigThePastedFormTakes() throws Exception {
        wm.register(get(urlPathEqualTo("/v5/user_account")).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(file("user_account.json")));

        List<DiscoveredAccount> found = authorizer.discover(app(), grant(), context.http(), CLOCK);

        assertThat(found).hasSize(1);
        DiscoveredAccount account = found.get(0);
        assertThat(account.externalId()).isEqualTo("549755885175");
        assertThat(account.name()).isEqualTo("Acme");
        assertThat(account.handle()).contains("acme");
        assertThat(account.refreshExpiresAt()).contains(NOW.plusSeconds(31_536_000));
        assertThat(account.config()).containsExactlyInAnyOrderEntriesOf(Map.of("access_token", ACCESS,
                "refresh_token", REFRESH, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "api_base_url", baseUrl + "/v5"));
        AuthorizerAssertions.assertConnectable(factory, account);
        wm.verifyThat(1, getRequestedFor(urlPathEqualTo("/v5/user_account")));
    }

    @Test
    void aPersonalAccountIsListedWithANoteThatAnalyticsNeedABusinessAccount() throws Exception {
        wm.register(get(urlPathEqualTo("/v5/user_account")).willReturn(json(200,
                "{\"account_type\":\"PINNER\",\"id\":\"42\",\"username\":\"jo\",\"follower_count\":12}")));

        DiscoveredAccount account = authorizer.discover(app(), grant(), context.http(), CLOCK).get(0);

        assertThat(account.name()).isEqualTo("jo");
        assertThat(account.note()).hasValueSatisfying(n -> assertThat(n).contains("business account"));
    }

    @Test
    void aRefusedTokenDuringDiscoveryIsAuthExpiredWithoutSecrets() {
        wm.register(get(urlPathEqualTo("/v5/user_account")).willReturn(json(401,
                "{\"code\":2,\"message\":\"Authentication failed.\"}")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.discover(app(), grant(), context.http(), CLOCK));

        assertThat(e.getMessage()).contains("Connect with Pinterest again");
        assertNoSecret(e);
        wm.verifyThat(0, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void aThrottledDiscoveryIsRateLimited() {
        wm.register(get(urlPathEqualTo("/v5/user_account")).willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> authorizer.discover(app(), grant(), context.http(), CLOCK))
                .isInstanceOf(AdapterException.RateLimited.class);
    }
}
