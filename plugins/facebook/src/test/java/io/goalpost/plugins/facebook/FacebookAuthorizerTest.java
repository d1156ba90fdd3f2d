package io.goalpost.plugins.facebook;

import static io.goalpost.plugin.testkit.FacebookLoginStubs.APP_ID;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.CODE;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.LONG_TOKEN;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.SECRET;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.assertDeclined;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.stubDebugToken;
import static io.goalpost.plugin.testkit.FacebookLoginStubs.stubExchange;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.goalpost.plugin.testkit.AuthorizerAssertions.assertConnectable;
import static io.goalpost.plugin.testkit.AuthorizerAssertions.assertGrant;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import io.goalpost.plugin.testkit.FacebookLoginStubs;
import io.goalpost.plugin.testkit.WireMockAuthorizerTest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Facebook Login against WireMock stubs in the shapes of Meta's token, debug_token and /me/accounts answers. */
final class FacebookAuthorizerTest extends WireMockAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-05-20T19:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    FacebookAuthorizerTest() {
        // Page tokens do not expire: no access or refresh lifetime.
        super(new FacebookAuthorizer(), new FacebookAdapterFactory(), CLOCK, APP_ID, SECRET, new ExpectedSpec(
                List.of("pages_show_list", "pages_read_engagement", "read_insights"), false, "App ID",
                Optional.empty(), Optional.empty(), false, List.of("Facebook Login", "read_insights", "redirect URI")));
    }

    @Test
    void theLoginDialogAsksForThePluginsPermissions() {
        URI uri = authorizer.authorizeUrl(new AuthorizationRequest(app(), redirect, "s", Optional.empty()));

        assertThat(Urls.queryParams(uri)).containsEntry("scope", "pages_show_list,pages_read_engagement,read_insights");
    }

    @Test
    void aCodeBecomesALongLivedUserTokenWithTheGrantedPermissions() throws AdapterException {
        String[] granted = {"pages_show_list", "pages_read_engagement", "read_insights", "public_profile"};
        stubExchange();
        stubDebugToken(granted);

        // The long-lived token, without refresh token, lasting about 60 days, with every permission granted.
        assertGrant(exchangeCode(CODE), FacebookLoginStubs.grant(NOW, granted));
    }

    @Test
    void aDeclinedPermissionIsNamed() {
        stubExchange();
        stubDebugToken("pages_show_list", "pages_read_engagement", "public_profile");

        assertDeclined(exchangeError(AdapterException.PermissionMissing.class, CODE), "read_insights",
                "read Page Insights", "Connect with Facebook again");
    }

    @Test
    void discoversEveryPageAcrossPagesOfTheListWithTheFormsConfiguration() throws Exception {
        stubFor(get(urlPathEqualTo("/v25.0/me/accounts")).withQueryParam("after", absent()).willReturn(okJson(
                "{\"data\":[" + page("104857600000001", "Acme Coffee", "acmecoffee", "EAApage1")
                        + "," + page("104857600000002", "Acme Outdoor", null, "EAApage2") + "],"
                        + "\"paging\":{\"cursors\":{\"before\":\"QVFIUa\",\"after\":\"QVFIUb\"},"
                        + "\"next\":\"https://graph.facebook.com/v25.0/me/accounts?access_token=" + LONG_TOKEN
                        + "&after=QVFIUb\"}}")));
        stubFor(get(urlPathEqualTo("/v25.0/me/accounts")).withQueryParam("after", equalTo("QVFIUb")).willReturn(okJson(
                "{\"data\":[" + page("104857600000003", "Acme Careers", "acmecareers", "EAApage3")
                        + ",{\"id\":\"104857600000004\",\"name\":\"No token Page\"}],"
                        + "\"paging\":{\"cursors\":{\"before\":\"QVFIUc\",\"after\":\"QVFIUd\"}}}")));

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
        verify(getRequestedFor(urlPathEqualTo("/v25.0/me/accounts"))
                .withHeader("Authorization", equalTo("Bearer " + LONG_TOKEN))
                .withQueryParam("fields", equalTo("id,name,username,access_token"))
                .withQueryParam("access_token", absent()));
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
