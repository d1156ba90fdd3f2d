package io.goalpost.plugins.instagram.sandbox;

import java.util.Set;
import io.goalpost.plugin.testkit.SandboxConsentPageTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.instagram.InstagramAdapterFactory;
import io.goalpost.plugins.instagram.InstagramAuthorizer;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's Facebook Login for Instagram, driven by the real authorizer and then the real adapter. */
final class InstagramSandboxLoginTest extends SandboxConsentPageTest {

    private static final Instant NOW = Instant.parse("2026-09-15T18:00:00Z");
    private static final String BASE_URL = "http://127.0.0.1:18081";

    InstagramSandboxLoginTest() {
        super(new InstagramSandbox(), new InstagramAuthorizer(), new InstagramAdapterFactory(), BASE_URL + "/", NOW,
                new Refusals(SandboxLogin.CODE_LIFETIME.plusSeconds(1), Map.of("decline", "instagram_manage_insights"),
                        Set.of("instagram_manage_insights"), AdapterException.ConfigInvalid.class, "redirect URI",
                        "App secret", ""),
                new ConsentPage("client_id", "sandbox-instagram-app", "sandbox-instagram-app-secret",
                        "/v25.0/dialog/oauth", List.of("Goalpost (sandbox app)", "pages_show_list", "pages_read_engagement",
                                "instagram_manage_insights", "approve=yes", "approve=no"), List.of("code", "state"),
                        "sandbox-instagram-code-", "Invalid App ID"));
    }

    @Test
    void signingInDiscoversThreePagesWhoseConfigurationChecksAndFetches() throws Exception {
        TokenGrant grant = exchange(approved("s3"));
        assertThat(grant.accessExpiresAt()).contains(NOW.plus(SandboxLogin.LONG_LIVED));
        assertThat(grant.grantedScopes()).contains("instagram_basic", "instagram_manage_insights", "pages_show_list",
                "pages_read_engagement");

        List<DiscoveredAccount> accounts = discover(grant);

        assertThat(accounts).extracting(DiscoveredAccount::handle).containsExactly(Optional.of("acme.coffee"),
                Optional.of("acme.outdoor"), Optional.of("acme.bakery"));
        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Coffee Roasters",
                "Acme Outdoor Gear", "Acme Corner Bakery");
        assertThat(accounts.get(1).note()).contains("Instagram account of the Facebook Page Acme Outdoor");
        DateRange week = new DateRange(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 7));
        for (DiscoveredAccount account : accounts) {
            assertThat(account.config()).containsEntry("login_type", "facebook_login");
            TestAdapterContext context = new TestAdapterContext(port, clock.get());
            checksAndReads(account, week, context);
            assertThat(context.storedCredentials()).as("a Page token is never refreshed").isEmpty();
        }
    }

    @Test
    void aPageTokenCannotBeRefreshedLikeAnInstagramLoginToken() {
        HttpResponse answer = sandbox.handle(HttpRequest.get(URI.create(BASE_URL
                + "/refresh_access_token?grant_type=ig_refresh_token&access_token=sandbox-instagram-page-104857600000001")),
                clock.get());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.bodyText()).contains("\"code\":190");
    }

    @Test
    void theSandboxPagesThroughThePagesListWhenAskedForFewer() {
        String token = longLivedToken("s4");
        HttpResponse first = get("/v25.0/me/accounts?fields=id,name,access_token&limit=2", token);
        assertThat(first.bodyText()).contains("104857600000001").contains("104857600000002")
                .doesNotContain("104857600000003").contains("\"next\"");
        assertThat(get("/v25.0/me/accounts?fields=id,instagram_business_account%7Bid,username%7D", token).bodyText())
                .contains("\"username\":\"acme.outdoor\"");
        String after = first.bodyText().replaceAll(".*\"after\":\"([^\"]+)\".*", "$1");
        HttpResponse second = get("/v25.0/me/accounts?fields=id,name,access_token&limit=2&after=" + after, token);
        assertThat(second.bodyText()).contains("104857600000003").contains("104857600000004")
                .doesNotContain("\"next\"");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String longLivedToken(String state) {
        return exchanged(approved(state)).accessToken();
    }

    private HttpResponse get(String pathAndQuery, String token) {
        return browser.get(BASE_URL + pathAndQuery, token);
    }
}
