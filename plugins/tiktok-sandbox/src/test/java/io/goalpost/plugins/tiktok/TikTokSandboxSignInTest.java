package io.goalpost.plugins.tiktok;

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
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugins.tiktok.sandbox.TikTokSandbox;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** "Connect with TikTok" end to end against the sandbox: consent page, code exchange, discovery, rotation. */
final class TikTokSandboxSignInTest {

    private static final String BASE = "http://127.0.0.1:18080";
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/tiktok/callback";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final TikTokSandbox sandbox = new TikTokSandbox();
    private final TikTokAuthorizer authorizer = new TikTokAuthorizer();
    private final TikTokAdapterFactory factory = new TikTokAdapterFactory();
    private final AtomicReference<Clock> clock = new AtomicReference<>(Clock.fixed(NOW, ZoneOffset.UTC));
    private final HttpPort port = request -> sandbox.handle(request, clock.get());
    private final AppCredentials app = sandbox.demoApp(BASE).orElseThrow();
    private final ObjectMapper mapper = new ObjectMapper();
    private final SignInBrowser browser = new SignInBrowser(sandbox, clock::get);

    private URI consentUrl(String state) {
        return authorizer.authorizeUrl(new AuthorizationRequest(app, REDIRECT, state, Optional.empty()));
    }

    private static Map<String, String> redirected(HttpResponse response) {
        return SignInBrowser.redirectedBack(response, REDIRECT);
    }

    private String approvedCode(String account) {
        Map<String, String> back = redirected(browser.open(consentUrl("state-1"), Map.of("approve", "yes", "account", account)));
        assertThat(back).containsEntry("state", "state-1");
        return back.get("code");
    }

    private TokenGrant exchange(String code, String redirectUri) throws AdapterException {
        return authorizer.exchange(new CodeExchange(app, code, redirectUri, Optional.empty()), port, clock.get());
    }

    private JsonNode refresh(String refreshToken) throws IOException {
        String body = "{\"client_id\":\"" + app.clientId() + "\",\"client_secret\":\"" + app.clientSecret()
                + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}";
        return mapper.readTree(sandbox.handle(HttpRequest.postJson(URI.create(BASE
                + "/open_api/v1.3/tt_user/oauth2/refresh_token/"), body), clock.get()).body());
    }

    // ---- consent page ---------------------------------------------------------------------------

    @Test
    void theDemoAppIsTheSandboxsAppWithTheSandboxAsBaseUrl() {
        assertThat(app.clientId()).isEqualTo("sandbox-tiktok-app");
        assertThat(app.clientSecret()).isEqualTo("sandbox-tiktok-app-secret");
        assertThat(consentUrl("s").toString()).startsWith(BASE + "/v2/auth/authorize?").contains("client_key=sandbox-tiktok-app&");
    }

    @Test
    void theConsentPageNamesTheAppTheScopesAndBothAccountsWithApproveAndDeny() {
        HttpResponse page = browser.open(consentUrl("<b>"), Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.bodyText()).contains("Goalpost demo app").contains("user.insights").contains("video.insights")
                .contains("@acmecoffee").contains("@acmeoutdoor").contains(">Approve</button>").contains(">Deny</a>")
                .doesNotContain("<b>").contains("&lt;b&gt;");
    }

    @Test
    void approveYesRedirectsAtOnceWithTheCodeAsAuthCodeAndCode() {
        Map<String, String> back = redirected(browser.open(consentUrl("st-7"), Map.of("approve", "yes")));

        assertThat(back.keySet()).containsExactly("auth_code", "code", "state");
        assertThat(back.get("auth_code")).isEqualTo(back.get("code")).startsWith("sandbox-tiktok-code-");
    }

    @Test
    void denyingRedirectsWithAccessDeniedAndTheState() {
        Map<String, String> back = redirected(browser.open(consentUrl("st-8"), Map.of("approve", "no")));

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "st-8")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void anUnknownAppOrScopeGetsAnErrorPage() {
        assertThat(browser.open(consentUrl("s"), Map.of("client_key", "other", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(consentUrl("s"), Map.of("scope", "user.info.basic,ads.manage", "approve", "yes")).status())
                .isEqualTo(400);
    }

    // ---- exchange, discovery, the adapter ---------------------------------------------------------

    @Test
    void anApprovedSignInConnectsTheChosenAccountWhoseConfigChecksAndFetchesAgainstTheSandbox() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmeoutdoor"), REDIRECT);

        assertThat(grant.accessExpiresAt()).contains(NOW.plusSeconds(86_400));
        assertThat(grant.refreshExpiresAt()).contains(NOW.plusSeconds(31_536_000));
        List<DiscoveredAccount> found = authorizer.discover(app, grant, port, clock.get());

        assertThat(found).hasSize(1);
        DiscoveredAccount account = found.get(0);
        assertThat(account.externalId()).isEqualTo("sandbox-openid-acmeoutdoor");
        assertThat(account.name()).isEqualTo("Acme Outdoor Gear");
        assertThat(account.config()).containsEntry("api_base_url", BASE + "/open_api/v1.3")
                .containsEntry("client_id", "sandbox-tiktok-app").containsEntry("business_id", account.externalId());
        assertThat(factory.descriptor().config().validate(account.config())).isEmpty();

        NetworkAdapter adapter = factory.create(new RecordingContext(port, clock.get()),
                factory.descriptor().config().resolve(account.config()));
        CheckResult check = adapter.check();
        assertThat(check.identity().handle()).isEqualTo("acmeoutdoor");
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        DateRange range = new DateRange(today.minusDays(10), today.minusDays(1));
        List<FetchResult> batches = fetchAll(adapter, range);
        assertThat(batches.stream().mapToInt(b -> b.points().size()).sum()).isPositive();
        assertThat(batches.stream().mapToInt(b -> b.posts().size()).sum()).isPositive();
    }

    private static List<FetchResult> fetchAll(NetworkAdapter adapter, DateRange range) throws AdapterException {
        List<FetchResult> all = new ArrayList<>();
        FetchRequest request = FetchRequest.of(range);
        for (int i = 0; i < 100; i++) {
            FetchResult result = adapter.fetch(request);
            all.add(result);
            if (result.next().isEmpty()) {
                return all;
            }
            request = FetchRequest.resume(range, result.next().get());
        }
        throw new AssertionError("no last batch");
    }

    @Test
    void aCodeWorksOnceOnly() throws Exception {
        String code = approvedCode("acmecoffee");
        exchange(code, REDIRECT);

        AdapterException.AuthExpired e = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> exchange(code, REDIRECT));

        assertThat(e.getMessage()).contains("40110").doesNotContain(code);
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        String code = approvedCode("acmecoffee");
        clock.set(Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));

        assertThat(catchThrowableOfType(AdapterException.AuthExpired.class, () -> exchange(code, REDIRECT))).isNotNull();
    }

    @Test
    void anotherRedirectUriThanTheConsentPagesIsRefused() {
        String code = approvedCode("acmecoffee");

        assertThat(catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> exchange(code, REDIRECT + "/other"))).hasMessageContaining("redirect_uri does not match");
    }

    @Test
    void aWrongAppSecretIsRefused() {
        String code = approvedCode("acmecoffee");
        AppCredentials wrong = new AppCredentials(app.clientId(), "wrong-secret-123", app.baseUrl());

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(wrong, code, REDIRECT, Optional.empty()), port, clock.get()));

        assertThat(e.getMessage()).contains("40101").doesNotContain("wrong-secret-123");
    }

    @Test
    void aConsentForFewerScopesIsPermissionMissing() {
        Map<String, String> back = redirected(browser.open(consentUrl("s"), Map.of("scope", "user.info.basic,video.list",
                "approve", "yes")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> exchange(back.get("code"), REDIRECT));

        assertThat(e.permissions()).containsExactlyInAnyOrder("user.insights", "video.insights");
    }

    // ---- rotation -----------------------------------------------------------------------------

    @Test
    void eachRefreshRotatesThePairAndVoidsTheOldRefreshToken() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmecoffee"), REDIRECT);
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
        DiscoveredAccount account = authorizer.discover(app, exchange(approvedCode("acmecoffee"), REDIRECT), port,
                clock.get()).get(0);
        Instant later = NOW.plus(Duration.ofHours(25));
        clock.set(Clock.fixed(later, ZoneOffset.UTC));
        RecordingContext context = new RecordingContext(port, clock.get());

        factory.create(context, factory.descriptor().config().resolve(account.config())).check();

        assertThat(context.stored()).hasSize(1);
        assertThat(context.stored().get(0).get("refresh_token")).isNotEqualTo(account.config().get("refresh_token"));
        assertThat(context.expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(later.plusSeconds(86_400)), Optional.of(later.plusSeconds(31_536_000))));
        assertThat(refresh(account.config().get("refresh_token")).path("code").asInt()).isEqualTo(40105);
    }
}
