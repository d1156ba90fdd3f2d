package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FieldType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OAuthAppFieldsTest {

    private static final ConfigSpec SPEC = ConfigSpec.of(
            OAuthAppFields.accessToken("Where to find the token."),
            OAuthAppFields.refreshToken("Where to find the refresh token."),
            OAuthAppFields.clientId("App ID", "Where to find the app's id."),
            OAuthAppFields.clientSecret("App secret", "Where to find the app's secret."));
    private static final String WHY = "the token is renewed with all three.";

    private static ConfigValues values(Map<String, String> raw) {
        return new ConfigValues(raw, Set.of("access_token", "refresh_token", "client_secret"));
    }

    @Test
    void theFieldsHaveTheSharedKeysAndKindsAndThePluginsWords() {
        assertThat(SPEC.fields()).extracting(ConfigField::key)
                .containsExactly("access_token", "refresh_token", "client_id", "client_secret");
        ConfigField access = SPEC.field("access_token").orElseThrow();
        assertThat(access.label()).isEqualTo("Access token");
        assertThat(access.help()).isEqualTo("Where to find the token.");
        assertThat(access.required()).isTrue();
        assertThat(access.secret()).isTrue();

        ConfigField refresh = SPEC.field("refresh_token").orElseThrow();
        assertThat(refresh.label()).isEqualTo("Refresh token");
        assertThat(refresh.required()).isFalse();
        assertThat(refresh.secret()).isTrue();

        ConfigField id = SPEC.field("client_id").orElseThrow();
        assertThat(id.label()).isEqualTo("App ID");
        assertThat(id.help()).isEqualTo("Where to find the app's id.");
        assertThat(id.type()).isEqualTo(FieldType.STRING);
        assertThat(id.required()).isFalse();

        ConfigField secret = SPEC.field("client_secret").orElseThrow();
        assertThat(secret.label()).isEqualTo("App secret");
        assertThat(secret.required()).isFalse();
        assertThat(secret.secret()).isTrue();
    }

    @Test
    void aRefreshTokenNeedsTheAppsIdAndSecretNamedByTheirLabels() {
        assertThat(OAuthAppFields.refreshNeedsApp(values(Map.of("access_token", "a", "refresh_token", "r")), SPEC, WHY))
                .containsExactly(new ConfigIssue("client_id", "'App ID' is needed too: " + WHY),
                        new ConfigIssue("client_secret", "'App secret' is needed too: " + WHY));
        assertThat(OAuthAppFields.refreshNeedsApp(values(Map.of("access_token", "a", "refresh_token", "r",
                "client_id", "1", "client_secret", "s")), SPEC, WHY)).isEmpty();
    }

    @Test
    void anAppWithoutARefreshTokenIsNotAnIssueForAConfidentialApp() {
        assertThat(OAuthAppFields.refreshNeedsApp(values(Map.of("access_token", "a", "client_id", "1")), SPEC, WHY))
                .isEmpty();
    }

    @Test
    void allOrNoneAsksForTheRestOnceAnyRenewalValueIsGiven() {
        assertThat(OAuthAppFields.renewalAllOrNone(values(Map.of("access_token", "a")), SPEC, WHY)).isEmpty();
        assertThat(OAuthAppFields.renewalAllOrNone(values(Map.of("access_token", "a", "client_id", "1")), SPEC, WHY))
                .extracting(ConfigIssue::field).containsExactly("refresh_token", "client_secret");
        assertThat(OAuthAppFields.renewalAllOrNone(values(Map.of("access_token", "a", "refresh_token", "r",
                "client_id", "1", "client_secret", "s")), SPEC, WHY)).isEmpty();
    }
}
