package io.goalpost.platform.notifications;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.goalpost.platform.http.OutboundPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/notification-channels}: where alerts go (platform/API-notifications.md). Editors and
 * admins manage them; the webhook's signing secret and the path of its URL (Slack's and Teams' carry
 * their credential) are write-only, never answered and never audited.
 */
public final class ChannelRoutes implements RouteModule {

    /** Shortest signing secret: 16 characters (the UI generates 32 random bytes). */
    static final int SECRET_MIN = 16;
    /** Most email recipients per channel. */

    private final Vertx vertx;
    private final ChannelStore channels;
    private final WebhookSender webhooks;
    private final Dispatcher dispatcher;
    private final AuditLog audit;

    public ChannelRoutes(Vertx vertx, ChannelStore channels, WebhookSender webhooks, Dispatcher dispatcher, AuditLog audit) {
        this.vertx = vertx;
        this.channels = channels;
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/notification-channels", Access.VIEWER, Handlers.reply(200, ctx -> channels.list()
                .map(all -> new JsonObject().put("channels", new JsonArray(all.stream().map(Channel::toJson).toList())))));
        routes.get("/notification-channels/:id", Access.VIEWER, Handlers.reply(200, ctx -> channel(Requests.idParam(ctx, "id"))
                .map(Channel::toJson)));
        routes.get("/notification-channels/:id/deliveries", Access.VIEWER, Handlers.reply(200, ctx -> {
            long id = Requests.idParam(ctx, "id");
            return channel(id).compose(c -> channels.deliveries(id, 50)).map(d -> new JsonObject().put("deliveries", d));
        }));
        routes.post("/notification-channels", Access.EDITOR, Handlers.reply(201, ctx -> {
            ChannelStore.Spec spec = parse(Requests.jsonBody(ctx), null);
            return checkUrl(spec).compose(v -> channels.insert(spec)).compose(this::channel)
                    .compose(c -> audit.record(ctx, "notifications.channel_created", target(c), details(spec)).map(c.toJson()));
        }));
        routes.put("/notification-channels/:id", Access.EDITOR, Handlers.reply(200, ctx -> {
            long id = Requests.idParam(ctx, "id");
            JsonObject body = Requests.jsonBody(ctx);
            return channel(id).compose(before -> {
                ChannelStore.Spec spec = parse(body, before);
                return checkUrl(spec).compose(v -> channels.update(id, spec)).compose(v -> channel(id))
                        .compose(c -> audit.record(ctx, "notifications.channel_changed", target(c), details(spec)).map(c.toJson()));
            });
        }));
        routes.delete("/notification-channels/:id", Access.EDITOR, Handlers.noContent(ctx -> {
            long id = Requests.idParam(ctx, "id");
            return channel(id).compose(c -> channels.delete(id)
                    .compose(v -> audit.record(ctx, "notifications.channel_deleted", target(c), null)));
        }));
        // Sends a test message now and answers whether the channel took it, with the reason if not.
        routes.post("/notification-channels/:id/test", Access.EDITOR, Handlers.reply(200, ctx -> {
            long id = Requests.idParam(ctx, "id");
            return channel(id).compose(c -> vertx.executeBlocking(() -> {
                Dispatcher.Item item = new Dispatcher.Item(0, Instant.now(), "test", "test", "test", "Test message from Goalpost",
                        "Channel “" + c.name() + "” is set up: alerts will arrive like this.", null);
                try {
                    dispatcher.send(id, List.of(item), false);
                    return new JsonObject().put("delivered", true).putNull("error");
                } catch (DeliveryFailed e) {
                    return new JsonObject().put("delivered", false).put("error", e.getMessage());
                }
            }, false)).compose(result -> audit.record(ctx, "notifications.channel_tested", new AuditLog.Target("notification_channel",
                    Long.toString(id), null), new JsonObject().put("delivered", result.getBoolean("delivered"))).map(result));
        }));
    }

    private Future<Channel> channel(long id) {
        return channels.get(id).compose(c -> c.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ApiError.notFound("notification channel " + id))));
    }

    /** The URL passes the outbound rules (checked on a worker: it resolves the host). */
    private Future<Void> checkUrl(ChannelStore.Spec spec) {
        if (spec.url() == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            try {
                webhooks.checkUrl(spec.url());
            } catch (OutboundPolicy.Refused e) {
                throw ApiError.badRequest(e.getMessage(), new JsonObject().put("url", e.getMessage()).getMap());
            }
            return null;
        }, false);
    }

    /** A channel's settings from a body; {@code before} is the stored channel on an update (its kind stays, omitted secrets are kept). */
    static ChannelStore.Spec parse(JsonObject body, Channel before) {
        Fields f = Fields.of(body);
        String name = f.string("name", true, Inputs.NAME_MAX);
        String kind = before != null ? before.kind() : f.string("kind", true, 20);
        if (before != null && body.containsKey("kind") && !before.kind().equals(body.getValue("kind"))) {
            f.problem("kind", "cannot change: delete the channel and create another");
        }
        if (kind != null && !kind.equals(Channel.WEBHOOK) && !kind.equals(Channel.EMAIL)) {
            f.problem("kind", "must be 'webhook' or 'email'");
        }
        String url = null;
        String secret = null;
        String format = before != null ? before.format() : Channel.STANDARD;
        List<String> recipients = List.of();
        if (Channel.WEBHOOK.equals(kind)) {
            url = f.string("url", before == null, Inputs.CONFIG_VALUE_MAX);
            secret = f.string("secret", before == null, Inputs.CONFIG_VALUE_MAX);
            if (secret != null && secret.length() < SECRET_MIN) {
                f.problem("secret", "must be at least " + SECRET_MIN + " characters");
            }
            String asked = f.string("format", false, 20);
            if (asked != null) {
                if (Channel.isFormat(asked)) {
                    format = asked;
                } else {
                    f.problem("format", "must be 'standard' or 'teams'");
                }
            } else if (url != null) {
                format = TeamsCard.isTeamsUrl(url) ? Channel.TEAMS : Channel.STANDARD;
            }
        } else if (Channel.EMAIL.equals(kind)) {
            recipients = Recipients.read(f);
        }
        Set<AlertEvent> events = EnumSet.noneOf(AlertEvent.class);
        JsonArray ev = f.array("events");
        if (ev == null) {
            if (body.getValue("events") == null) {
                events.addAll(before != null ? before.events() : EnumSet.allOf(AlertEvent.class));
            }
        } else {
            for (Object o : ev) {
                Optional<AlertEvent> e = o instanceof String s ? AlertEvent.of(s) : Optional.empty();
                if (e.isEmpty()) {
                    f.problem("events", "must list goal_status, account_reconnect or account_stale");
                } else {
                    events.add(e.get());
                }
            }
            if (events.isEmpty() && ev.isEmpty()) {
                f.problem("events", "must list at least one of goal_status, account_reconnect, account_stale");
            }
        }
        boolean digest = flag(f, body, "digest", before != null && before.digest());
        boolean enabled = flag(f, body, "enabled", before == null || before.enabled());
        f.throwIfAny("the notification channel");
        return new ChannelStore.Spec(name, kind, url, secret, format, recipients, events, digest, enabled);
    }

    private static boolean flag(Fields f, JsonObject body, String field, boolean fallback) {
        Object v = body.getValue(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            f.problem(field, "must be true or false");
            return fallback;
        }
        return b;
    }

    private static AuditLog.Target target(Channel c) {
        return new AuditLog.Target("notification_channel", Long.toString(c.id()), c.name());
    }

    /** What changed, never the secret or the URL's path. */
    private static JsonObject details(ChannelStore.Spec s) {
        JsonArray ev = new JsonArray();
        s.events().stream().map(AlertEvent::id).sorted().forEach(ev::add);
        return new JsonObject().put("kind", s.kind()).put("url", s.url() == null ? null : ChannelStore.origin(s.url()) + "/…")
                .put("format", Channel.WEBHOOK.equals(s.kind()) ? s.format() : null)
                .put("secret_changed", s.secret() != null).put("recipients", s.recipients().size()).put("events", ev)
                .put("digest", s.digest()).put("enabled", s.enabled());
    }
}
