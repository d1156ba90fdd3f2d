package io.goalpost.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-account hosts (1.3): a network whose server each account chooses. */
final class AccountHostsTest {

    private static AdapterDescriptor.Builder mastodon(ConfigField server) {
        return AdapterDescriptor.builder("mastodon", "Mastodon")
                .config(ConfigSpec.of(server, ConfigField.secret("access_token", "Token", "Preferences, Development.")))
                .reports(CanonicalMetric.FOLLOWERS)
                .history(new HistoryLimits(30, 30, 0, true));
    }

    @Test
    void eachAccountMayCallTheHostOfItsOwnServerField() {
        AdapterDescriptor d = mastodon(ConfigField.requiredUrl("server_url", "Server", "Your server's address."))
                .allowHostOf("server_url").build();
        ConfigValues social = d.config().resolve(Map.of("server_url", "https://Social.Example/", "access_token", "t"));
        ConfigValues other = d.config().resolve(Map.of("server_url", "https://fosstodon.org", "access_token", "t"));

        assertThat(d.allowedHosts()).isEmpty();
        assertThat(d.accountHostFields()).containsExactly("server_url");
        assertThat(d.hostsFor(social)).containsExactly("social.example");
        assertThat(d.hostsFor(other)).containsExactly("fosstodon.org");
        assertThat(d.config().validate(Map.of("access_token", "t"))).extracting(ConfigIssue::field)
                .as("a required URL has no default").containsExactly("server_url");
    }

    @Test
    void onlyAUrlFieldOfTheSpecCanLendItsHost() {
        assertThatThrownBy(() -> mastodon(ConfigField.string("server_url", "Server", "Address.")).allowHostOf("server_url").build())
                .hasMessageContaining("not a URL field");
        assertThatThrownBy(() -> mastodon(ConfigField.requiredUrl("server_url", "Server", "Address.")).allowHostOf("instance").build())
                .hasMessageContaining("not a config field");
    }

    @Test
    void theFixedHostsStayWhenTheFieldIsEmpty() {
        AdapterDescriptor d = mastodon(ConfigField.url("server_url", "Server", "Address.", "https://mastodon.social"))
                .allowedHosts("mastodon.social").allowHostOf("server_url").build();

        assertThat(d.hostsFor(new ConfigValues(Map.of(), Set.of()))).containsExactly("mastodon.social");
    }
}
