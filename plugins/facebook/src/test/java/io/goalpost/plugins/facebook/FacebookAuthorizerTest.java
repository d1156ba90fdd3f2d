package io.goalpost.plugins.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.goalpost.plugin.testkit.AuthorizerAssertions.assertConnectable;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import io.goalpost.plugin.testkit.FacebookLoginStubs;
import io.goalpost.plugin.testkit.FacebookLoginAuthorizerTest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facebook Login against WireMock stubs in the shapes of Meta's token, debug_token and /me/accounts answers. */
final class FacebookAuthorizerTest extends FacebookLoginAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-05-20T19:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    FacebookAuthorizerTest() {
        // Page tokens do not expire: no access or refresh lifetime.
        super(new FacebookAuthorizer(), new FacebookAdapterFactory(), CLOCK, ExpectedSpec.of("App ID",
                "pages_show_list", "pages_read_engagement", "read_insights")
                .withSetupHelpMentioning("Facebook Login", "read_insights", "redirect URI"),
                "read_insights", "read Page Insights", "Connect with Facebook again");
    }

    @Test
    void discoversEveryPageAcrossPagesOfTheListWithTheFormsConfiguration() throws Exception {
        FacebookLoginStubs.stubPageList(page("104857600000001", "Acme Coffee", "acmecoffee", "EAApage1")
                + "," + page("104857600000002", "Acme Outdoor", null, "EAApage2"),
                page("104857600000003", "Acme Careers", "acmecareers", "EAApage3")
                        + ",{\"id\":\"104857600000004\",\"name\":\"No token Page\"}");

        List<DiscoveredAccount> accounts = authorizer.discover(app(), grant(), context.http(), CLOCK);

        assertThat(accounts).extracting(DiscoveredAccount::externalId)
                .containsExactly("104857600000001", "104857600000002", "104857600000003");
        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Coffee", "Acme Outdoor",
                "Acme Careers");
        assertThat(accounts.get(0).handle()).contains("acmecoffee");
        assertThat(accounts.get(1).handle()).isEmpty();
        assertThat(accounts.get(2).config()).containsOnly(Map.entry("page_id", "104857600000003"),
                Map.entry("page_access_token", "EAApage3"), Map.entry("api_base_url", baseUrl + "/v25.0"));
        for (DiscoveredAccount account : accounts) {
            assertConnectable(factory, account, "EAApage");
            assertThat(account.accessExpiresAt()).isEmpty();
        }
        FacebookLoginStubs.verifyPageListRequest("id,name,username,access_token");
    }

    @Test
    void againstTheRealHostsTheConfigurationKeepsTheDefaultApiBaseUrl() throws Exception {
        // No stand-in: only the config's shape is checked, with a port that answers like graph.facebook.com.
        List<DiscoveredAccount> accounts = authorizer.discover(appOnRealHosts(), grant(), request -> {
            assertThat(request.uri().toString()).startsWith("https://graph.facebook.com/v25.0/me/accounts?");
            return io.goalpost.plugin.api.HttpResponse.json(200,
                    "{\"data\":[" + page("104857600000001", "Acme Coffee", "acmecoffee", "EAApage1") + "]}");
        }, CLOCK);
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).config()).doesNotContainKey("api_base_url");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static TokenGrant grant() {
        return FacebookLoginStubs.grant(NOW, "pages_show_list", "pages_read_engagement", "read_insights");
    }

    private static String page(String id, String name, String username, String token) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\","
                + (username == null ? "" : "\"username\":\"" + username + "\",")
                + "\"access_token\":\"" + token + "\",\"category\":\"Brand\"}";
    }

}
