package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.TokenGrant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OAuthAppConfigTest {

    /** The shape of a plugin's config record. */
    private record Account(String accessToken, Optional<String> refreshToken, Optional<String> clientId,
            Optional<String> clientSecret) implements OAuthAppConfig {
    }

    @Test
    void theKeysAreTheOnesEveryPluginStoresItsCredentialsUnder() {
        assertThat(OAuthAppConfig.ACCESS_TOKEN).isEqualTo("access_token");
        assertThat(OAuthAppConfig.REFRESH_TOKEN).isEqualTo("refresh_token");
        assertThat(OAuthAppConfig.CLIENT_ID).isEqualTo("client_id");
        assertThat(OAuthAppConfig.CLIENT_SECRET).isEqualTo("client_secret");
    }

    @Test
    void aConfidentialAppRenewsOnlyWithTheRefreshTokenIdAndSecretTogether() {
        assertThat(new Account("a", Optional.of("r"), Optional.of("1"), Optional.of("s")).canRefresh()).isTrue();
        assertThat(new Account("a", Optional.of("r"), Optional.of("1"), Optional.empty()).canRefresh()).isFalse();
        assertThat(new Account("a", Optional.empty(), Optional.of("1"), Optional.of("s")).canRefresh()).isFalse();
        assertThat(new Account("a", Optional.of("r"), Optional.empty(), Optional.of("s")).canRefresh()).isFalse();
    }

    @Test
    void theSecretsAreTheTokensAndTheClientSecretNotTheClientId() {
        assertThat(new Account("acc", Optional.of("ref"), Optional.of("id"), Optional.of("sec")).secrets())
                .containsExactlyInAnyOrder("acc", "ref", "sec");
        assertThat(new Account("acc", Optional.empty(), Optional.of("id"), Optional.empty()).secrets())
                .containsExactly("acc");
    }

    @Test
    void aSignInWithARefreshTokenAndAConfidentialAppStoresWhatRenewsIt() {
        TokenGrant grant = new TokenGrant("acc", Optional.of("ref"), Optional.empty(), Optional.empty(), Set.of());

        assertThat(OAuthAppConfig.signedIn(grant, new AppCredentials("id", "sec", Optional.empty()), "https://api"))
                .containsExactly(entry("access_token", "acc"), entry("refresh_token", "ref"), entry("client_id", "id"),
                        entry("client_secret", "sec"));
    }

    @Test
    void aSignInWithoutARefreshTokenOrWithoutAnAppSecretStoresTheAccessTokenOnly() {
        TokenGrant renewable = new TokenGrant("acc", Optional.of("ref"), Optional.empty(), Optional.empty(), Set.of());
        TokenGrant notRenewable = new TokenGrant("acc", Optional.empty(), Optional.empty(), Optional.empty(), Set.of());

        assertThat(OAuthAppConfig.signedIn(renewable, new AppCredentials("id", " ", Optional.empty()), "https://api"))
                .containsExactly(entry("access_token", "acc"));
        assertThat(OAuthAppConfig.signedIn(notRenewable, new AppCredentials("id", "sec", Optional.empty()), "x"))
                .containsExactly(entry("access_token", "acc"));
    }

    @Test
    void aSignInThroughASandboxStoresTheApiBaseItUsed() {
        TokenGrant grant = new TokenGrant("acc", Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        AppCredentials sandboxApp = new AppCredentials("id", "sec", Optional.of("http://127.0.0.1:1"));

        assertThat(OAuthAppConfig.signedIn(grant, sandboxApp, "http://127.0.0.1:1/v5"))
                .containsEntry("api_base_url", "http://127.0.0.1:1/v5");
    }

    @Test
    void aBlankValueIsNotGiven() {
        assertThat(OAuthAppConfig.given(Optional.of("  "))).isEmpty();
        assertThat(OAuthAppConfig.given(Optional.empty())).isEmpty();
        assertThat(OAuthAppConfig.given(Optional.of("r"))).contains("r");
    }
}
