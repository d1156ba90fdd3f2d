package io.goalpost.plugins.linkedin.sandbox;

import io.goalpost.plugin.sandbox.SignInBrowser;
import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.CredentialsPort;
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
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.linkedin.LinkedInAdapterFactory;
import io.goalpost.plugins.linkedin.LinkedInAuthorizer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's LinkedIn sign-in, driven by the real authorizer and then the real adapter. */
final class LinkedInSandboxLoginTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/linkedin/callback";

    private final LinkedInSandbox sandbox = new LinkedInSandbox();
    private final LinkedInAuthorizer authorizer = new LinkedInAuthorizer();
    private final LinkedInAdapterFactory factory = new LinkedInAdapterFactory();
    private final SandboxHttpPort http = new SandboxHttpPort(sandbox, CLOCK);
    private final SignInBrowser browser = new SignInBrowser(sandbox, CLOCK);
    private final AppCredentials app = sandbox.demoApp(SandboxHttpPort.BASE_URL + "/").orElseThrow();

    @Test
    void theDemoAppPointsAtTheSandbox() {
        assertThat(app.clientId()).isEqualTo("sandbox-linkedin-client");
        assertThat(app.clientSecret()).isEqualTo("sandbox-linkedin-client-secret");
        assertThat(app.baseUrl()).contains(SandboxHttpPort.BASE_URL);
    }

    @Test
    void theAuthorizationPageShowsTheAppTheScopesAndApproveAndDeny() {
        HttpResponse page = browser.open(authorizeUrl("s1"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.bodyText()).contains("Goalpost (sandbox app)").contains("rw_organization_admin")
                .contains("r_organization_social").contains("Approve").contains(">Deny<");
    }

    @Test
    void approveYesRedirectsWithACodeAndDenyWithAccessDenied() {
        Map<String, String> approved = back(authorizeUrl("st ate&1") + "&approve=yes");
        assertThat(approved).containsEntry("state", "st ate&1").containsKey("code");

        Map<String, String> denied = back(authorizeUrl("s2") + "&approve=no");
        assertThat(denied).containsEntry("error", "access_denied").containsEntry("state", "s2")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void signingInDiscoversBothPagesWhoseConfigurationChecksFetchesAndRefreshes() throws Exception {
        TokenGrant grant = authorizer.exchange(new CodeExchange(app, approve("s3"), REDIRECT, Optional.empty()),
                http, CLOCK);
        assertThat(grant.refreshToken()).isPresent();
        assertThat(grant.accessExpiresAt()).contains(NOW.plusSeconds(5_183_999));

        List<DiscoveredAccount> accounts = authorizer.discover(app, grant, http, CLOCK);

        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Corp", "Acme Careers");
        assertThat(accounts).extracting(DiscoveredAccount::externalId).containsExactly("urn:li:organization:90000001",
                "urn:li:organization:90000002");
        for (DiscoveredAccount account : accounts) {
            assertThat(factory.descriptor().config().validate(account.config())).isEmpty();
            ConfigValues values = factory.descriptor().config().resolve(account.config());
            try (NetworkAdapter adapter = factory.create(new TestAdapterContext(http, CLOCK), values)) {
                CheckResult check = adapter.check();
                assertThat(check.identity().externalId()).isEqualTo(account.externalId());
                DateRange week = new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7));
                FetchResult result = adapter.fetch(FetchRequest.of(week));
                assertThat(result.points()).isNotEmpty();
            }
        }

        // 61 days later the access token has lapsed: the adapter refreshes it with the discovered refresh token
        // and tells the host when the new tokens lapse.
        Clock later = Clock.fixed(NOW.plus(java.time.Duration.ofDays(61)), ZoneOffset.UTC);
        List<Map<String, String>> stored = new ArrayList<>();
        List<List<Optional<Instant>>> expiries = new ArrayList<>();
        AdapterContext host = new AdapterContext() {
            @Override
            public HttpPort http() {
                return new SandboxHttpPort(sandbox, later);
            }

            @Override
            public Clock clock() {
                return later;
            }

            @Override
            public CredentialsPort credentials() {
                return new CredentialsPort() {
                    @Override
                    public void store(Map<String, String> updated) {
                        stored.add(updated);
                    }

                    @Override
                    public void expires(Optional<Instant> access, Optional<Instant> refresh) {
                        expiries.add(List.of(access, refresh));
                    }
                };
            }
        };
        try (NetworkAdapter adapter = factory.create(host,
                factory.descriptor().config().resolve(accounts.get(0).config()))) {
            assertThat(adapter.check().identity().displayName()).isEqualTo("Acme Corp");
        }
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("access_token")).isNotEqualTo(grant.accessToken());
        assertThat(expiries).hasSize(1);
        assertThat(expiries.get(0).get(1)).as("the refresh token keeps its 365 days from the consent")
                .contains(LocalDate.of(2026, 11, 20).plusDays(365).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void theAclListPagesWhenAskedForFewer() throws AdapterException {
        String token = authorizer.exchange(new CodeExchange(app, approve("s4"), REDIRECT, Optional.empty()), http, CLOCK)
                .accessToken();
        HttpResponse first = rest("/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0"
                + "&count=1", token);
        assertThat(first.bodyText()).contains("urn:li:organization:90000001").doesNotContain("90000002")
                .contains("\"rel\":\"next\"");
        HttpResponse second = rest("/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=1"
                + "&count=1", token);
        assertThat(second.bodyText()).contains("urn:li:organization:90000002").doesNotContain("\"rel\":\"next\"");
    }

    @Test
    void aCodeWorksOnceOnlyAndOnlyWithTheRightSecretAndRedirectUri() throws AdapterException {
        String code = approve("s5");
        AppCredentials wrongSecret = new AppCredentials(app.clientId(), "wrong-secret", app.baseUrl());

        AdapterException.ConfigInvalid secret = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(wrongSecret, code, REDIRECT, Optional.empty()), http, CLOCK));
        assertThat(secret).hasMessageContaining("Client Secret").hasMessageNotContaining("wrong-secret");

        AdapterException.ConfigInvalid redirect = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT + "/other", Optional.empty()), http,
                        CLOCK));
        assertThat(redirect).hasMessageContaining("redirect URI");

        authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()), http, CLOCK);
        AdapterException.AuthExpired used = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()), http, CLOCK));
        assertThat(used).hasMessageNotContaining(code);
    }

    @Test
    void aDeclinedScopeFailsTheExchangeNamingIt() {
        String code = back(authorizeUrl("s6") + "&approve=yes&decline=rw_organization_admin").get("code");

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> authorizer.exchange(new CodeExchange(app, code, REDIRECT, Optional.empty()), http, CLOCK));

        assertThat(e.permissions()).containsExactly("rw_organization_admin");
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

    private HttpResponse rest(String pathAndQuery, String token) {
        return sandbox.handle(HttpRequest.get(URI.create(SandboxHttpPort.BASE_URL + pathAndQuery))
                .withHeader("Authorization", "Bearer " + token).withHeader("LinkedIn-Version", "202606")
                .withHeader("X-Restli-Protocol-Version", "2.0.0"), CLOCK);
    }
}
