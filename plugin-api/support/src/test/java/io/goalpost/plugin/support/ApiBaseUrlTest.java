package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.FieldType;
import org.junit.jupiter.api.Test;

final class ApiBaseUrlTest {

    @Test
    void theFieldIsAnAdvancedOptionalUrlUnderTheSharedKeyWithThePluginsWordsAndDefault() {
        ConfigField field = ApiBaseUrl.field("Including the version.", "https://api.example.com/v2");

        assertThat(field.key()).isEqualTo("api_base_url");
        assertThat(field.type()).isEqualTo(FieldType.URL);
        assertThat(field.label()).isEqualTo("API base URL");
        assertThat(field.help()).isEqualTo("Including the version.");
        assertThat(field.defaultValue()).isEqualTo("https://api.example.com/v2");
        assertThat(field.advanced()).isTrue();
        assertThat(field.required()).isFalse();
        assertThat(field.secret()).isFalse();
    }

    @Test
    void aNetworkMayNameItsOwnWay() {
        assertThat(ApiBaseUrl.field("Graph API base URL", "With its version.", "https://graph.facebook.com/v25.0")
                .label()).isEqualTo("Graph API base URL");
    }
}
