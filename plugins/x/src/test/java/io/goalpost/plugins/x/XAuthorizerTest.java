package io.goalpost.plugins.x;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.goalpost.plugin.testkit.AuthorizerAssertions.assertGrant;
import static io.goalpost.plugins.x.XStubs.NOW;
import static io.goalpost.plugins.x.XStubs.answer;
import static io.goalpost.plugins.x.XTesting.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.AuthorizerAssertions;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import io.goalpost.plugin.testkit.WireMockAuthorizerTest;
import io.goalpost.plugin.testkit.RecordingHttpPort;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Connect with X" against WireMock stubs of X's consent URL, token endpoint and /2/users/me. */
final class XAuthorizerTest extends WireMockAuthorizerTest {

    // RFC 7636, appendix B: this verifier's S256 challenge is E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM.
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final String CLIENT_ID = "x-client-id-7";
    private static final String CLIENT_SECRET = "x-client-secret-7-do-not-show";

    XAuthorizerTest() {
        // X publishes no refresh token lifetime.
        super(new XAuthorizer(), new XAdapterFactory(), XStubs.CLOCK, CLIENT_ID, CLIENT_SECRET, ExpectedSpec.of("Client ID",
                "tweet.read", "users.read", "offline.access").withPkce().withAccessTokenLifetime(Duration.ofHours(2))
                .withRotatingRefreshToken()
                .withSetupHelpMentioning("OAuth 2.0", "Web App", "Read", "redirect URI shown here"));
    }

    /** The exchange of the callback's code with the PKCE verifier X requires. */
    @Override
    protected CodeExchange exchange(String code) {
        return new CodeExchange(app(), code, redirect, Optional.of(VERIFIER));
    }

    private static String tokenAnswer(String scope, boolean withRefresh) {
        return "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + ACCESS + "\",\"scope\":\"" + scope
                + "\"" + (withRefresh ? ",\"refresh_token\":\"" + REFRESH + "\"" : "") + "}";
    }

    private void stubToken(int status, String body) {
        wm.register(post(urlPathEqualTo(XStubs.TOKEN)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** The token endpoint refuses with an RFC 6749 error answer. */
    private void stubTokenError(int status, String error, String description) {
        stubToken(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    // ---- consent URL (the base checks the spec) -------------------------------------------------

    @Test
    void theConsentUrlIsXsWithStatePkceS256TheScopesAndAnEncodedRedirectUri() {
        URI url = authorizer.authorizeUrl(new AuthorizationRequest(appOnRealHosts(), redirect, STATE,
                Optional.of(CHALLENGE)));

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://x.com/i/oauth2/authorize");
        assertThat(Urls.queryParams(url)).containsExactly(Map.entry("response_type", "code"),
                Map.entry("client_id", CLIENT_ID), Map.entry("redirect_uri", redirect),
                Map.entry("scope", "tweet.read users.read offline.access"), Map.entry("state", STATE),
                Map.entry("code_challenge", CHALLENGE), Map.entry("code_challenge_method", "S256"));
        assertThat(url.getRawQuery())
                .contains("redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Fx%2Fcallback")
                .contains("scope=tweet.read%20users.read%20offline.access")
                .doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aBaseUrlMovesTheConsentPageToTheSandboxOrProxy() {
        URI url = authorizer.authorizeUrl(new AuthorizationRequest(new AppCredentials(CLIENT_ID, CLIENT_SECRET,
                Optional.of("http://127.0.0.1:41234/")), redirect, STATE, Optional.of(CHALLENGE)));

        assertThat(url.toString()).startsWith("http://127.0.0.1:41234/i/oauth2/authorize?");
    }

    @Test
    void withoutAChallengeThereIsNoConsentUrlBecauseXRequiresPkce() {
        assertThatThrownBy(() -> authorizer.authorizeUrl(new AuthorizationRequest(app(), redirect, STATE,
                Optional.empty()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCE");
    }

    // ---- code exchange ----------------------------------------------------------------------

    @Test
    void theCodeIsExchangedWithTheVerifierAndTheAppsBasicAuth() throws Exception {
        stubToken(200, tokenAnswer("tweet.read users.read offline.access", true));

        assertGrant(exchangeCode(CODE), new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(7200)),
                Optional.empty(), Set.of("tweet.read", "users.read", "offline.access")));
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        wm.verifyThat(1, formPost(XStubs.TOKEN, "grant_type=authorization_code", "code=" + CODE,
                "redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Fx%2Fcallback",
                "code_verifier=" + VERIFIER, "client_id=" + CLIENT_ID)
                .withHeader("Authorization", equalTo("Basic " + basic)));
    }

    @Test
    void aPublicClientWithoutSecretSendsNoBasicAuth() throws Exception {
        stubToken(200, tokenAnswer("tweet.read users.read offline.access", true));

        authorizer.exchange(new CodeExchange(new AppCredentials(CLIENT_ID, "", Optional.of(baseUrl)), CODE, redirect,
                Optional.of(VERIFIER)), context.http(), XStubs.CLOCK);

        wm.verifyThat(1, postRequestedFor(urlPathEqualTo(XStubs.TOKEN)).withHeader("Authorization", absent()));
    }

    @Test
    void aWrongOrUsedCodeIsAuthExpiredAndNamesNoSecret() {
        stubTokenError(400, "invalid_request", "Value passed for the authorization code was invalid.");

        AdapterException.AuthExpired e = exchangeError(AdapterException.AuthExpired.class, CODE);

        assertThat(e.getMessage()).contains("authorization code was invalid").contains("Connect with X again");
        assertNoSecret(e, CODE, VERIFIER, CLIENT_SECRET);
    }

    @Test
    void aFailedPkceCheckIsAuthExpired() {
        stubTokenError(400, "invalid_request", "Value passed for the code verifier did not match the code challenge.");

        AdapterException.AuthExpired e = exchangeError(AdapterException.AuthExpired.class, CODE);

        assertThat(e.getMessage()).contains("PKCE");
        assertNoSecret(e, CODE, VERIFIER, CLIENT_SECRET);
    }

    @Test
    void anErrorThatEchoesTheCodeOrSecretIsScrubbed() {
        stubTokenError(400, "invalid_grant", "code " + CODE + " or verifier " + VERIFIER + " refused for secret "
                + CLIENT_SECRET);

        AdapterException e = exchangeError(AdapterException.class, CODE);

        assertThat(e).isInstanceOf(AdapterException.AuthExpired.class);
        assertNoSecret(e, CODE, VERIFIER, CLIENT_SECRET);
    }

    @Test
    void aWrongClientSecretIsConfigInvalidNamingWhereToCopyIt() {
        stubTokenError(401, "unauthorized_client", "Missing valid authorization header");

        AdapterException.ConfigInvalid e = exchangeError(AdapterException.ConfigInvalid.class, CODE);

        assertThat(e.getMessage()).contains("Client ID and Client Secret").contains("Keys and tokens");
        assertNoSecret(e, CODE, VERIFIER, CLIENT_SECRET);
    }

    @Test
    void aGrantWithoutOfflineAccessIsPermissionMissingNamingIt() {
        stubToken(200, tokenAnswer("tweet.read users.read", false));

        AdapterException.PermissionMissing e = exchangeError(AdapterException.PermissionMissing.class, CODE);

        assertThat(e.permissions()).containsExactly("offline.access");
        assertThat(e.getMessage()).contains("offline.access").contains("2 hours");
        assertNoSecret(e, ACCESS, CLIENT_SECRET);
    }

    @Test
    void aGrantWithoutUsersReadIsPermissionMissingNamingIt() {
        stubToken(200, tokenAnswer("tweet.read offline.access", true));

        AdapterException.PermissionMissing e = exchangeError(AdapterException.PermissionMissing.class, CODE);

        assertThat(e.permissions()).containsExactly("users.read");
        assertNoSecret(e, ACCESS, REFRESH, CLIENT_SECRET);
    }

    @Test
    void aThrottledExchangeIsRateLimitedAtXsReset() {
        wm.register(post(urlPathEqualTo(XStubs.TOKEN)).willReturn(answer(429, "error-429.json")));

        AdapterException.RateLimited e = exchangeError(AdapterException.RateLimited.class, CODE);

        assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(XStubs.WINDOW_RESET));
        assertNoSecret(e, CODE, VERIFIER, CLIENT_SECRET);
    }

    @Test
    void aServerErrorIsTransient() {
        wm.register(post(urlPathEqualTo(XStubs.TOKEN)).willReturn(answer(503, "error-503.json")));

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.TransientFailure.class);
    }

    @Test
    void anAnswerWithoutAccessTokenIsABadResponse() {
        stubToken(200, "{\"token_type\":\"bearer\"}");

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.BadResponse.class);
    }

    // ---- discovery ----------------------------------------------------------------------------

    @Test
    void discoveryFindsTheSignedInUserWithTheConfigThePastedFormTakes() throws Exception {
        wm.register(get(urlPathEqualTo(XStubs.ME)).willReturn(answer(200, "users-me.json")));
        TokenGrant grant = new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(7200)),
                Optional.empty(), Set.of("tweet.read", "users.read", "offline.access"));

        List<DiscoveredAccount> found = authorizer.discover(app(), grant, context.http(), XStubs.CLOCK);

        assertThat(found).hasSize(1);
        DiscoveredAccount account = found.get(0);
        assertThat(account.externalId()).isEqualTo(XStubs.USER_ID);
        assertThat(account.name()).isEqualTo("Acme");
        assertThat(account.handle()).contains("acme");
        assertThat(account.accessExpiresAt()).contains(NOW.plusSeconds(7200));
        assertThat(account.config()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "access_token", ACCESS, "refresh_token", REFRESH, "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "user_id", XStubs.USER_ID, "api_base_url", baseUrl + "/2"));
        AuthorizerAssertions.assertConnectable(factory, account, ACCESS, CLIENT_SECRET);
        wm.verifyThat(getRequestedFor(urlPathEqualTo(XStubs.ME)).withHeader("Authorization", equalTo("Bearer " + ACCESS)));
    }

    @Test
    void withoutABaseUrlTheConfigKeepsTheDefaultApiHost() throws Exception {
        TokenGrant grant = new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.empty(), Optional.empty(), Set.of());
        wm.register(get(urlPathEqualTo(XStubs.ME)).willReturn(answer(200, "users-me.json")));
        // A "proxy" HttpPort that sends the real host's requests to WireMock, to see what URL was asked for.
        RecordingHttpPort proxy = new RecordingHttpPort(request -> context.http().send(new io.goalpost.plugin.api.HttpRequest(
                request.method(), URI.create(baseUrl + request.uri().getRawPath()), request.headers(), request.body())));

        DiscoveredAccount account = authorizer.discover(appOnRealHosts(), grant, proxy, XStubs.CLOCK).get(0);

        assertThat(proxy.requests().get(0).uri().toString()).isEqualTo("https://api.x.com/2/users/me");
        assertThat(account.config()).doesNotContainKey("api_base_url");
    }

    @Test
    void aRefusedTokenDuringDiscoveryIsAuthExpired() {
        wm.register(get(urlPathEqualTo(XStubs.ME)).willReturn(answer(401, "error-401.json")));
        TokenGrant grant = new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.empty(), Optional.empty(), Set.of());

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.discover(app(), grant, context.http(), XStubs.CLOCK));

        assertNoSecret(e, ACCESS, REFRESH, CLIENT_SECRET);
    }

    @Test
    void aThrottledDiscoveryIsRateLimited() {
        wm.register(get(urlPathEqualTo(XStubs.ME)).willReturn(answer(429, "error-429.json")));
        TokenGrant grant = new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.empty(), Optional.empty(), Set.of());

        assertThatThrownBy(() -> authorizer.discover(app(), grant, context.http(), XStubs.CLOCK))
                .isInstanceOf(AdapterException.RateLimited.class);
    }
}
