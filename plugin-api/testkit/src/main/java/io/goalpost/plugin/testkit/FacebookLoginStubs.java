package io.goalpost.plugin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.TokenGrant;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * WireMock answers in the shapes of Facebook Login (plugin-support's {@code meta.FacebookLogin}): the
 * code exchange, the long-lived token and {@code debug_token}, on the static WireMock client of a
 * {@code @WireMockTest}. For the tests of authorizers built on Facebook Login, which keep only what
 * differs between them (scopes, wording, how a Page becomes an account); the flow itself is tested
 * once, in plugin-support.
 *
 * <p>WireMock is an optional dependency of the kit: declare {@code org.wiremock:wiremock-standalone}
 * (test scope) to use this class.
 */
public final class FacebookLoginStubs {

    public static final String APP_ID = "1234567890123456";
    public static final String SECRET = "app-secret-not-a-real-one-0123456789";
    /** The one-time code of every sign-in test, the same the other networks' authorizer tests use. */
    public static final String CODE = WireMockAuthorizerTest.CODE;
    public static final String SHORT_TOKEN = "EAAshort-lived-user-token-0123456789";
    public static final String LONG_TOKEN = "EAAlong-lived-user-token-0123456789";
    /** How long the long-lived token lasts, as Facebook answers it (about 60 days). */
    public static final long LONG_TOKEN_SECONDS = 5183944;
    public static final String TOKEN_PATH = "/v25.0/oauth/access_token";
    /** The list of the Pages the person manages, with a Page token each. */
    public static final String PAGE_LIST_PATH = "/v25.0/me/accounts";

    private FacebookLoginStubs() {
    }

    /** {@link #CODE} becomes {@link #SHORT_TOKEN}, which becomes {@link #LONG_TOKEN}. */
    public static void stubExchange() {
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).withQueryParam("code", equalTo(CODE)).willReturn(okJson(
                "{\"access_token\":\"" + SHORT_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":5400}")));
        stubFor(get(urlPathEqualTo(TOKEN_PATH)).withQueryParam("grant_type", equalTo("fb_exchange_token"))
                .willReturn(okJson("{\"access_token\":\"" + LONG_TOKEN
                        + "\",\"token_type\":\"bearer\",\"expires_in\":" + LONG_TOKEN_SECONDS + "}")));
    }

    /** {@code debug_token} says the token is valid and was granted exactly these permissions. */
    public static void stubDebugToken(String... scopes) {
        String list = Stream.of(scopes).map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        stubFor(get(urlPathEqualTo("/v25.0/debug_token")).willReturn(okJson("{\"data\":{\"app_id\":\"" + APP_ID
                + "\",\"type\":\"USER\",\"application\":\"Goalpost\",\"data_access_expires_at\":1787000000,"
                + "\"expires_at\":1784400000,\"is_valid\":true,\"scopes\":[" + list + "],\"user_id\":\"10001\"}}")));
    }

    /**
     * {@code /me/accounts} lists the person's Pages in two pages of the list: {@code firstPages} (JSON
     * objects, comma-separated) with a {@code next} link, then, after its cursor, {@code secondPages}.
     */
    public static void stubPageList(String firstPages, String secondPages) {
        stubFor(get(urlPathEqualTo(PAGE_LIST_PATH)).withQueryParam("after", absent()).willReturn(okJson(
                "{\"data\":[" + firstPages + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUa\",\"after\":\"QVFIUb\"},"
                        + "\"next\":\"https://graph.facebook.com" + PAGE_LIST_PATH + "?access_token=" + LONG_TOKEN
                        + "&after=QVFIUb\"}}")));
        stubFor(get(urlPathEqualTo(PAGE_LIST_PATH)).withQueryParam("after", equalTo("QVFIUb")).willReturn(okJson(
                "{\"data\":[" + secondPages + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUc\",\"after\":\"QVFIUd\"}}}")));
    }

    /**
     * The Page list was asked for with these fields and the long-lived token in the Authorization
     * header, never in the query string (where proxies and logs would keep it).
     */
    public static void verifyPageListRequest(String fields) {
        verify(getRequestedFor(urlPathEqualTo(PAGE_LIST_PATH)).withHeader("Authorization", equalTo("Bearer " + LONG_TOKEN))
                .withQueryParam("fields", equalTo(fields)).withQueryParam("access_token", absent()));
    }

    /** The grant an exchange at {@code now} gives: {@link #LONG_TOKEN} with these permissions. */
    public static TokenGrant grant(Instant now, String... scopes) {
        return new TokenGrant(LONG_TOKEN, Optional.empty(), Optional.of(now.plusSeconds(LONG_TOKEN_SECONDS)),
                Optional.empty(), Set.of(scopes));
    }

    /**
     * The person declined exactly {@code permission} on the Facebook Login dialog: the error names it,
     * in its list and its message, with the given words (what the permission is for, how to sign in
     * again), and names no secret.
     */
    public static void assertDeclined(AdapterException.PermissionMissing e, String permission, String... messageWords) {
        assertThat(e).as("the exchange's error").isNotNull();
        assertThat(e.permissions()).as("missing permissions").containsExactly(permission);
        assertThat(e).hasMessageContaining(permission);
        for (String word : messageWords) {
            assertThat(e).hasMessageContaining(word);
        }
        assertNoSecretIn(e);
    }

    /** The message names none of the app secret, the code or the tokens. */
    public static void assertNoSecretIn(Throwable e) {
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(CODE).doesNotContain(SHORT_TOKEN)
                .doesNotContain(LONG_TOKEN);
    }
}
