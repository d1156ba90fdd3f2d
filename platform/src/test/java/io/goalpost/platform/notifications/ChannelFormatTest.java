package io.goalpost.platform.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A webhook channel's message format: a Teams webhook address gets the Adaptive Card message Teams
 * posts unless another format is asked for; any other address gets Goalpost's standard JSON.
 */
class ChannelFormatTest {

    private static JsonObject webhook(String url) {
        return new JsonObject().put("name", "Alerts").put("kind", "webhook").put("url", url).put("secret", "0123456789abcdef");
    }

    @Test
    void teamsAddressesDefaultToTheTeamsFormatAndOthersToStandard() {
        assertThat(ChannelRoutes.parse(webhook("https://prod-42.westeurope.logic.azure.com:443/workflows/1/triggers/manual/paths/invoke"),
                null).format()).isEqualTo(Channel.TEAMS);
        assertThat(ChannelRoutes.parse(webhook("https://default1234.ab.environment.api.powerplatform.com/powerautomate/automations/x"),
                null).format()).isEqualTo(Channel.TEAMS);
        assertThat(ChannelRoutes.parse(webhook("https://acme.webhook.office.com/webhookb2/abc/IncomingWebhook/def"), null).format())
                .isEqualTo(Channel.TEAMS);
        assertThat(ChannelRoutes.parse(webhook("https://hooks.slack.com/services/T1/B1/xyz"), null).format()).isEqualTo(Channel.STANDARD);
        assertThat(ChannelRoutes.parse(webhook("https://office.com.evil.example/hook"), null).format()).isEqualTo(Channel.STANDARD);
        assertThat(ChannelRoutes.parse(webhook("https://acme.webhook.office.com/x").put("format", "standard"), null).format())
                .as("asked for explicitly").isEqualTo(Channel.STANDARD);
    }

    @Test
    void anUpdateKeepsTheFormatUnlessAskedAndAnUnknownFormatIsRefused() {
        Channel teams = new Channel(1, "Alerts", Channel.WEBHOOK, "https://acme.webhook.office.com", Channel.TEAMS, List.of(),
                EnumSet.allOf(AlertEvent.class), false, true, null, Instant.now());
        assertThat(ChannelRoutes.parse(new JsonObject().put("name", "Renamed"), teams).format()).isEqualTo(Channel.TEAMS);
        assertThat(ChannelRoutes.parse(new JsonObject().put("name", "Renamed").put("format", "standard"), teams).format())
                .isEqualTo(Channel.STANDARD);
        assertThatThrownBy(() -> ChannelRoutes.parse(webhook("https://hooks.slack.com/x").put("format", "discord"), null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.details().toString()).contains("format"));
    }
}
