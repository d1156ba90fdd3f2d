package io.goalpost.platform.access;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Cross-site request forgery: a browser adds the session cookie to requests another site makes it
 * send. A state-changing request authenticated by that cookie must therefore prove it comes from our
 * own page: the {@code X-CSRF-Token} header with the session's token (which another site can neither
 * read nor set without a CORS preflight this server never grants), and, when the browser says where
 * the request comes from ({@code Origin}, {@code Sec-Fetch-Site}), that place must be us.
 */
final class Csrf {

    /** The header our page sends. */
    static final String HEADER = "X-CSRF-Token";

    private Csrf() {
    }

    /** Why the request is refused, or empty when it may go on. */
    static Optional<String> refusal(RoutingContext ctx, Principal principal, Optional<String> publicOrigin) {
        HttpMethod method = ctx.request().method();
        if (principal.session().isEmpty() || method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return Optional.empty();
        }
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin")) {
            return Optional.of("the request comes from another site (Sec-Fetch-Site: " + site + ")");
        }
        String origin = ctx.request().getHeader("Origin");
        // The origin the request addressed, or the public URL's (a TLS-terminating proxy in front that
        // is not among the trusted proxies makes the request look like plain http to us).
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(ctx)) && !publicOrigin.map(origin::equalsIgnoreCase).orElse(false)) {
            return Optional.of("the request comes from another origin");
        }
        String sent = ctx.request().getHeader(HEADER);
        String expected = principal.session().get().csrfToken();
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the " + HEADER + " header is missing or not this session's");
        }
        return Optional.empty();
    }

    /**
     * The origin the client addressed: its scheme and the authority it sent ({@code Host}, or HTTP/2's
     * {@code :authority}), which {@code HostCheck} admitted.
     */
    private static String ownOrigin(RoutingContext ctx) {
        io.vertx.core.net.HostAndPort authority = ctx.request().authority();
        String host = authority == null ? "" : authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
        return (io.goalpost.platform.api.ClientOrigin.secure(ctx) ? "https://" : "http://") + host;
    }
}
