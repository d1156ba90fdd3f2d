package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A network's consent page: RFC 6749's names unless it says otherwise, and only addresses that can work. */
final class AuthorizationEndpointTest {

    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/tiktok/callback";

    private static AuthorizationRequest request(Optional<String> baseUrl) {
        return new AuthorizationRequest(new AppCredentials("app-1", "secret-1", baseUrl), REDIRECT, "state-1",
                Optional.empty());
    }

    @Test
    void startsFromOAuthsOwnNames() {
        AuthorizationEndpoint page = AuthorizationEndpoint.of("https://x.com", "/i/oauth2/authorize");

        assertThat(page).isEqualTo(new AuthorizationEndpoint("https://x.com", "/i/oauth2/authorize", "client_id", " "));
    }

    @Test
    void aNetworksOwnNamesGoIntoTheAddress() {
        AuthorizationEndpoint page = AuthorizationEndpoint.of("https://www.tiktok.com", "/v2/auth/authorize")
                .withClientIdParam("client_key").withScopeSeparator(",");

        URI url = page.url(request(Optional.empty()), List.of("user.info.basic", "video.list"), Map.of());

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
                .isEqualTo("https://www.tiktok.com/v2/auth/authorize");
        assertThat(Urls.queryParams(url)).containsOnly(Map.entry("response_type", "code"),
                Map.entry("client_key", "app-1"), Map.entry("redirect_uri", REDIRECT),
                Map.entry("scope", "user.info.basic,video.list"), Map.entry("state", "state-1"));
    }

    @Test
    void theAppsBaseUrlReplacesTheHostButKeepsThePath() {
        AuthorizationEndpoint page = AuthorizationEndpoint.of("https://www.pinterest.com/", "/oauth/");

        URI url = page.url(request(Optional.of("http://localhost:8089/sandbox/pinterest/")), List.of("pins:read"),
                Map.of("extra", "1"));

        assertThat(page.host()).as("a trailing slash is dropped").isEqualTo("https://www.pinterest.com");
        assertThat(url.toString()).startsWith("http://localhost:8089/sandbox/pinterest/oauth/?").endsWith("&extra=1");
    }

    @Test
    void refusesWhatCouldNeverMakeAWorkingAddress() {
        assertThatThrownBy(() -> AuthorizationEndpoint.of("www.pinterest.com", "/oauth/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme and host");
        assertThatThrownBy(() -> AuthorizationEndpoint.of("ftp://www.pinterest.com", "/oauth/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthorizationEndpoint.of("https://www.pinterest.com/oauth", "/"))
                .as("the path belongs in path").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthorizationEndpoint.of("https://www.pinterest.com?x=1", "/oauth/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthorizationEndpoint.of("https://www.pinterest.com", "oauth/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start with /");
        AuthorizationEndpoint page = AuthorizationEndpoint.of("https://www.pinterest.com", "/oauth/");
        assertThatThrownBy(() -> page.withClientIdParam(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page.withScopeSeparator("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page.withScopeSeparator(null)).isInstanceOf(NullPointerException.class);
    }

    /** A plugin written against the four-string constructor keeps working, a path without its / included. */
    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedConstructorStillTakesWhatItTookBefore() {
        AuthorizationSpec spec = new AuthorizationSpec(List.of("pins:read", "boards:read"), false, "App ID", Optional.empty(),
                Optional.empty(), false, "Create an app and copy its id here.");
        OAuthAuthorizer old = new OAuthAuthorizer("pinterest", spec, "https://www.pinterest.com", "oauth/", "client_id", ",") {
            @Override
            public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock) {
                throw new UnsupportedOperationException();
            }
        };

        URI url = old.authorizeUrl(request(Optional.empty()));

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://www.pinterest.com/oauth/");
        assertThat(Urls.queryParams(url)).contains(Map.entry("client_id", "app-1"), Map.entry("scope", "pins:read,boards:read"));
    }
}
