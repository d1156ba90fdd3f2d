package io.goalpost.plugins.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.goalpost.plugin.testkit.AuthorizerAssertions.assertGrant;
import static io.goalpost.plugins.tiktok.TikTokStubs.CLOCK;
import static io.goalpost.plugins.tiktok.TikTokStubs.NOW;
import static io.goalpost.plugins.tiktok.TikTokStubs.PROFILE;
import static io.goalpost.plugins.tiktok.TikTokStubs.okFile;
import static io.goalpost.plugins.tiktok.TikTokStubs.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.AuthorizerAssertions;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import io.goalpost.plugin.testkit.WireMockAuthorizerTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Connect with TikTok" against WireMock stubs of TikTok's consent URL, token endpoint and /business/get/. */
final class TikTokAuthorizerTest extends WireMockAuthorizerTest {

    private static final String TOKEN = TikTokStubs.ROOT + "/tt_user/oauth2/token/";
    private static final String OPEN_ID = "-000Signed1In2Account3OpenId";
    private static final String ALL_SCOPES = "user.info.basic,user.insights,video.list,video.insights";

    TikTokAuthorizerTest() {
        super(new TikTokAuthorizer(), new TikTokAdapterFactory(), CLOCK, TikTokStubs.CLIENT_ID,
                TikTokStubs.CLIENT_SECRET, ExpectedSpec.of("App ID", ALL_SCOPES.split(","))
                        .withAccessTokenLifetime(Duration.ofHours(24)).withRefreshTokenLifetime(Duration.ofDays(365))
                        .withRotatingRefreshToken()
                        .withSetupHelpMentioning("TikTok Accounts", "user.insights", "redirect URI shown here"));
    }

    private static String tokenAnswer(String accessToken, String scope) {
        return "{\"code\":0,\"message\":\"OK\",\"request_id\":\"2026030312345601020304050607080910\",\"data\":{"
                + "\"open_id\":\"" + OPEN_ID + "\",\"scope\":\"" + scope + "\",\"access_token\":\"" + accessToken
                + "\",\"refresh_token\":\"" + REFRESH + "\",\"expires_in\":86400,\"refresh_token_expires_in\":31536000,"
                + "\"token_type\":\"Bearer\"}}";
    }

    private static void stubToken(String body) {
        stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(body)));
    }

    private static void assertNoSecret(Throwable e) {
        AuthorizerAssertions.assertNoSecretIn(e, CODE, TikTokStubs.CLIENT_SECRET, ACCESS, REFRESH);
    }

    // ---- consent URL (the base checks the spec) -------------------------------------------------

    @Test
    void theConsentUrlIsTikToksWithClientKeyCommaScopesStateAndAnEncodedRedirectUri() {
        URI url = authorizer.authorizeUrl(new AuthorizationRequest(appOnRealHosts(), redirect, STATE,
                Optional.of("ignored-challenge")));

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
                .isEqualTo("https://www.tiktok.com/v2/auth/authorize");
        assertThat(Urls.queryParams(url)).containsOnly(Map.entry("client_key", TikTokStubs.CLIENT_ID),
                Map.entry("scope", ALL_SCOPES), Map.entry("response_type", "code"), Map.entry("redirect_uri", redirect),
                Map.entry("state", STATE));
        assertThat(url.getRawQuery())
                .contains("redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Ftiktok%2Fcallback")
                .contains("scope=user.info.basic%2Cuser.insights%2Cvideo.list%2Cvideo.insights")
                .doesNotContain("code_challenge").doesNotContain(TikTokStubs.CLIENT_SECRET);
    }

    @Test
    void aBaseUrlMovesTheConsentPageToTheSandboxOrProxy() {
        URI url = authorizer.authorizeUrl(new AuthorizationRequest(app(), redirect, STATE, Optional.empty()));

        assertThat(url.toString()).startsWith(baseUrl + "/v2/auth/authorize?");
    }

    // ---- code exchange ----------------------------------------------------------------------

    @Test
    void theAuthCodeIsExchangedWithTheAppsCredentialsInTheJsonBody() throws Exception {
        stubToken(tokenAnswer(ACCESS, ALL_SCOPES));

        assertGrant(exchangeCode(CODE), new TokenGrant(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(86_400)),
                Optional.of(NOW.plusSeconds(31_536_000)), Set.of(ALL_SCOPES.split(","))));
        verify(postRequestedFor(urlPathEqualTo(TOKEN)).withRequestBody(equalToJson("{\"client_id\":\""
                + TikTokStubs.CLIENT_ID + "\",\"client_secret\":\"" + TikTokStubs.CLIENT_SECRET + "\",\"grant_type\":"
                + "\"authorization_code\",\"auth_code\":\"" + CODE + "\",\"redirect_uri\":\"" + redirect + "\"}")));
    }

    @Test
    void aWrongOrUsedCodeIsAuthExpired() {
        stubToken("{\"code\":40110,\"message\":\"Invalid auth_code " + CODE + ".\",\"request_id\":\"1\",\"data\":{}}");

        AdapterException.AuthExpired e = exchangeError(AdapterException.AuthExpired.class, CODE);

        assertThat(e.getMessage()).contains("40110").contains("Connect with TikTok again");
        assertNoSecret(e);
    }

    @Test
    void aWrongAppSecretIsConfigInvalid() {
        stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okFile("error_invalid_app.json")));

        AdapterException.ConfigInvalid e = exchangeError(AdapterException.ConfigInvalid.class, CODE);

        assertThat(e.getMessage()).contains("App ID and secret");
        assertNoSecret(e);
    }

    @Test
    void aMismatchedRedirectUriIsConfigInvalidNamingIt() {
        stubToken("{\"code\":40002,\"message\":\"redirect_uri does not match.\",\"request_id\":\"1\",\"data\":{}}");

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("redirect URI");
    }

    @Test
    void aGrantWithoutTheInsightsScopesIsPermissionMissingNamingThem() {
        stubToken(tokenAnswer(ACCESS, "user.info.basic,video.list"));

        AdapterException.PermissionMissing e = exchangeError(AdapterException.PermissionMissing.class, CODE);

        assertThat(e.permissions()).containsExactlyInAnyOrder("user.insights", "video.insights");
        assertThat(e.getMessage()).contains("user.insights").contains("video.insights");
        assertNoSecret(e);
    }

    @Test
    void aThrottledExchangeIsRateLimited() {
        stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okFile("error_rate_limited.json")));

        AdapterException.RateLimited e = exchangeError(AdapterException.RateLimited.class, CODE);

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(60));
        assertNoSecret(e);
    }

    @Test
    void anHttp401WithoutTikToksEnvelopeIsTheAppsConfiguration() {
        stubFor(post(urlPathEqualTo(TOKEN)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(401)));

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("App ID and secret");
    }

    @Test
    void aSystemErrorIsTransient() {
        stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okFile("error_system.json")));

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.TransientFailure.class);
    }

    @Test
    void anAnswerWithoutOpenIdIsABadResponse() {
        stubToken("{\"code\":0,\"message\":\"OK\",\"request_id\":\"1\",\"data\":{\"access_token\":\"" + ACCESS + "\"}}");

        assertThatThrownBy(() -> exchangeCode(CODE)).isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("open_id");
    }

    // ---- discovery ----------------------------------------------------------------------------

    @Test
    void discoveryFindsTheAccountOfTheSignInWithTheConfigThePastedFormTakes() throws Exception {
        String access = "act.discovery0000000000000000000001";
        stubToken(tokenAnswer(access, ALL_SCOPES));
        stubFor(get(urlPathEqualTo(PROFILE)).withQueryParam("business_id", equalTo(OPEN_ID))
                .withHeader("Access-Token", equalTo(access)).willReturn(okFile("profile.json")));
        TokenGrant grant = exchangeCode(CODE);

        List<DiscoveredAccount> found = authorizer.discover(app(), grant, context.http(), CLOCK);

        assertThat(found).hasSize(1);
        DiscoveredAccount account = found.get(0);
        assertThat(account.externalId()).isEqualTo(OPEN_ID);
        assertThat(account.name()).isEqualTo("Acme");
        assertThat(account.handle()).contains("acme_official");
        assertThat(account.accessExpiresAt()).contains(NOW.plusSeconds(86_400));
        assertThat(account.refreshExpiresAt()).contains(NOW.plusSeconds(31_536_000));
        assertThat(account.config()).containsExactlyInAnyOrderEntriesOf(Map.of("business_id", OPEN_ID,
                "access_token", access, "refresh_token", REFRESH, "client_id", TikTokStubs.CLIENT_ID,
                "client_secret", TikTokStubs.CLIENT_SECRET, "api_base_url", baseUrl + TikTokStubs.ROOT));
        AuthorizerAssertions.assertConnectable(factory, account);
        verify(getRequestedFor(urlPathEqualTo(PROFILE)).withQueryParam("fields", equalToJson(
                "[\"username\",\"display_name\"]")));
    }

    @Test
    void aPersonalAccountIsListedWithANoteOnWhatItLacks() throws Exception {
        String access = "act.discovery0000000000000000000002";
        stubToken(tokenAnswer(access, ALL_SCOPES));
        stubFor(get(urlPathEqualTo(PROFILE)).withHeader("Access-Token", equalTo(access)).willReturn(okJson(
                "{\"code\":0,\"message\":\"OK\",\"request_id\":\"1\",\"data\":{\"username\":\"jo\","
                        + "\"display_name\":\"Jo\",\"is_business_account\":false}}")));

        DiscoveredAccount account = authorizer.discover(app(), exchangeCode(CODE), context.http(), CLOCK)
                .get(0);

        assertThat(account.note()).hasValueSatisfying(n -> assertThat(n).contains("personal").contains("Business"));
    }

    @Test
    void aGrantThisPluginDidNotExchangeCannotBeDiscovered() {
        TokenGrant foreign = new TokenGrant("act.never-exchanged-here-000000000", Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of());

        assertThatThrownBy(() -> authorizer.discover(app(), foreign, context.http(), CLOCK))
                .isInstanceOf(AdapterException.AuthExpired.class).hasMessageContaining("Connect with TikTok again");
        assertThat(context.http().requests()).isEmpty();
    }

    @Test
    void aRefusedTokenDuringDiscoveryIsAuthExpiredWithoutSecrets() throws Exception {
        String access = "act.discovery0000000000000000000003";
        stubToken(tokenAnswer(access, ALL_SCOPES));
        stubFor(get(urlPathEqualTo(PROFILE)).willReturn(okFile("error_token_invalid.json")));
        TokenGrant grant = exchangeCode(CODE);

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.discover(app(), grant, context.http(), CLOCK));

        assertThat(e.getMessage()).doesNotContain(access);
        assertNoSecret(e);
    }
}
