package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AuthorizeUrlTest {

    @Test
    void theCodeRequestCarriesClientRedirectScopesStateAndWhatTheNetworkAdds() {
        AuthorizationRequest request = new AuthorizationRequest(new AppCredentials("app-1", "secret-1", Optional.empty()),
                "https://goalpost.example.com/api/oauth/x/callback", "st&te", Optional.of("challenge"));

        URI url = AuthorizeUrl.of(request, "https://x.example", "/i/oauth2/authorize", "client_id",
                List.of("tweet.read", "users.read"), " ", Map.of("code_challenge", "challenge"));

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://x.example/i/oauth2/authorize");
        assertThat(Urls.queryParams(url)).containsOnly(Map.entry("response_type", "code"), Map.entry("client_id", "app-1"),
                Map.entry("redirect_uri", "https://goalpost.example.com/api/oauth/x/callback"),
                Map.entry("scope", "tweet.read users.read"), Map.entry("state", "st&te"),
                Map.entry("code_challenge", "challenge"));
        assertThat(url.toString()).doesNotContain("secret-1");
    }
}
