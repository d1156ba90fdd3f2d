package io.goalpost.plugin.support.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.APP_ID;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.CODE;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.LONG_TOKEN;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.SECRET;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.SHORT_TOKEN;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.TOKEN_PATH;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.assertNoSecretIn;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.stubDebugToken;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.stubExchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.FacebookLoginStubs;
import io.goalpost.plugin.testkit.JdkHttpPort;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Facebook Login's code exchange and Page discovery, shared by the Facebook and Instagram authorizers:
 * the calls it makes and what every failure becomes. The plugins' own tests keep only what differs
 * between them (scopes, wording, how a Page becomes an account).
 */
@WireMockTest
final class FacebookLoginTest {

    private static final Instant NOW = Instant.parse("2026-05-20T19:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/pages/callback";

    private final FacebookLogin login = new FacebookLogin("Pages", List.of("pages_show_list", "read_insights"),
            missing -> "read the Pages' numbers");
    private final HttpPort http = new JdkHttpPort();
    private AppCredentials app;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        app = new AppCredentials(APP_ID, SECRET, Optional.of(wm.getHttpBaseUrl()));
    }

    @Test
    void theAuthorizeUrlIsTheLoginDialogWithEveryParameterEncoded() {
        String redirect = REDIRECT + "?tenant=a b&x=1";
        String state = "st+a/te=with&odd chars";
        URI uri = new PagesAuthorizer().authorizeUrl(new AuthorizationRequest(
                new AppCredentials(APP_ID, SECRET, Optional.empty()), redirect, state, Optional.empty()));

        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath())
                .isEqualTo("https://www.facebook.com/v25.0/dialog/oauth");
        assertThat(Urls.queryParams(uri)).containsEntry("client_id", APP_ID).containsEntry("redirect_uri", redirect)
                .containsEntry("state", state).containsEntry("response_type", "code")
                .containsEntry("scope", "pages_show_list,read_insights").doesNotContainKey("code_challenge");
        assertThat(uri.getRawQuery()).doesNotContain(" ").contains("redirect_uri=https%3A%2F%2Fgoalpost.example.com");
        assertThat(uri.toString()).doesNotContain(SECRET);
    }

    @Test
    void thePurposesOfTheMissingPermissionsAreSaidInTheOrderTheSignInAsksForThem() {
        var purpose = FacebookLogin.purposes(List.of("pages_show_list", "pages_read_engagement", "read_insights"),
                Map.of("read_insights", "read Page Insights", "pages_show_list", "list your Pages",
                        "pages_read_engagement", "read your Pages' posts"));

        assertThat(purpose.apply(List.of("read_insights", "pages_show_list")))
                .isEqualTo("list your Pages and read Page Insights");
        assertThat(purpose.apply(List.of("pages_read_engagement"))).isEqualTo("read your Pages' posts");
    }

    @Test
    void aPageTokenSignInAsksForTheAppIdWithoutPkceAndPromisesNoLifetimeOrRenewal() {
        AuthorizationSpec spec = new PagesAuthorizer().spec();

        assertThat(spec.scopes()).containsExactly("pages_show_list", "read_insights");
        assertThat(spec.clientIdLabel()).isEqualTo("App ID");
        assertThat(spec.pkce()).isFalse();
        assertThat(spec.accessTokenLifetime()).isEmpty();
        assertThat(spec.refreshTokenLifetime()).isEmpty();
        assertThat(spec.rotatingRefreshToken()).isFalse();
    }

    @Test
    void theAuthorizeUrlGoesToTheStandInWhenTheAppHasABaseUrl(WireMockRuntimeInfo wm) {
        URI uri = new PagesAuthorizer().authorizeUrl(new AuthorizationRequest(app, REDIRECT, "s", Optional.empty()));

        assertThat(uri.toString()).startsWith(wm.getHttpBaseUrl() + "/v25.0/dialog/oauth?");
    }

    @Test
    void theCodeBecomesAShortThenALongLivedTokenWhosePermissionsAreReadWithTheAppToken() throws AdapterException {
        stubExchange();
        stubDebugToken("pages_show_list", "read_insights", "public_profile");

        TokenGrant grant = login.exchange(exchange(), http, CLOCK);

        assertThat(grant.accessToken()).isEqualTo(LONG_TOKEN);
        assertThat(grant.refreshToken()).isEmpty();
        assertThat(grant.accessExpiresAt()).contains(NOW.plusSeconds(FacebookLoginStubs.LONG_TOKEN_SECONDS));
        assertThat(grant.grantedScopes()).containsExactlyInAnyOrder("pages_show_list", "read_insights",
                "public_profile");
        verify(getRequestedFor(urlPathEqualTo(TOKEN_PATH)).withQueryParam("code", equalTo(CODE))
                .withQueryParam("client_id", equalTo(APP_ID)).withQueryParam("client_secret", equalTo(SECRET))
                .withQueryParam("redirect_uri", equalTo(REDIRECT)));
        verify(getRequestedFor(urlPathEqualTo(TOKEN_PATH)).withQueryParam("grant_type", equalTo("fb_exchange_token"))
                .withQueryParam("fb_exchange_token", equalTo(SHORT_TOKEN)));
        verify(getRequestedFor(urlPathEqualTo("/v25.0/debug_token")).withQueryParam("input_token", equalTo(LONG_TOKEN))
                .withHeader("Authorization", equalTo("Bearer " + APP_ID + "|" + SECRET)));
    }

    @Test
    void aUsedCodeAsksToConnectWithTheProductAgain() {
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).willReturn(error(100, 36009, "This authorization code has been used.")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> login.exchange(exchange(), http, CLOCK));

        assertThat(e).hasMessageContaining("already used or has expired").hasMessageContaining("Connect with Pages again");
        assertNoSecretIn(e);
    }

    @Test
    void aDeclinedPermissionIsNamedWithWhatItIsFor() {
        stubExchange();
        stubDebugToken("pages_show_list", "public_profile");

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> login.exchange(exchange(), http, CLOCK));

        assertThat(e.permissions()).containsExactly("read_insights");
        assertThat(e).hasMessageContaining("read_insights").hasMessageContaining("read the Pages' numbers");
        assertNoSecretIn(e);
    }

    @Test
    void aWrongAppSecretIsAConfigurationProblem() {
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).willReturn(error(1, 0, "Error validating client secret.")));

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> login.exchange(exchange(), http, CLOCK));

        assertThat(e).hasMessageContaining("App ID or App secret").hasMessageContaining("for Pages");
        assertNoSecretIn(e);
    }

    @Test
    void aRedirectUriThatDiffersFromTheDialogsNamesTheUriToRegister() {
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).willReturn(error(100, 36008, "Error validating verification code. "
                + "Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request")));

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> login.exchange(exchange(), http, CLOCK));

        assertThat(e).hasMessageContaining(REDIRECT).hasMessageContaining("Valid OAuth Redirect URIs");
    }

    @Test
    void throttlingDuringTheExchangeIsRateLimited() {
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).willReturn(error(4, 0, "(#4) Application request limit reached")));

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class,
                () -> login.exchange(exchange(), http, CLOCK));

        assertThat(e.retryAt()).isAfter(NOW);
        assertThat(e).hasMessageContaining("Goalpost will try again");
    }

    @Test
    void aTokenEchoedInAnErrorMessageIsMasked() {
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).willReturn(error(100, 0, "Invalid code " + CODE
                + " for client_secret " + SECRET)));

        AdapterException e = catchThrowableOfType(AdapterException.class, () -> login.exchange(exchange(), http, CLOCK));

        assertNoSecretIn(e);
    }

    @Test
    void discoveryLeavesOutPagesWithoutATokenAndOffersAnAccountOnce() throws AdapterException {
        stubFor(get(urlPathEqualTo("/v25.0/me/accounts")).willReturn(okJson("{\"data\":["
                + "{\"id\":\"1001\",\"name\":\"Acme\",\"access_token\":\"EAApage1\"},"
                + "{\"id\":\"1001\",\"name\":\"Acme again\",\"access_token\":\"EAApage1\"},"
                + "{\"id\":\"1002\",\"name\":\"No token Page\"}]}")));

        List<DiscoveredAccount> accounts = login.discover(app, grant(), http, CLOCK, "id,name,access_token",
                (page, session) -> Optional.of(new DiscoveredAccount(page.path("id").asText(),
                        page.path("name").asText(), Optional.empty(), Map.of("page_id", page.path("id").asText()),
                        Optional.empty(), Optional.empty(), Optional.empty())));

        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme");
        verify(getRequestedFor(urlPathEqualTo("/v25.0/me/accounts"))
                .withHeader("Authorization", equalTo("Bearer " + LONG_TOKEN))
                .withQueryParam("fields", equalTo("id,name,access_token")));
    }

    @Test
    void anExpiredUserTokenDuringDiscoveryAsksToSignInAgain() {
        stubFor(get(urlPathEqualTo("/v25.0/me/accounts")).willReturn(
                error(190, 463, "Error validating access token: Session has expired.")));

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class, () -> discover());

        assertNoSecretIn(e);
    }

    @Test
    void throttlingDuringDiscoveryIsRateLimited() {
        stubFor(get(urlPathEqualTo("/v25.0/me/accounts")).willReturn(aResponse().withStatus(429)));

        assertThat(catchThrowableOfType(AdapterException.RateLimited.class, () -> discover())).isNotNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<DiscoveredAccount> discover() throws AdapterException {
        return login.discover(app, grant(), http, CLOCK, "id,name,access_token", (page, session) -> Optional.empty());
    }

    private CodeExchange exchange() {
        return new CodeExchange(app, CODE, REDIRECT, Optional.empty());
    }

    private static TokenGrant grant() {
        return FacebookLoginStubs.grant(NOW, "pages_show_list", "read_insights");
    }

    private static ResponseDefinitionBuilder error(int code, int subcode, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":{"
                + "\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_subcode\":" + subcode + ",\"fbtrace_id\":\"AbC\"}}");
    }


    /** The smallest authorizer on Facebook Login: its dialog is all the base class's. */
    private final class PagesAuthorizer extends FacebookLoginAuthorizer {
        PagesAuthorizer() {
            super("pages", FacebookLoginAuthorizer.pageTokenSpec(List.of("pages_show_list", "read_insights"),
                    "Set up a Facebook app."), login);
        }

        @Override
        public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock) {
            return List.of();
        }
    }
}
