package io.goalpost.platform.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A notification channel as the API shows it: never the webhook's URL path or signing secret.
 *
 * @param id its id
 * @param name its name
 * @param kind {@code webhook} or {@code email}
 * @param urlOrigin the webhook's scheme, host and port (its path may hold a credential), or null
 * @param format a webhook's message format, {@link #STANDARD} or {@link #TEAMS} (an email channel's is
 *     {@link #STANDARD} and not shown)
 * @param recipients the email addresses (empty for a webhook)
 * @param events the alerts it receives
 * @param digest whether alerts wait for one message a day
 * @param enabled whether it receives anything
 * @param lastDelivery the latest delivery ({@code status, at, error}), or null
 * @param updatedAt when it was last changed
 */
public record Channel(long id, String name, String kind, String urlOrigin, String format, List<String> recipients,
        Set<AlertEvent> events, boolean digest, boolean enabled, JsonObject lastDelivery, Instant updatedAt) {

    /** The two kinds. */
    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
    /** Goalpost's JSON with a {@code text} field: what Slack's incoming webhooks and one's own receivers read. */
    public static final String STANDARD = "standard";
    /** Goalpost's JSON plus the Adaptive Card message Microsoft Teams webhooks post ({@link TeamsCard}). */
    public static final String TEAMS = "teams";

    public Channel {
        Objects.requireNonNull(name, "name");
        if (!kind.equals(WEBHOOK) && !kind.equals(EMAIL)) {
            throw new IllegalArgumentException("kind must be webhook or email");
        }
        if (!isFormat(format)) {
            throw new IllegalArgumentException("format must be standard or teams");
        }
        recipients = List.copyOf(recipients);
        events = Set.copyOf(events);
    }

    /** As the API answers it. */
    public JsonObject toJson() {
        JsonArray ev = new JsonArray();
        for (AlertEvent e : AlertEvent.values()) {
            if (events.contains(e)) {
                ev.add(e.id());
            }
        }
        return new JsonObject().put("id", id).put("name", name).put("kind", kind)
                .put("url", urlOrigin == null ? null : urlOrigin + "/…").put("secret_set", kind.equals(WEBHOOK))
                .put("format", kind.equals(WEBHOOK) ? format : null)
                .put("recipients", new JsonArray(recipients)).put("events", ev).put("digest", digest).put("enabled", enabled)
                .put("last_delivery", lastDelivery).put("updated_at", updatedAt.toString());
    }

    /** Whether {@code format} is a message format a channel can have ({@link #STANDARD} or {@link #TEAMS}). */
    public static boolean isFormat(String format) {
        return STANDARD.equals(format) || TEAMS.equals(format);
    }
}
