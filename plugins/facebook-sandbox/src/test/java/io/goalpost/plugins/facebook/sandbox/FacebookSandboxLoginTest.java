package io.goalpost.plugins.facebook.sandbox;

import java.util.Set;
import io.goalpost.plugin.testkit.SandboxConsentPageTest;
import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.facebook.FacebookAdapterFactory;
import io.goalpost.plugins.facebook.FacebookAuthorizer;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's Facebook Login, driven by the real authorizer and then the real adapter. */
final class FacebookSandboxLoginTest extends SandboxConsentPageTest {

    private static final Instant NOW = Instant.parse("2026-09-15T18:00:00Z");

    FacebookSandboxLoginTest() {
        super(new FacebookSandbox(), new FacebookAuthorizer(), new FacebookAdapterFactory(), SandboxHttpPort.BASE_URL + "/", NOW,
                new Refusals(SandboxLogin.CODE_LIFETIME.plusSeconds(1), Map.of("decline", "read_insights"),
                        Set.of("read_insights"), AdapterException.ConfigInvalid.class, "redirect URI", "App secret", ""),
                new ConsentPage("client_id", "sandbox-facebook-app", "sandbox-facebook-app-secret", "/v25.0/dialog/oauth",
                        List.of("Goalpost (sandbox app)", "pages_show_list", "pages_read_engagement", "read_insights",
                                "approve=yes", "approve=no"), List.of("code", "state"), "sandbox-facebook-code-",
                        "Invalid App ID"));
    }

    @Test
    void signingInDiscoversFourPagesWhoseConfigurationChecksAndFetches() throws Exception {
        TokenGrant grant = exchange(approved("s3"));
        assertThat(grant.accessExpiresAt()).contains(NOW.plus(SandboxLogin.LONG_LIVED));
        assertThat(grant.grantedScopes()).contains("pages_show_list", "pages_read_engagement", "read_insights");

        List<DiscoveredAccount> accounts = discover(grant);

        // The three demo Pages, and the one the demo connects with a revoked token (reconnected through the sign-in).
        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Coffee", "Acme Outdoor",
                "Acme Careers", "Acme Legacy Page");
        DateRange week = new DateRange(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 7));
        for (DiscoveredAccount account : accounts) {
            CheckResult check = checksAndReads(account, week, new TestAdapterContext(port, clock.get()));
            assertThat(check.identity().displayName()).isEqualTo(account.name());
        }
    }

    // The paging of /me/accounts is SimulatedFacebookLogin's, which plugin-sandbox-api's
    // SimulatedFacebookLoginTest checks with these Pages' ids; this sandbox only lists its Pages there.
}
