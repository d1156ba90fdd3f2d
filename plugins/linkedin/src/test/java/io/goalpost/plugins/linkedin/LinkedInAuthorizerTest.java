package io.goalpost.plugins.linkedin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.AuthorizerAssertions;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import io.goalpost.plugin.testkit.WireMockAuthorizerTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LinkedIn's 3-legged OAuth and organizationAcls discovery against WireMock stubs in LinkedIn's shapes. */
final class LinkedInAuthorizerTest extends WireMockAuthorizerTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CLIENT_ID = "86abcdefgh1234";
    private static final String SECRET = "client-secret-not-a-real-one-0123";
    private static final String ACLS = "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED";

    LinkedInAuthorizerTest() {
        super(new LinkedInAuthorizer(), new LinkedInAdapterFactory(), CLOCK, CLIENT_ID, SECRET, ExpectedSpec.of("Client ID",
                "rw_organization_admin", "r_organization_social").withAccessTokenLifetime(Duration.ofDays(60))
                .withRefreshTokenLifetime(Duration.ofDays(365))
                .withSetupHelpMentioning("Community Management API", "redirect URI"));
    }

    @Test
    void theAuthorizeUrlCarriesEveryParameterEncodedAndSpaceSeparatedScopes() {
        String redirect = this.redirect + "?tenant=a b";
        String state = "s+t/a=te&x";
        URI uri = authorizer.authorizeUrl(new AuthorizationRequest(appOnRealHosts(), redirect, state, Optional.empty()));

        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath())
                .isEqualTo("https://www.linkedin.com/oauth/v2/authorization");
        assertThat(Urls.queryParams(uri)).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", redirect).containsEntry("state", state)
                .containsEntry("scope", "rw_organization_admin r_organization_social");
        assertThat(uri.getRawQuery()).doesNotContain(" ").contains("scope=rw_organization_admin%20r_organization_social");
        assertThat(uri.toString()).doesNotContain(SECRET);
    }

    @Test
    void aCodeBecomesTokensWithTheirLifetimes() throws AdapterException {
        stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(okJson(tokenAnswer(true,
                "r_organization_social,rw_organization_admin"))));

        // Both tokens with the lifetimes LinkedIn answered (60 and 365 days, less a second) and the scopes.
        AuthorizerAssertions.assertGrant(exchangeCode(CODE), grant(true));
        verify(formPost("/oauth/v2/accessToken", "grant_type=authorization_code", "code=" + CODE,
                "redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Flinkedin%2Fcallback",
                "client_id=" + CLIENT_ID, "client_secret=" + SECRET));
    }

    @Test
    void aCodeWithoutRefreshTokenGivesOnlyTheAccessTokensLifetime() throws AdapterException {
        stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(okJson(tokenAnswer(false,
                "r_organization_social,rw_organization_admin"))));

        TokenGrant grant = exchangeCode(CODE);

        assertThat(grant.refreshToken()).isEmpty();
        assertThat(grant.refreshExpiresAt()).isEmpty();
    }

    @Test
    void aUsedOrExpiredCodeAsksToSignInAgain() {
        stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_request\","
                        + "\"error_description\":\"Unable to retrieve access token: appid/redirect uri/code verifier "
                        + "does not match authorization code. Or authorization code expired.\"}")));

        AdapterException.AuthExpired e = exchangeError(AdapterException.AuthExpired.class, CODE);

        assertThat(e).hasMessageContaining("already used or has expired").hasMessageContaining(redirect)
                .hasMessageContaining("Connect with LinkedIn again");
        assertNoSecretIn(e);
    }

    @Test
    void aWrongClientSecretIsAConfigurationProblem() {
        stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

        AdapterException.ConfigInvalid e = exchangeError(AdapterException.ConfigInvalid.class, CODE);

        assertThat(e).hasMessageContaining("Client ID or Client Secret");
        assertNoSecretIn(e);
    }

    @Test
    void aMissingScopeIsNamed() {
        stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(okJson(tokenAnswer(true,
                "r_organization_social"))));

        AdapterException.PermissionMissing e = exchangeError(AdapterException.PermissionMissing.class, CODE);

        assertThat(e.permissions()).containsExactly("rw_organization_admin");
        assertThat(e).hasMessageContaining("rw_organization_admin").hasMessageContaining("statistics");
        assertNoSecretIn(e);
    }

    @Test
    void aThrottledExchangeIsRateLimited() {
        stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(aResponse().withStatus(429)));

        AdapterException.RateLimited e = exchangeError(AdapterException.RateLimited.class, CODE);

        assertThat(e.retryAt()).isEqualTo(NOW.plus(LinkedInErrors.THROTTLE_BACKOFF));
    }

    @Test
    void discoversThePagesTheMemberAdministersAcrossPagesOfTheList() throws Exception {
        stubFor(get(urlEqualTo(ACLS + "&start=0&count=100")).willReturn(okJson("{\"paging\":{\"start\":0,\"count\":100,"
                + "\"links\":[{\"rel\":\"next\",\"type\":\"application/json\",\"href\":\"" + ACLS.replace("/rest", "/rest")
                + "&start=2&count=100\"}]},\"elements\":[" + acl("2414183") + "," + acl("5515715") + "]}")));
        stubFor(get(urlEqualTo(ACLS + "&start=2&count=100")).willReturn(okJson("{\"paging\":{\"start\":2,\"count\":100,"
                + "\"links\":[]},\"elements\":[" + acl("7777777") + "]}")));
        stubOrganization("2414183", "Acme Corp", "acme-corp");
        stubOrganization("5515715", "Acme Careers", "acme-careers");
        stubOrganization("7777777", "Acme Labs", "acme-labs");

        List<DiscoveredAccount> accounts = authorizer.discover(app(), grant(true), context.http(), CLOCK);

        assertThat(accounts).extracting(DiscoveredAccount::externalId).containsExactly("urn:li:organization:2414183",
                "urn:li:organization:5515715", "urn:li:organization:7777777");
        assertThat(accounts).extracting(DiscoveredAccount::name).containsExactly("Acme Corp", "Acme Careers", "Acme Labs");
        assertThat(accounts.get(0).handle()).contains("acme-corp");
        assertThat(accounts.get(0).accessExpiresAt()).contains(NOW.plusSeconds(5183999));
        assertThat(accounts.get(0).refreshExpiresAt()).contains(NOW.plusSeconds(31535999));
        assertThat(accounts.get(0).note()).isEmpty();
        assertThat(accounts.get(1).config()).containsOnly(Map.entry("organization_id", "5515715"),
                Map.entry("access_token", ACCESS), Map.entry("refresh_token", REFRESH),
                Map.entry("client_id", CLIENT_ID), Map.entry("client_secret", SECRET),
                Map.entry("api_base_url", baseUrl + "/rest"),
                Map.entry("oauth_base_url", baseUrl + "/oauth/v2"));
        for (DiscoveredAccount account : accounts) {
            AuthorizerAssertions.assertConnectable(factory, account, ACCESS, SECRET);
        }
        verify(getRequestedFor(urlEqualTo(ACLS + "&start=0&count=100"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .withHeader("LinkedIn-Version", equalTo(LinkedInConfig.DEFAULT_API_VERSION))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0")));
    }

    @Test
    void withoutARefreshTokenTheConfigHasNoClientSecretAndTheNoteSaysWhenToReconnect() throws Exception {
        stubFor(get(urlEqualTo(ACLS + "&start=0&count=100")).willReturn(okJson(
                "{\"paging\":{\"start\":0,\"count\":100,\"links\":[],\"total\":1},\"elements\":[" + acl("2414183") + "]}")));
        stubOrganization("2414183", "Acme Corp", "acme-corp");

        List<DiscoveredAccount> accounts = authorizer.discover(appOnRealHosts(), grant(false), request -> {
            assertThat(request.uri().toString()).startsWith("https://api.linkedin.com/rest/");
            return context.http().send(new io.goalpost.plugin.api.HttpRequest(request.method(),
                    URI.create(baseUrl + request.uri().getRawPath()
                            + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())),
                    request.headers(), request.body()));
        }, CLOCK);

        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).config()).containsOnlyKeys("organization_id", "access_token");
        assertThat(accounts.get(0).refreshExpiresAt()).isEmpty();
        assertThat(accounts.get(0).note()).hasValueSatisfying(n -> assertThat(n).contains("no refresh token")
                .contains("2027-01-19"));
    }

    @Test
    void aMemberWithoutTheAdminScopeIsToldWhatIsMissing() {
        stubFor(get(urlEqualTo(ACLS + "&start=0&count=100")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":403,\"serviceErrorCode\":100,"
                        + "\"code\":\"ACCESS_DENIED\",\"message\":\"Not enough permissions to access: "
                        + "organizationAcls.FINDER-roleAssignee.20260601\"}")));

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> authorizer.discover(app(), grant(true), context.http(), CLOCK));

        assertThat(e.permissions()).contains("rw_organization_admin");
        assertNoSecretIn(e);
    }

    @Test
    void aThrottledDiscoveryIsRateLimited() {
        stubFor(get(urlEqualTo(ACLS + "&start=0&count=100")).willReturn(aResponse().withStatus(429)));

        assertThat(catchThrowableOfType(AdapterException.RateLimited.class,
                () -> authorizer.discover(app(), grant(true), context.http(), CLOCK))).isNotNull();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static TokenGrant grant(boolean refresh) {
        return new TokenGrant(ACCESS, refresh ? Optional.of(REFRESH) : Optional.empty(),
                Optional.of(NOW.plusSeconds(5183999)), refresh ? Optional.of(NOW.plusSeconds(31535999)) : Optional.empty(),
                Set.of("r_organization_social", "rw_organization_admin"));
    }

    private static String tokenAnswer(boolean refresh, String scope) {
        return "{\"access_token\":\"" + ACCESS + "\",\"expires_in\":5183999"
                + (refresh ? ",\"refresh_token\":\"" + REFRESH + "\",\"refresh_token_expires_in\":31535999" : "")
                + ",\"scope\":\"" + scope + "\"}";
    }

    private static String acl(String id) {
        return "{\"roleAssignee\":\"urn:li:person:abc123\",\"state\":\"APPROVED\",\"role\":\"ADMINISTRATOR\","
                + "\"organization\":\"urn:li:organization:" + id + "\"}";
    }

    private static void stubOrganization(String id, String name, String vanity) {
        stubFor(get(urlEqualTo("/rest/organizations/" + id)).willReturn(okJson("{\"id\":" + id
                + ",\"localizedName\":\"" + name + "\",\"vanityName\":\"" + vanity + "\"}")));
    }

    private static void assertNoSecretIn(Throwable e) {
        AuthorizerAssertions.assertNoSecretIn(e, SECRET, CODE, ACCESS, REFRESH);
    }
}
