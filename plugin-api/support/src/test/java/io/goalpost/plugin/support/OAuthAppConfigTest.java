package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
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
    void aBlankValueIsNotGiven() {
        assertThat(OAuthAppConfig.given(Optional.of("  "))).isEmpty();
        assertThat(OAuthAppConfig.given(Optional.empty())).isEmpty();
        assertThat(OAuthAppConfig.given(Optional.of("r"))).contains("r");
    }
}
