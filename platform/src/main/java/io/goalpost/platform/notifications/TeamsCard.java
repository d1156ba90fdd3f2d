package io.goalpost.platform.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The Adaptive Card message Microsoft Teams posts in a channel. Teams' Workflows webhooks ("when a
 * Teams webhook request is received") take Adaptive Cards only, in {@code {"type": "message",
 * "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}}, and
 * ignore a plain {@code text}; the older connector webhooks take the same shape. A {@code teams}
 * channel's body is Goalpost's usual JSON with these two fields added, so a receiver of one's own can
 * still read it and the signature covers all of it.
 */
final class TeamsCard {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** The card schema version Teams renders (desktop, web and mobile). */
    static final String VERSION = "1.4";
    /** Hosts of Teams webhook addresses: connector webhooks, and Workflows' (Logic Apps, Power Platform). */
    private static final List<String> TEAMS_HOSTS = List.of("webhook.office.com", "logic.azure.com", "powerplatform.com");

    private TeamsCard() {
    }

    /** Whether a webhook URL is a Microsoft Teams one (what a channel's format defaults to when none is given). */
    static boolean isTeamsUrl(String url) {
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return TEAMS_HOSTS.stream().anyMatch(t -> h.equals(t) || h.endsWith("." + t));
    }

    /** Adds the card message for one alert ({@code link}: absolute, or null) to {@code payload}. */
    static JsonObject single(JsonObject payload, String title, String body, String link) {
        JsonArray blocks = new JsonArray().add(text(title).put("weight", "Bolder").put("size", "Medium"));
        if (!body.isBlank()) {
            blocks.add(text(body));
        }
        JsonArray actions = new JsonArray();
        if (link != null) {
            actions.add(new JsonObject().put("type", "Action.OpenUrl").put("title", "Open in Goalpost").put("url", link));
        }
        return attach(payload, blocks, actions);
    }

    /** Adds the card message of a digest to {@code payload}: a heading, then each alert's title, text and link. */
    static JsonObject digest(JsonObject payload, String heading, List<Dispatcher.Item> items, String publicUrl) {
        JsonArray blocks = new JsonArray().add(text(heading).put("weight", "Bolder").put("size", "Medium"));
        for (Dispatcher.Item i : items) {
            JsonArray parts = new JsonArray().add(text(i.title()).put("weight", "Bolder"));
            if (!i.body().isBlank()) {
                parts.add(text(i.body()).put("spacing", "None"));
            }
            if (i.link() != null) {
                parts.add(text("[Open in Goalpost](" + publicUrl + i.link() + ")").put("spacing", "None"));
            }
            blocks.add(new JsonObject().put("type", "Container").put("separator", true).put("items", parts));
        }
        return attach(payload, blocks, new JsonArray());
    }

    private static JsonObject attach(JsonObject payload, JsonArray blocks, JsonArray actions) {
        JsonObject card = new JsonObject().put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", VERSION).put("body", blocks)
                .put("msteams", new JsonObject().put("width", "Full"));
        if (!actions.isEmpty()) {
            card.put("actions", actions);
        }
        return payload.put("type", "message").put("attachments", new JsonArray()
                .add(new JsonObject().put("contentType", CONTENT_TYPE).putNull("contentUrl").put("content", card)));
    }

    private static JsonObject text(String s) {
        return new JsonObject().put("type", "TextBlock").put("text", s).put("wrap", true);
    }
}
