package io.goalpost.plugins.linkedin.sandbox;

import java.util.Set;
import io.goalpost.plugin.testkit.RecordingContext;
import io.goalpost.plugin.testkit.SandboxConsentPageTest;
import java.time.Duration;
import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.linkedin.LinkedInAdapterFactory;
import io.goalpost.plugins.linkedin.LinkedInAuthorizer;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's LinkedIn sign-in, driven by the real authorizer and then the real adapter. */
final class LinkedInSandboxLoginTest extends SandboxConsentPageTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");

    LinkedInSandboxLoginTest() {
        super(new LinkedInSandbox(), new LinkedInAuthorizer(), new LinkedInAdapterFactory(), SandboxHttpPort.BASE_URL + "/", NOW,
                new Refusals(SandboxLogin.CODE_LIFETIME.plusSeconds(1), Map.of("decline", "rw_organization_admin"),
                        Set.of("rw_organization_admin"), AdapterException.ConfigInvalid.class, "redirect URI",
                        "Client Secret", ""),
                new ConsentPage("client_id", "sandbox-linkedin-client", "sandbox-linkedin-client-secret",
                        "/oauth/v2/authorization", List.of("Goalpost (sandbox app)", "rw_organization_admin",
                                "r_organization_social"), List.of("code", "state"), "sandbox-linkedin-code-",
                        "The passed in client_id is invalid."));
    }

    @Test
    void signingInDiscoversBothPagesWhoseConfigurationChecksFetchesAndRefreshes() throws Exception {
        TokenGrant grant = exchange(approved("s3"));
        assertThat(grant.refreshToken()).isPresent();
        assertThat(grant.accessExpiresAt()).contains(NOW.plusSeconds(5_183_999));

        List<DiscoveredAccount> accounts = discover(grant);

        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Corp", "Acme Careers");
        assertThat(accounts).extracting(DiscoveredAccount::externalId).containsExactly("urn:li:organization:90000001",
                "urn:li:organization:90000002");
        DateRange week = new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7));
        for (DiscoveredAccount account : accounts) {
            checksAndReads(account, week, new TestAdapterContext(port, clock.get()));
        }

        // 61 days later the access token has lapsed: the adapter refreshes it with the discovered refresh token
        // and tells the host when the new tokens lapse.
        advance(Duration.ofDays(61));
        RecordingContext host = recording();
        try (NetworkAdapter adapter = adapter(host, accounts.get(0))) {
            assertThat(adapter.check().identity().displayName()).isEqualTo("Acme Corp");
        }
        assertThat(host.stored()).hasSize(1);
        assertThat(host.stored().get(0).get("access_token")).isNotEqualTo(grant.accessToken());
        assertThat(host.expiries()).hasSize(1);
        assertThat(host.expiries().get(0).refreshExpiresAt()).as("the refresh token keeps its 365 days from the consent")
                .contains(LocalDate.of(2026, 11, 20).plusDays(365).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void theAclListPagesWhenAskedForFewer() throws AdapterException {
        String token = exchange(approved("s4")).accessToken();
        HttpResponse first = rest("/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0"
                + "&count=1", token);
        assertThat(first.bodyText()).contains("urn:li:organization:90000001").doesNotContain("90000002")
                .contains("\"rel\":\"next\"");
        HttpResponse second = rest("/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=1"
                + "&count=1", token);
        assertThat(second.bodyText()).contains("urn:li:organization:90000002").doesNotContain("\"rel\":\"next\"");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private HttpResponse rest(String pathAndQuery, String token) {
        return sandbox.handle(HttpRequest.get(URI.create(SandboxHttpPort.BASE_URL + pathAndQuery))
                .withHeader("Authorization", "Bearer " + token).withHeader("LinkedIn-Version", "202606")
                .withHeader("X-Restli-Protocol-Version", "2.0.0"), clock.get());
    }
}
