package io.goalpost.plugins.pinterest;

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
import io.goalpost.plugins.pinterest.sandbox.PinterestSandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** "Connect with Pinterest" end to end against the sandbox: consent page, code exchange, discovery, renewal. */
final class PinterestSandboxSignInTest {

    private static final String BASE = "http://127.0.0.1:18081";
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/pinterest/callback";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final PinterestSandbox sandbox = new PinterestSandbox();
    private final PinterestAuthorizer authorizer = new PinterestAuthorizer();
    private final PinterestAdapterFactory factory = new PinterestAdapterFactory();
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

    private HttpResponse refresh(String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/v5/oauth/token"),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
                .withHeader("Authorization", "Basic " + basic), clock.get());
    }

    private JsonNode json(HttpResponse response) throws IOException {
        return mapper.readTree(response.body());
    }

    // ---- consent page ---------------------------------------------------------------------------

    @Test
    void theDemoAppIsTheSandboxsAppWithTheSandboxAsBaseUrl() {
        assertThat(app.clientId()).isEqualTo("sandbox-pinterest-client");
        assertThat(app.clientSecret()).isEqualTo("sandbox-pinterest-client-secret");
        assertThat(consentUrl("s").toString()).startsWith(BASE + "/oauth/?").contains("client_id=sandbox-pinterest-client&");
    }

    @Test
    void theConsentPageNamesTheAppTheScopesAndBothAccountsWithApproveAndDeny() {
        HttpResponse page = browser.open(consentUrl("<i>"), Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.bodyText()).contains("Goalpost demo app").contains("user_accounts:read").contains("pins:read")
                .contains("Acme Coffee Roasters").contains("Acme Outdoor Gear").contains(">Approve</button>")
                .contains(">Deny</a>").doesNotContain("<i>").contains("&lt;i&gt;");
    }

    @Test
    void approveYesRedirectsAtOnceWithACodeAndTheState() {
        Map<String, String> back = redirected(browser.open(consentUrl("st-5"), Map.of("approve", "yes")));

        assertThat(back.keySet()).containsExactly("code", "state");
        assertThat(back.get("code")).startsWith("sandbox-pinterest-code-");
    }

    @Test
    void denyingRedirectsWithAccessDeniedAndTheState() {
        Map<String, String> back = redirected(browser.open(consentUrl("st-6"), Map.of("approve", "no")));

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "st-6")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void anUnknownAppOrScopeGetsAnErrorPage() {
        assertThat(browser.open(consentUrl("s"), Map.of("client_id", "other", "approve", "yes")).status()).isEqualTo(400);
        assertThat(browser.open(consentUrl("s"), Map.of("scope", "pins:read,everything", "approve", "yes")).status())
                .isEqualTo(400);
    }

    // ---- exchange, discovery, the adapter ---------------------------------------------------------

    @Test
    void anApprovedSignInConnectsTheChosenAccountWhoseConfigChecksAndFetchesAgainstTheSandbox() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmeoutdoor"), REDIRECT);

        assertThat(grant.accessExpiresAt()).contains(NOW.plusSeconds(2_592_000));
        assertThat(grant.refreshExpiresAt()).contains(NOW.plusSeconds(31_536_000));
        List<DiscoveredAccount> found = authorizer.discover(app, grant, port, clock.get());

        assertThat(found).hasSize(1);
        DiscoveredAccount account = found.get(0);
        assertThat(account.externalId()).isEqualTo("549755885102");
        assertThat(account.name()).isEqualTo("Acme Outdoor Gear");
        assertThat(account.config()).containsEntry("api_base_url", BASE + "/v5")
                .containsEntry("client_id", "sandbox-pinterest-client");
        assertThat(factory.descriptor().config().validate(account.config())).isEmpty();

        NetworkAdapter adapter = factory.create(new RecordingContext(port, clock.get()),
                factory.descriptor().config().resolve(account.config()));
        CheckResult check = adapter.check();
        assertThat(check.identity().handle()).isEqualTo("acmeoutdoor");
        assertThat(check.missingOptionalPermissions()).isEmpty();
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        List<FetchResult> batches = fetchAll(adapter, new DateRange(today.minusDays(20), today));
        assertThat(batches.stream().mapToInt(b -> b.points().size()).sum()).isPositive();
        assertThat(batches.stream().mapToInt(b -> b.posts().size()).sum()).isPositive();
    }

    private static List<FetchResult> fetchAll(NetworkAdapter adapter, DateRange range) throws AdapterException {
        List<FetchResult> all = new ArrayList<>();
        FetchRequest request = FetchRequest.of(range);
        for (int i = 0; i < 200; i++) {
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

        assertThat(e.getMessage()).doesNotContain(code);
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

        assertThat(catchThrowableOfType(AdapterException.AuthExpired.class, () -> exchange(code, REDIRECT + "/other")))
                .hasMessageContaining("redirect_uri does not match");
    }

    @Test
    void aWrongAppSecretIsRefusedAsTheAppsConfiguration() {
        String code = approvedCode("acmecoffee");
        AppCredentials wrong = new AppCredentials(app.clientId(), "wrong-secret-456", app.baseUrl());

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(wrong, code, REDIRECT, Optional.empty()), port, clock.get()));

        assertThat(e.getMessage()).doesNotContain("wrong-secret-456");
    }

    @Test
    void aConsentWithoutPinsReadIsPermissionMissing() {
        Map<String, String> back = redirected(browser.open(consentUrl("s"), Map.of("scope", "user_accounts:read",
                "approve", "yes")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> exchange(back.get("code"), REDIRECT));

        assertThat(e.permissions()).containsExactly("pins:read");
    }

    // ---- renewal ------------------------------------------------------------------------------

    @Test
    void aRefreshIssuesANewAccessTokenAndKeepsTheRefreshTokenAsPinterestDoes() throws Exception {
        TokenGrant grant = exchange(approvedCode("acmecoffee"), REDIRECT);
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
        TokenGrant grant = assertExchange();
        clock.set(Clock.fixed(NOW.plus(Duration.ofDays(365)), ZoneOffset.UTC));

        assertThat(refresh(grant.refreshToken().orElseThrow()).status()).isEqualTo(400);
    }

    private TokenGrant assertExchange() {
        try {
            return exchange(approvedCode("acmecoffee"), REDIRECT);
        } catch (AdapterException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAdapterRenewsAnAccessTokenAfterItsThirtyDaysAndReportsItsLifetime() throws Exception {
        DiscoveredAccount account = authorizer.discover(app, assertExchange(), port, clock.get()).get(0);
        Instant later = NOW.plus(Duration.ofDays(31));
        clock.set(Clock.fixed(later, ZoneOffset.UTC));
        RecordingContext context = new RecordingContext(port, clock.get());

        factory.create(context, factory.descriptor().config().resolve(account.config())).check();

        assertThat(context.stored()).hasSize(1);
        assertThat(context.stored().get(0)).containsOnlyKeys("access_token");
        assertThat(context.expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(later.plusSeconds(2_592_000)), Optional.empty()));
    }
}
