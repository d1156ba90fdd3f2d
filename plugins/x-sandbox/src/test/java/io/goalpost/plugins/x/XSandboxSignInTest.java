package io.goalpost.plugins.x;

import io.goalpost.plugin.sandbox.SignInBrowser;
import io.goalpost.plugin.testkit.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugins.x.sandbox.XSandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** "Connect with X" end to end against the sandbox: consent page, code exchange with PKCE, discovery, rotation. */
final class XSandboxSignInTest {

    private static final String BASE = "http://127.0.0.1:41234";
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/x/callback";
    private static final Instant NOW = Instant.parse("2026-04-02T12:05:00Z");
    private static final String VERIFIER = "sandbox-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

    private final XSandbox sandbox = new XSandbox();
    private final XAuthorizer authorizer = new XAuthorizer();
    private final XAdapterFactory factory = new XAdapterFactory();
    private final AtomicReference<Clock> clock = new AtomicReference<>(Clock.fixed(NOW, ZoneOffset.UTC));
    private final HttpPort port = request -> sandbox.handle(request, clock.get());
    private final AppCredentials app = sandbox.demoApp(BASE).orElseThrow();
    private final ObjectMapper mapper = new ObjectMapper();
    private final SignInBrowser browser = new SignInBrowser(sandbox, clock::get);

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private URI consentUrl(String state) throws Exception {
        return authorizer.authorizeUrl(new AuthorizationRequest(app, REDIRECT, state, Optional.of(challenge(VERIFIER))));
    }

    private static Map<String, String> redirected(HttpResponse response) {
        return SignInBrowser.redirectedBack(response, REDIRECT);
    }

    private String approvedCode(String account) throws Exception {
        Map<String, String> back = redirected(browser.open(consentUrl("state-1"), Map.of("approve", "yes", "account", account)));
        assertThat(back).containsEntry("state", "state-1");
        return back.get("code");
    }

    private TokenGrant exchange(String code) throws AdapterException {
        return authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.of(VERIFIER)), port, clock.get());
    }

    private JsonNode json(HttpResponse response) throws IOException {
        return mapper.readTree(response.body());
    }

    private HttpResponse refresh(String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/2/oauth2/token"), Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", app.clientId()))
                .withHeader("Authorization", "Basic " + basic), clock.get());
    }

    // ---- consent page ---------------------------------------------------------------------------

    @Test
    void theDemoAppIsTheSandboxsConfidentialClientWithTheSandboxAsBaseUrl() {
        assertThat(app.clientId()).isEqualTo("sandbox-x-client");
        assertThat(app.clientSecret()).isEqualTo("sandbox-x-client-secret");
        assertThat(app.baseUrl()).contains(BASE);
        assertThat(consentUrlUnchecked().toString()).startsWith(BASE + "/i/oauth2/authorize?");
    }

    private URI consentUrlUnchecked() {
        try {
            return consentUrl("s");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theConsentPageNamesTheAppTheScopesAndTheAccountsWithApproveAndDeny() throws Exception {
        HttpResponse page = browser.open(consentUrl("<script>&\"x\""), Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String html = page.bodyText();
        assertThat(html).contains("Goalpost demo app").contains("tweet.read").contains("users.read")
                .contains("offline.access").contains("@acmecoffee").contains("@acmeoutdoor")
                .contains(">Approve</button>").contains(">Deny</a>").contains("name=\"approve\" value=\"yes\"")
                .contains("approve=no");
        assertThat(html).as("the state is escaped").doesNotContain("<script>").contains("&lt;script&gt;&amp;&quot;x&quot;");
    }

    @Test
    void approveYesRedirectsAtOnceWithACodeAndTheState() throws Exception {
        Map<String, String> back = redirected(browser.open(consentUrl("st-42"), Map.of("approve", "yes")));

        assertThat(back.keySet()).containsExactly("state", "code");
        assertThat(back.get("state")).isEqualTo("st-42");
        assertThat(back.get("code")).startsWith("sandbox-x-code-");
    }

    @Test
    void denyingRedirectsWithAccessDeniedAndTheState() throws Exception {
        Map<String, String> back = redirected(browser.open(consentUrl("st-43"), Map.of("approve", "no")));

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "st-43")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void anUnknownClientOrAMissingChallengeGetsAnErrorPageNotARedirect() throws Exception {
        URI url = consentUrl("s");
        assertThat(browser.open(url, Map.of("client_id", "someone-else", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(url, Map.of("code_challenge", "", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(url, Map.of("scope", "tweet.read not.a.scope", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(url, Map.of("redirect_uri", "not a url", "approve", "yes")).status()).isEqualTo(400);
    }

    // ---- code exchange, discovery, the adapter ----------------------------------------------

    @Test
    void anApprovedSignInConnectsTheChosenAccountWhoseConfigChecksAndFetchesAgainstTheSandbox() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmeoutdoor"));

        assertThat(grant.refreshToken()).isPresent();
        assertThat(grant.accessExpiresAt()).contains(NOW.plusSeconds(7200));
        assertThat(grant.grantedScopes()).containsExactlyInAnyOrder("tweet.read", "users.read", "offline.access");

        List<DiscoveredAccount> found = authorizer.discover(app, grant, port, clock.get());

        assertThat(found).hasSize(1);
        DiscoveredAccount account = found.get(0);
        assertThat(account.handle()).contains("acmeoutdoor");
        assertThat(account.externalId()).isEqualTo("1437880210374094848");
        assertThat(account.config()).containsEntry("api_base_url", BASE + "/2")
                .containsEntry("client_secret", "sandbox-x-client-secret").containsEntry("user_id", account.externalId());
        assertThat(factory.descriptor().config().validate(account.config())).isEmpty();

        RecordingContext context = new RecordingContext(port, clock.get());
        NetworkAdapter adapter = factory.create(context, factory.descriptor().config().resolve(account.config()));
        CheckResult check = adapter.check();
        assertThat(check.identity().handle()).isEqualTo("acmeoutdoor");
        assertThat(check.missingOptionalPermissions()).isEmpty();
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        List<FetchResult> batches = XTesting.fetchAll(adapter, new DateRange(today.minusDays(13), today));
        assertThat(XTesting.points(batches)).isNotEmpty();
        assertThat(XTesting.posts(batches)).isNotEmpty();
    }

    @Test
    void aCodeWorksOnceOnly() throws Exception {
        String code = approvedCode("acmecoffee");
        exchange(code);

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class, () -> exchange(code));

        assertThat(e.getMessage()).contains("authorization code was invalid").doesNotContain(code);
    }

    @Test
    void aWrongVerifierFailsThePkceCheck() throws Exception {
        String code = approvedCode("acmecoffee");
        String other = "another-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.of(other)), port, clock.get()));

        assertThat(e.getMessage()).contains("code verifier did not match the code challenge").doesNotContain(other);
    }

    @Test
    void anotherRedirectUriThanTheConsentPagesIsRefused() throws Exception {
        String code = approvedCode("acmecoffee");

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT + "/other", Optional.of(VERIFIER)),
                        port, clock.get()));

        assertThat(e.getMessage()).contains("redirect uri did not match");
    }

    @Test
    void aWrongClientSecretIsRefusedAsTheAppsConfiguration() throws Exception {
        String code = approvedCode("acmecoffee");
        AppCredentials wrong = new AppCredentials(app.clientId(), "not-the-secret", app.baseUrl());

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(wrong, code, REDIRECT, Optional.of(VERIFIER)), port,
                        clock.get()));

        assertThat(e.getMessage()).doesNotContain("not-the-secret");
    }

    @Test
    void aCodeExpiresAfterTenMinutesOnTheSandboxClock() throws Exception {
        String code = approvedCode("acmecoffee");
        clock.set(Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));

        catchThrowableOfType(AdapterException.AuthExpired.class, () -> exchange(code));
    }

    @Test
    void aConsentWithoutOfflineAccessIsPermissionMissing() throws Exception {
        Map<String, String> back = redirected(browser.open(consentUrl("s"), Map.of("scope", "tweet.read users.read",
                "approve", "yes")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> exchange(back.get("code")));

        assertThat(e.permissions()).containsExactly("offline.access");
    }

    @Test
    void theTokenEndpointSpeaksXsOAuthErrorShape() throws Exception {
        String code = approvedCode("acmecoffee");
        HttpResponse noBasic = sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/2/oauth2/token"), Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER,
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
        DiscoveredAccount account = authorizer.discover(app, exchange(approvedCode("acmecoffee")), port, clock.get()).get(0);
        Instant later = NOW.plus(Duration.ofHours(3));
        clock.set(Clock.fixed(later, ZoneOffset.UTC));
        RecordingContext context = new RecordingContext(port, clock.get());

        factory.create(context, factory.descriptor().config().resolve(account.config())).check();

        assertThat(context.stored()).hasSize(1);
        assertThat(context.stored().get(0).get("refresh_token")).isNotEqualTo(account.config().get("refresh_token"));
        assertThat(context.expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(later.plusSeconds(7200)), Optional.empty()));
        // The refresh token the account was connected with is spent.
        assertThat(refresh(account.config().get("refresh_token")).status()).isEqualTo(400);
    }
}
