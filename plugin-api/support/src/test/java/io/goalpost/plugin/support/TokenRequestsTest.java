package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.TokenGrant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
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

    @Test
    void aTokenLapsesWhenTheAnswerSaysOrAfterTheDocumentedLifetime() throws Exception {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        JsonNode answer = new ObjectMapper().readTree("{\"expires_in\":3600,\"refresh_token_expires_in\":0,"
                + "\"other\":\"soon\"}");

        assertThat(TokenRequests.lifetime(answer, "expires_in", Duration.ofDays(1), now)).isEqualTo(now.plusSeconds(3600));
        assertThat(TokenRequests.lifetime(answer, "refresh_token_expires_in", Duration.ofDays(365), now))
                .as("not positive").isEqualTo(now.plus(Duration.ofDays(365)));
        assertThat(TokenRequests.lifetime(answer, "other", Duration.ofDays(2), now)).as("not a number")
                .isEqualTo(now.plus(Duration.ofDays(2)));
        assertThat(TokenRequests.lifetime(answer, "missing", Duration.ofHours(2), now)).isEqualTo(now.plusSeconds(7200));
    }

    @Test
    void aGrantGivesTheRefreshTokenALifetimeOnlyWhenThereIsOne() throws Exception {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        JsonNode answer = new ObjectMapper().readTree("{\"expires_in\":86400,\"refresh_token_expires_in\":31536000}");

        TokenGrant withRefresh = TokenRequests.grant(answer, "access-1", Optional.of("refresh-1"), Set.of("a"), now,
                Duration.ofDays(30), Duration.ofDays(60));
        TokenGrant without = TokenRequests.grant(answer, "access-2", Optional.empty(), Set.of("a"), now,
                Duration.ofDays(30), Duration.ofDays(60));

        assertThat(withRefresh.accessToken()).isEqualTo("access-1");
        assertThat(withRefresh.refreshToken()).contains("refresh-1");
        assertThat(withRefresh.accessExpiresAt()).contains(now.plusSeconds(86_400));
        assertThat(withRefresh.refreshExpiresAt()).contains(now.plusSeconds(31_536_000));
        assertThat(withRefresh.grantedScopes()).containsExactly("a");
        assertThat(without.refreshExpiresAt()).isEmpty();
    }
}
