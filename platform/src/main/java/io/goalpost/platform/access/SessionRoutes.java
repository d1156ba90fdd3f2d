package io.goalpost.platform.access;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.ClientOrigin;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Signing in and out, the first admin, and changing one's own password: {@code GET/POST/DELETE
 * /api/session}, {@code POST /api/setup}, {@code PUT /api/session/password} (platform/API-access.md).
 */
public final class SessionRoutes implements RouteModule {

    private final AccessControl access;

    public SessionRoutes(AccessControl access) {
        this.access = access;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/session", Access.ANYONE, ctx -> {
            Optional<Principal> p = Principal.of(ctx);
            if (p.isPresent()) {
                Responses.json(ctx, 200, json(p.get()));
                return;
            }
            Responses.reply(ctx, 401, access.users().anyExists().map(any -> new JsonObject().put("error", "sign in required")
                    .put("setup_required", !any).put("demo", access.isDemo())));
        });
        routes.post("/session", Access.ANYONE, Handlers.reply(200, this::signIn));
        routes.delete("/session", Access.ANYONE, Handlers.noContent(this::signOut));
        routes.post("/setup", Access.ANYONE, Handlers.reply(201, this::setUp));
        routes.put("/session/password", Access.VIEWER, Handlers.noContent(this::changePassword));
    }

    /** What {@code GET /api/session} says about a signed-in request. */
    static JsonObject json(Principal p) {
        return new JsonObject().put("user", new JsonObject().put("id", p.userId()).put("username", p.username())
                .put("role", p.role().id())).put("via", p.via().id())
                .put("csrf_token", p.session().map(Principal.SessionRef::csrfToken).orElse(null));
    }

    private Future<JsonObject> signIn(RoutingContext ctx) {
        JsonObject body = Requests.jsonBody(ctx);
        String username = text(body, "username");
        String password = body.getValue("password") instanceof String s ? s : null;
        if (username == null || password == null) {
            throw ApiError.badRequest("send {\"username\", \"password\"}");
        }
        String address = ClientOrigin.address(ctx);
        return access.limiter().lock(username, address).compose(lock -> {
            if (lock.isPresent()) {
                long minutes = (lock.get().retryAfterSeconds() + 59) / 60;
                ctx.response().putHeader("Retry-After", Long.toString(lock.get().retryAfterSeconds()));
                return Future.failedFuture(new ApiError(429, "too many failed sign-ins " + (lock.get().byUser()
                        ? "for this user" : "from your address") + "; try again in " + minutes + (minutes == 1 ? " minute" : " minutes"),
                        new JsonObject().put("retry_after_seconds", lock.get().retryAfterSeconds())));
            }
            return access.users().byName(username).compose(found -> access.vertx().executeBlocking(() ->
                    Passwords.matches(password, found.map(Users.WithHash::passwordHash).orElse(null)), false)
                    .compose(matches -> {
                        if (!matches || found.isEmpty() || found.get().user().disabled()) {
                            // The user's name only when it exists: a password typed into the name field stays out of the log.
                            JsonObject details = new JsonObject().put("reason", found.isEmpty() ? "unknown user"
                                    : found.get().user().disabled() ? "user disabled" : "wrong password");
                            AuditLog.Target target = found.map(f -> AuditLog.Target.of("user", f.user().id(), f.user().username()))
                                    .orElse(null);
                            return access.limiter().failed(username, address)
                                    .compose(v -> access.audit().record(ctx, "session.sign_in_failed", target, details))
                                    .compose(v -> Future.failedFuture(new ApiError(401, "wrong username or password", null)));
                        }
                        return startSession(ctx, found.get().user(), "session.signed_in", "session");
                    }));
        });
    }

    private Future<JsonObject> startSession(RoutingContext ctx, User user, String action, String via) {
        return access.limiter().succeeded(user.username())
                .compose(v -> access.users().signedIn(user.id()))
                .compose(v -> access.sessions().start(user.id()))
                .compose(created -> {
                    access.authenticator().setCookie(ctx, created.cookieValue());
                    Principal p = new Principal(user.id(), user.username(), user.role(), Principal.Via.SESSION,
                            Optional.of(created.ref()), Optional.empty());
                    return access.audit().record(new AuditLog.Actor(user.id(), user.username(), via), ClientOrigin.address(ctx),
                            action, AuditLog.Target.of("user", user.id(), user.username()), null).map(v -> json(p));
                });
    }

    private Future<Void> signOut(RoutingContext ctx) {
        access.authenticator().clearCookie(ctx);
        Optional<Principal> p = Principal.of(ctx).filter(x -> x.session().isPresent());
        if (p.isEmpty()) {
            return Future.succeededFuture();
        }
        return access.sessions().end(p.get().session().get().idHash())
                .compose(v -> access.audit().record(ctx, "session.signed_out",
                        AuditLog.Target.of("user", p.get().userId(), p.get().username()), null));
    }

    private Future<JsonObject> setUp(RoutingContext ctx) {
        JsonObject body = Requests.jsonBody(ctx);
        String password = body.getValue("password") instanceof String s ? s : null;
        return access.setup().createFirstAdmin(text(body, "setup_token"), text(body, "username"), password)
                .compose(user -> startSession(ctx, user, "setup.admin_created", "setup"));
    }

    private Future<Void> changePassword(RoutingContext ctx) {
        Principal p = Principal.required(ctx);
        JsonObject body = Requests.jsonBody(ctx);
        String current = body.getValue("current_password") instanceof String s ? s : null;
        String next = body.getValue("new_password") instanceof String s ? s : null;
        if (current == null || next == null) {
            throw ApiError.badRequest("send {\"current_password\", \"new_password\"}");
        }
        return access.users().hashOf(p.userId())
                .compose(hash -> access.vertx().executeBlocking(() -> Passwords.matches(current, hash), false))
                .compose(ok -> ok ? access.users().setPassword(p.userId(), next, p.session().map(Principal.SessionRef::idHash).orElse(null))
                        : Future.failedFuture(new ApiError(403, "the current password is not right", null)))
                .compose(v -> access.audit().record(ctx, "session.password_changed",
                        AuditLog.Target.of("user", p.userId(), p.username()), null));
    }

    static String text(JsonObject body, String key) {
        return body.getValue(key) instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
