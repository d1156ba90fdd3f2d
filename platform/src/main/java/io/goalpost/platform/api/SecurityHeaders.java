package io.goalpost.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries (API, static files, errors, 404s), set before any other handler
 * runs; mounted as a failure handler too, for requests the router fails before any handler runs
 * (e.g. an HTTP/1.1 request without a valid {@code Host}). The UI loads only its own scripts, styles and data (no inline script or style, no
 * {@code eval}), so the policy names nothing but {@code 'self'}.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

    /** The Content-Security-Policy of every answer. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** HSTS: one year, this host only (other services on sibling names are not forced onto HTTPS). */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private final boolean hsts;

    /**
     * Headers with {@code Strict-Transport-Security} when {@code hsts}, and on answers to requests that a
     * trusted proxy says came over https ({@link ClientOrigin#secure}).
     */
    public SecurityHeaders(boolean hsts) {
        this.hsts = hsts;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!ctx.response().headWritten()) {
            apply(ctx.response().headers(), hsts || ClientOrigin.secure(ctx));
        }
        ctx.next();
    }

    private static void apply(MultiMap headers, boolean hsts) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("X-Frame-Options", "DENY");
        if (hsts) {
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
    }
}
