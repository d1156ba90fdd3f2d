package io.goalpost.platform.access;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ClientOrigin;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.config.HttpBinding;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Finds out who a request acts for and enforces what its route allows: {@link #identify} reads an
 * API token ({@code Authorization: Bearer}) or the session cookie; {@link #requireSignedIn} answers
 * 401 to anyone else; {@link #authorize} answers 403 to a role below the route's and to a cross-site
 * request ({@link Csrf}).
 */
public final class Authenticator {

    private final Sessions sessions;
    private final ApiTokens tokens;
    private final boolean secureCookies;
    private final Optional<String> publicOrigin;

    /**
     * @param binding where people reach the server: with TLS or an https public URL the cookie is
     *     {@code Secure} (even when a proxy talks plain HTTP to us), and the public URL's origin is one
     *     a browser's change may come from
     */
    public Authenticator(Sessions sessions, ApiTokens tokens, HttpBinding binding) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.secureCookies = binding.hsts();
        this.publicOrigin = binding.publicUrl().map(u -> (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(java.util.Locale.ROOT));
    }

    /** Attaches the request's principal, if it has a valid token or session; a bearer value that is not a live token is refused (401). */
    public Handler<RoutingContext> identify() {
        return ctx -> {
            // The look-up is asynchronous: hold the body until a route's reader takes it. A request
            // answered before that (401, 403, 415) has the rest of its body drained, not left to stall the client.
            ctx.request().pause();
            ctx.addHeadersEndHandler(v -> {
                if (!ctx.request().isEnded()) {
                    ctx.request().resume();
                }
            });
            String authorization = ctx.request().getHeader("Authorization");
            Future<Optional<Principal>> found;
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                found = tokens.resolve(authorization.substring(7).strip()).compose(p -> p.isPresent() ? Future.succeededFuture(p)
                        : Future.failedFuture(new ApiError(401, "the API token is not valid: unknown, revoked or expired", null)));
            } else {
                Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
                found = cookie == null || cookie.getValue().isBlank() ? Future.succeededFuture(Optional.empty())
                        : sessions.resolve(cookie.getValue());
            }
            found.onSuccess(p -> {
                p.ifPresent(principal -> principal.attachTo(ctx));
                ctx.next();
            }).onFailure(e -> Responses.error(ctx, e));
        };
    }

    /** 401 for a request without a principal. */
    public Handler<RoutingContext> requireSignedIn() {
        return ctx -> {
            if (Principal.of(ctx).isPresent()) {
                ctx.next();
            } else {
                Responses.json(ctx, 401, new JsonObject().put("error", "sign in required"));
            }
        };
    }

    /** 403 for a principal whose role is below the route's, or a cookie-authenticated cross-site change. */
    public Handler<RoutingContext> authorize(Access access) {
        Role needed = access.role().orElseThrow(() -> new IllegalArgumentException("public routes need no authorization"));
        return ctx -> {
            Principal p = Principal.required(ctx);
            if (!p.role().includes(needed)) {
                Responses.json(ctx, 403, new JsonObject().put("error", "needs the " + needed.id() + " role (you are "
                        + p.role().id() + ")"));
                return;
            }
            Optional<String> csrf = Csrf.refusal(ctx, p, publicOrigin);
            if (csrf.isPresent()) {
                Responses.json(ctx, 403, new JsonObject().put("error", "cross-site request refused: " + csrf.get()));
                return;
            }
            ctx.next();
        };
    }

    /** Sets the session cookie on the answer. */
    void setCookie(RoutingContext ctx, String value) {
        ctx.response().addCookie(cookie(ctx, value).setMaxAge(Sessions.LIFETIME.toSeconds()));
    }

    /** Clears the session cookie. */
    void clearCookie(RoutingContext ctx) {
        ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
    }

    private Cookie cookie(RoutingContext ctx, String value) {
        return Cookie.cookie(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secureCookies || ClientOrigin.secure(ctx));
    }
}
