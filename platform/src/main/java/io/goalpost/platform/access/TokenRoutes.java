package io.goalpost.platform.access;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Optional;

/** API tokens: {@code /api/tokens} (platform/API-access.md, "Any signed-in user"). */
public final class TokenRoutes implements RouteModule {

    private final AccessControl access;

    public TokenRoutes(AccessControl access) {
        this.access = access;
    }

    @Override
    public void mount(ApiRoutes routes) {
        AuditLog audit = access.audit();
        routes.get("/tokens", Access.VIEWER, Handlers.reply(200, ctx -> {
            Principal p = Principal.required(ctx);
            boolean all = "true".equalsIgnoreCase(ctx.queryParams().get("all"));
            if (all && p.role() != Role.ADMIN) {
                throw new ApiError(403, "only admins see everyone's tokens", null);
            }
            return access.tokens().list(all ? Optional.empty() : Optional.of(p.userId()));
        }));
        routes.post("/tokens", Access.VIEWER, Handlers.reply(201, audit.after("token.created", this::create,
                (ctx, created) -> target(created.getLong("id"), created.getString("name")),
                (ctx, created) -> new JsonObject().put("role", created.getString("role"))
                        .put("user", created.getJsonObject("user").getString("username"))
                        .put("expires_at", created.getString("expires_at")))));
        routes.delete("/tokens/:id", Access.VIEWER, Handlers.noContent(audit.after("token.revoked",
                ctx -> access.tokens().revoke(Requests.idParam(ctx, "id"), Principal.required(ctx)),
                (ctx, revoked) -> target(revoked.getLong("id"), revoked.getString("name")))));
    }

    private io.vertx.core.Future<JsonObject> create(RoutingContext ctx) {
        Principal p = Principal.required(ctx);
        JsonObject body = Requests.jsonBody(ctx);
        Object forUser = body.getValue("user_id");
        if (forUser != null && !(forUser instanceof Number)) {
            throw ApiError.badRequest("user_id must be a user's id");
        }
        long ownerId = forUser == null ? p.userId() : ((Number) forUser).longValue();
        if (ownerId != p.userId() && p.role() != Role.ADMIN) {
            throw new ApiError(403, "only admins create tokens for other users", null);
        }
        Optional<LocalDate> expires = Optional.ofNullable(SessionRoutes.text(body, "expires_at"))
                .map(d -> Requests.parseDate("expires_at", d));
        String name = SessionRoutes.text(body, "name");
        Optional<Role> asked = Optional.ofNullable(SessionRoutes.text(body, "role")).map(Role::parse);
        LocalDate today = LocalDate.now(access.clock());
        return access.users().get(ownerId).compose(owner -> {
            Role role = asked.orElse(Role.lower(owner.role(), p.role()));
            if (!p.role().includes(role)) {
                // a viewer-role token of an admin must not mint an admin token
                throw new ApiError(403, "a token's role cannot be higher than yours (" + p.role().id() + ")", null);
            }
            return access.tokens().create(owner, name, role, expires, today);
        }).map(created -> created.json().copy().put("token", created.value()));
    }

    private static AuditLog.Target target(long id, String name) {
        return AuditLog.Target.of("token", id, name);
    }
}
