package io.goalpost.plugins.facebook.sandbox;

import io.goalpost.plugin.sandbox.SignInBrowser;
import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.facebook.FacebookAdapterFactory;
import io.goalpost.plugins.facebook.FacebookAuthorizer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's Facebook Login, driven by the real authorizer and then the real adapter. */
final class FacebookSandboxLoginTest {

    private static final Instant NOW = Instant.parse("2026-09-15T18:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/facebook/callback";

    private final FacebookSandbox sandbox = new FacebookSandbox();
    private final FacebookAuthorizer authorizer = new FacebookAuthorizer();
    private final FacebookAdapterFactory factory = new FacebookAdapterFactory();
    private final SandboxHttpPort http = new SandboxHttpPort(sandbox, CLOCK);
    private final SignInBrowser browser = new SignInBrowser(sandbox, CLOCK);
    private final AppCredentials app = sandbox.demoApp(SandboxHttpPort.BASE_URL + "/").orElseThrow();

    @Test
    void theDemoAppPointsAtTheSandbox() {
        assertThat(app.clientId()).isEqualTo("sandbox-facebook-app");
        assertThat(app.clientSecret()).isEqualTo("sandbox-facebook-app-secret");
        assertThat(app.baseUrl()).contains(SandboxHttpPort.BASE_URL);
    }

    @Test
    void theDialogShowsTheAppTheScopesAndApproveAndDeny() {
        HttpResponse page = browser.open(authorizeUrl("s1"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.bodyText()).contains("Goalpost (sandbox app)").contains("pages_show_list")
                .contains("pages_read_engagement").contains("read_insights").contains("Approve").contains(">Deny<")
                .contains("approve=yes").contains("approve=no");
    }

    @Test
    void approveYesRedirectsAtOnceWithACodeAndTheState() {
        HttpResponse answer = browser.open(authorizeUrl("state with spaces&more") + "&approve=yes");

        assertThat(answer.status()).isEqualTo(302);
        URI location = URI.create(answer.header("Location"));
        assertThat(location.toString()).startsWith(REDIRECT + "?");
        assertThat(Urls.queryParams(location)).containsEntry("state", "state with spaces&more")
                .containsKey("code");
    }

    @Test
    void denyingRedirectsWithAccessDenied() {
        HttpResponse answer = browser.open(authorizeUrl("s2") + "&approve=no");

        assertThat(answer.status()).isEqualTo(302);
        Map<String, String> q = Urls.queryParams(URI.create(answer.header("Location")));
        assertThat(q).containsEntry("error", "access_denied").containsEntry("state", "s2")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void anUnknownAppIdGetsAnErrorPageNotARedirect() {
        URI uri = authorizer.authorizeUrl(new AuthorizationRequest(new AppCredentials("someone-else", "x",
                Optional.of(SandboxHttpPort.BASE_URL)), REDIRECT, "s", Optional.empty()));
        HttpResponse answer = browser.open(uri + "&approve=yes");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.bodyText()).contains("Invalid App ID");
    }

    @Test
    void signingInDiscoversFourPagesWhoseConfigurationChecksAndFetches() throws Exception {
        TokenGrant grant = authorizer.exchange(new CodeExchange(app, approve("s3"), REDIRECT, Optional.empty()),
                http, CLOCK);
        assertThat(grant.accessExpiresAt()).contains(NOW.plus(SandboxLogin.LONG_LIVED));
        assertThat(grant.grantedScopes()).contains("pages_show_list", "pages_read_engagement", "read_insights");

        List<DiscoveredAccount> accounts = authorizer.discover(app, grant, http, CLOCK);

        // The three demo Pages, and the one the demo connects with a revoked token (reconnected through the sign-in).
        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Coffee", "Acme Outdoor",
                "Acme Careers", "Acme Legacy Page");
        for (DiscoveredAccount account : accounts) {
            assertThat(factory.descriptor().config().validate(account.config())).isEmpty();
            ConfigValues values = factory.descriptor().config().resolve(account.config());
            try (NetworkAdapter adapter = factory.create(new TestAdapterContext(http, CLOCK), values)) {
                CheckResult check = adapter.check();
                assertThat(check.identity().externalId()).isEqualTo(account.externalId());
                assertThat(check.identity().displayName()).isEqualTo(account.name());
                DateRange week = new DateRange(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 7));
                FetchResult result = adapter.fetch(FetchRequest.of(week));
                assertThat(result.points()).isNotEmpty();
            }
        }
    }

    @Test
    void theSandboxPagesThroughThePagesListWhenAskedForFewer() {
        String token = longLivedToken("s4");
        HttpResponse first = get("/v25.0/me/accounts?fields=id,name,access_token&limit=2", token);
        assertThat(first.bodyText()).contains("104857600000001").contains("104857600000002")
                .doesNotContain("104857600000003").contains("\"next\"");
        String after = first.bodyText().replaceAll(".*\"after\":\"([^\"]+)\".*", "$1");
        HttpResponse second = get("/v25.0/me/accounts?fields=id,name,access_token&limit=2&after=" + after, token);
        assertThat(second.bodyText()).contains("104857600000003").doesNotContain("\"next\"");
    }

    @Test
    void aCodeWorksOnceOnlyAndOnlyWithTheRightSecretAndRedirectUri() throws AdapterException {
        String code = approve("s5");
        AppCredentials wrongSecret = new AppCredentials(app.clientId(), "wrong-secret", app.baseUrl());

        AdapterException.ConfigInvalid secret = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(wrongSecret, code, REDIRECT, Optional.empty()), http, CLOCK));
        assertThat(secret).hasMessageContaining("App secret").hasMessageNotContaining("wrong-secret");

        AdapterException.ConfigInvalid redirect = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT + "/other", Optional.empty()), http,
                        CLOCK));
        assertThat(redirect).hasMessageContaining("redirect URI");

        authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()), http, CLOCK);
        AdapterException.AuthExpired used = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()), http, CLOCK));
        assertThat(used).hasMessageNotContaining(code);

        assertThat(catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, "never-issued", REDIRECT, Optional.empty()), http,
                        CLOCK))).isNotNull();
    }

    @Test
    void aDeclinedPermissionFailsTheExchangeNamingIt() {
        String code = back(authorizeUrl("s6") + "&approve=yes&decline=read_insights").get("code");

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()), http, CLOCK));

        assertThat(e.permissions()).containsExactly("read_insights");
    }

    @Test
    void anExpiredCodeIsRefused() {
        String code = approve("s7");
        Clock later = Clock.fixed(NOW.plus(SandboxLogin.CODE_LIFETIME).plusSeconds(1), ZoneOffset.UTC);
        assertThat(catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()),
                        new SandboxHttpPort(sandbox, later), later))).isNotNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The parameters of the redirect back to Goalpost after opening {@code url}. */
    private Map<String, String> back(String url) {
        return SignInBrowser.redirectedBack(browser.open(url), REDIRECT);
    }

    private String authorizeUrl(String state) {
        return authorizer.authorizeUrl(new AuthorizationRequest(app, REDIRECT, state, Optional.empty())).toString();
    }

    private String approve(String state) {
        return back(authorizeUrl(state) + "&approve=yes").get("code");
    }

    private String longLivedToken(String state) {
        try {
            return authorizer.exchange(new CodeExchange(app, approve(state), REDIRECT, Optional.empty()), http, CLOCK)
                    .accessToken();
        } catch (AdapterException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse get(String pathAndQuery, String token) {
        return browser.get(SandboxHttpPort.BASE_URL + pathAndQuery, token);
    }
}
