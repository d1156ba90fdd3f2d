package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConfigChecksTest {

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.secret("refresh_token", "Refresh token", "The refresh token.").optional(),
            ConfigField.string("client_id", "App ID", "The app's id.").optional(),
            ConfigField.secret("client_secret", "App secret", "The app's secret.").optional());
    private static final String WHY = "the token is renewed with all three.";

    private static ConfigValues values(Map<String, String> raw) {
        return new ConfigValues(raw, Set.of("refresh_token", "client_secret"));
    }

    @Test
    void aBlankValueIsNotGiven() {
        ConfigValues config = values(Map.of("client_id", "  ", "refresh_token", "r"));

        assertThat(ConfigChecks.given(config, "client_id")).isFalse();
        assertThat(ConfigChecks.given(config, "refresh_token")).isTrue();
        assertThat(ConfigChecks.given(config, "client_secret")).isFalse();
    }

    @Test
    void neededWithNamesEachMissingFieldByItsLabelOnItsOwnField() {
        var issues = ConfigChecks.neededWith(values(Map.of("refresh_token", "rft.secret", "client_id", "1")), SPEC,
                "refresh_token", WHY, "client_id", "client_secret");

        assertThat(issues).containsExactly(new ConfigIssue("client_secret",
                "'App secret' is needed too: the token is renewed with all three."));
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).doesNotContain("rft.secret"));
    }

    @Test
    void neededWithAsksNothingWhileTheFieldIsEmpty() {
        assertThat(ConfigChecks.neededWith(values(Map.of("client_secret", "s")), SPEC, "refresh_token", WHY,
                "client_id")).isEmpty();
    }

    @Test
    void allOrNoneFlagsTheMissingOnesOnceAnyIsGiven() {
        assertThat(ConfigChecks.allOrNone(values(Map.of()), SPEC, WHY, "refresh_token", "client_id", "client_secret"))
                .isEmpty();
        assertThat(ConfigChecks.allOrNone(values(Map.of("client_secret", "s")), SPEC, WHY, "refresh_token",
                "client_id", "client_secret")).extracting(ConfigIssue::field)
                .containsExactly("refresh_token", "client_id");
        assertThat(ConfigChecks.allOrNone(values(Map.of("refresh_token", "r", "client_id", "1", "client_secret", "s")),
                SPEC, WHY, "refresh_token", "client_id", "client_secret")).isEmpty();
    }

    @Test
    void aKeyOutsideTheSpecIsAProgrammingError() {
        assertThatThrownBy(() -> ConfigChecks.neededWith(values(Map.of("refresh_token", "r")), SPEC, "refresh_token",
                WHY, "app_key")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app_key");
    }
}
