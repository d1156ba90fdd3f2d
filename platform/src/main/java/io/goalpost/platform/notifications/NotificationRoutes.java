package io.goalpost.platform.notifications;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * The in-app notification list ({@code GET /api/notifications}, read marks) for everyone signed in,
 * and the alert rules ({@code GET/PUT /api/notification-rules}) for editors and admins
 * (platform/API-notifications.md).
 */
public final class NotificationRoutes implements RouteModule {

    private final NotificationStore notifications;
    private final Pool pool;
    private final AuditLog audit;

    public NotificationRoutes(NotificationStore notifications, Pool pool, AuditLog audit) {
        this.notifications = notifications;
        this.pool = pool;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/notifications", Access.VIEWER, Handlers.reply(200, ctx -> {
            int limit = (int) Math.min(NotificationStore.MAX_PAGE, Requests.positiveParam(ctx, "limit", 50));
            String unread = ctx.queryParams().get("unread");
            return notifications.list(Principal.required(ctx).userId(), limit, "true".equals(unread));
        }));
        routes.post("/notifications/:id/read", Access.VIEWER, Handlers.noContent(ctx -> {
            long id = Requests.idParam(ctx, "id");
            return notifications.markRead(Principal.required(ctx).userId(), id)
                    .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("notification " + id)));
        }));
        routes.post("/notifications/read-all", Access.VIEWER, Handlers.reply(200, ctx ->
                notifications.markAllRead(Principal.required(ctx).userId()).map(n -> new JsonObject().put("marked", n))));
        routes.get("/notification-rules", Access.VIEWER, Handlers.reply(200, ctx -> AlertRules.load(pool).map(AlertRules::toJson)));
        routes.put("/notification-rules", Access.EDITOR, Handlers.reply(200, ctx -> {
            Fields f = Fields.of(Requests.jsonBody(ctx));
            Integer hold = f.integer("hold_minutes", true, 0, AlertRules.HOLD_MAX);
            Integer hour = f.integer("digest_hour", true, 0, 23);
            f.throwIfAny("the alert rules");
            AlertRules rules = new AlertRules(hold, hour);
            return AlertRules.load(pool).compose(before -> rules.save(pool)
                    .compose(v -> audit.record(ctx, "notifications.rules_changed", new AuditLog.Target("alert_rules", "1", "alert rules"),
                            new JsonObject().put("before", before.toJson()).put("after", rules.toJson())))
                    .map(v -> rules.toJson()));
        }));
    }
}
