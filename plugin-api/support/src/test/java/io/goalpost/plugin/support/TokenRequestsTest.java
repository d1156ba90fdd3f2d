package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.HttpRequest;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TokenRequestsTest {

    private static final URI TOKEN_URL = URI.create("https://api.example.com/oauth/token");
    private static final AppCredentials APP = new AppCredentials("app-1", "s3cr:et", Optional.empty());

    private static CodeExchange exchange(AppCredentials app, Optional<String> verifier) {
        return new CodeExchange(app, "code-1", "https://goalpost.example.com/api/oauth/n/callback", verifier);
    }

    @Test
    void basicIsTheBase64OfIdColonSecret() {
        // RFC 6749's own example pair, as any network's token endpoint decodes it.
        assertThat(TokenRequests.basic("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw"))
                .isEqualTo("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
    }

    @Test
    void aBasicFormCarriesTheCodeAndRedirectButNeverTheSecret() {
        HttpRequest request = TokenRequests.basicForm(TOKEN_URL, exchange(APP, Optional.empty()));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(TOKEN_URL);
        assertThat(request.bodyText()).isEqualTo("grant_type=authorization_code&code=code-1"
                + "&redirect_uri=https%3A%2F%2Fgoalpost.example.com%2Fapi%2Foauth%2Fn%2Fcallback");
        assertThat(request.header("Authorization")).isEqualTo(TokenRequests.basic("app-1", "s3cr:et"));
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void aPkceFormAddsTheVerifierAndClientIdAndBasicOnlyForAConfidentialClient() {
        HttpRequest confidential = TokenRequests.pkceForm(TOKEN_URL, exchange(APP, Optional.of("verifier-1")));
        HttpRequest publicClient = TokenRequests.pkceForm(TOKEN_URL,
                exchange(new AppCredentials("app-1", "", Optional.empty()), Optional.of("verifier-1")));

        assertThat(confidential.bodyText()).endsWith("&code_verifier=verifier-1&client_id=app-1")
                .doesNotContain("s3cr");
        assertThat(confidential.header("Authorization")).isEqualTo(TokenRequests.basic("app-1", "s3cr:et"));
        assertThat(publicClient.bodyText()).isEqualTo(confidential.bodyText());
        assertThat(publicClient.header("Authorization")).isNull();
    }

    @Test
    void aPkceFormWithoutAVerifierIsAProgrammingError() {
        assertThatThrownBy(() -> TokenRequests.pkceForm(TOKEN_URL, exchange(APP, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code verifier");
    }

    @Test
    void aJsonBodyNamesTheCodeAsTheNetworkDoesAndCarriesTheClient() {
        HttpRequest request = TokenRequests.jsonBody(TOKEN_URL, exchange(APP, Optional.empty()), "auth_code");

        assertThat(request.bodyText()).isEqualTo("{\"client_id\":\"app-1\",\"client_secret\":\"s3cr:et\","
                + "\"grant_type\":\"authorization_code\",\"auth_code\":\"code-1\","
                + "\"redirect_uri\":\"https://goalpost.example.com/api/oauth/n/callback\"}");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }
}
