package io.goalpost.plugins.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
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

/** Instagram through Facebook Login, against WireMock stubs in the shapes of Meta's token, debug_token, /me/accounts and IG user answers. */
final class InstagramAuthorizerTest extends FacebookLoginAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-05-20T19:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    InstagramAuthorizerTest() {
        // Page tokens do not expire: no access or refresh lifetime.
        super(new InstagramAuthorizer(), new InstagramAdapterFactory(), CLOCK, ExpectedSpec.of("App ID",
                "instagram_basic", "instagram_manage_insights", "pages_show_list", "pages_read_engagement")
                .withSetupHelpMentioning("Facebook Login", "instagram_manage_insights", "linked to a Facebook Page",
                        "redirect URI"),
                "instagram_manage_insights", "read Instagram insights", "Connect with Instagram again");
    }

    @Test
    void discoversTheAccountsLinkedToThePagesAcrossPagesOfTheList() throws Exception {
        FacebookLoginStubs.stubPageList(page("104857600000001", "Acme Coffee", "EAApage1", "17841400000000101")
                + "," + page("104857600000003", "Acme Careers", "EAApage3", null),
                page("104857600000002", "Acme Outdoor", "EAApage2", "17841400000000202"));
        stubFor(get(urlPathEqualTo("/v25.0/17841400000000101")).withHeader("Authorization", equalTo("Bearer EAApage1"))
                .willReturn(okJson("{\"id\":\"17841400000000101\",\"username\":\"acme.coffee\","
                        + "\"name\":\"Acme Coffee Roasters\"}")));
        stubFor(get(urlPathEqualTo("/v25.0/17841400000000202")).withHeader("Authorization", equalTo("Bearer EAApage2"))
                .willReturn(okJson("{\"id\":\"17841400000000202\",\"username\":\"acme.outdoor\"}")));

        List<DiscoveredAccount> accounts = authorizer.discover(app(), grant(), context.http(), CLOCK);

        assertThat(accounts).extracting(DiscoveredAccount::externalId)
                .containsExactly("17841400000000101", "17841400000000202");
        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Coffee Roasters", "@acme.outdoor");
        assertThat(accounts.get(0).handle()).contains("acme.coffee");
        assertThat(accounts.get(0).note()).contains("Instagram account of the Facebook Page Acme Coffee");
        assertThat(accounts.get(1).note()).contains("Instagram account of the Facebook Page Acme Outdoor");
        assertThat(accounts.get(1).config()).containsOnly(Map.entry("login_type", "facebook_login"),
                Map.entry("ig_user_id", "17841400000000202"), Map.entry("access_token", "EAApage2"),
                Map.entry("api_base_url", baseUrl + "/v25.0"));
        for (DiscoveredAccount account : accounts) {
            assertConnectable(factory, account, "EAApage");
            assertThat(account.accessExpiresAt()).isEmpty();
        }
        FacebookLoginStubs.verifyPageListRequest("id,name,access_token,instagram_business_account");
        verify(getRequestedFor(urlPathEqualTo("/v25.0/17841400000000101")).withQueryParam("fields",
                equalTo("id,username,name")));
    }

    @Test
    void againstTheRealHostsTheConfigurationLetsTheLoginTypePickTheHost() throws Exception {
        List<DiscoveredAccount> accounts = authorizer.discover(appOnRealHosts(), grant(), request -> {
            assertThat(request.uri().toString()).startsWith("https://graph.facebook.com/v25.0/");
            if (request.uri().getPath().endsWith("/me/accounts")) {
                return io.goalpost.plugin.api.HttpResponse.json(200,
                        "{\"data\":[" + page("104857600000001", "Acme Coffee", "EAApage1", "17841400000000101") + "]}");
            }
            return io.goalpost.plugin.api.HttpResponse.json(200,
                    "{\"id\":\"17841400000000101\",\"username\":\"acme.coffee\"}");
        }, CLOCK);
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).config()).doesNotContainKey("api_base_url")
                .containsEntry("login_type", "facebook_login");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static TokenGrant grant() {
        return FacebookLoginStubs.grant(NOW, "instagram_basic", "instagram_manage_insights", "pages_show_list",
                "pages_read_engagement");
    }

    private static String page(String id, String name, String token, String igUserId) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"access_token\":\"" + token + "\""
                + (igUserId == null ? "" : ",\"instagram_business_account\":{\"id\":\"" + igUserId + "\"}") + "}";
    }

}
