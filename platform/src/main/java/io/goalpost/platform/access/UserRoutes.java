package io.goalpost.platform.access;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Users for admins: {@code /api/users} (platform/API-access.md, "Admin"). */
public final class UserRoutes implements RouteModule {

    private final AccessControl access;

    public UserRoutes(AccessControl access) {
        this.access = access;
    }

    @Override
    public void mount(ApiRoutes routes) {
        AuditLog audit = access.audit();
        Users users = access.users();
        routes.get("/users", Access.ADMIN, Handlers.reply(200, ctx -> users.list()
                .map(list -> new JsonArray(list.stream().map(User::toJson).toList()))));
        routes.post("/users", Access.ADMIN, Handlers.reply(201, audit.after("user.created", ctx -> {
            JsonObject body = Requests.jsonBody(ctx);
            String password = body.getValue("password") instanceof String s ? s : null;
            return users.create(SessionRoutes.text(body, "username"), password, Role.parse(SessionRoutes.text(body, "role")))
                    .map(User::toJson);
        }, UserRoutes::target, (ctx, u) -> new JsonObject().put("role", u.getString("role")))));
        routes.put("/users/:id", Access.ADMIN, Handlers.reply(200, audit.after("user.updated", ctx -> {
            JsonObject body = Requests.jsonBody(ctx);
            Optional<Role> role = Optional.ofNullable(body.getValue("role")).map(r -> Role.parse(String.valueOf(r)));
            Object disabled = body.getValue("disabled");
            if (disabled != null && !(disabled instanceof Boolean)) {
                throw ApiError.badRequest("disabled must be true or false");
            }
            if (role.isEmpty() && disabled == null) {
                throw ApiError.badRequest("send \"role\" and/or \"disabled\"");
            }
            return users.update(Requests.idParam(ctx, "id"), role, Optional.ofNullable((Boolean) disabled)).map(User::toJson);
        }, UserRoutes::target, (ctx, u) -> changes(Requests.jsonBody(ctx)))));
        routes.put("/users/:id/password", Access.ADMIN, Handlers.noContent(audit.after("user.password_reset", ctx -> {
            JsonObject body = Requests.jsonBody(ctx);
            long id = Requests.idParam(ctx, "id");
            String password = body.getValue("password") instanceof String s ? s : null;
            if (password == null) {
                throw ApiError.badRequest("send {\"password\"}");
            }
            return users.setPassword(id, password, null).compose(v -> users.get(id)).map(User::toJson);
        }, UserRoutes::target)));
        routes.delete("/users/:id", Access.ADMIN, Handlers.noContent(audit.after("user.deleted",
                ctx -> users.delete(Requests.idParam(ctx, "id")).map(User::toJson), UserRoutes::target)));
    }

    private static AuditLog.Target target(io.vertx.ext.web.RoutingContext ctx, JsonObject user) {
        return AuditLog.Target.of("user", user.getLong("id"), user.getString("username"));
    }

    private static JsonObject changes(JsonObject body) {
        JsonObject out = new JsonObject();
        if (body.containsKey("role")) {
            out.put("role", String.valueOf(body.getValue("role")));
        }
        if (body.containsKey("disabled")) {
            out.put("disabled", body.getValue("disabled"));
        }
        return out;
    }
}
