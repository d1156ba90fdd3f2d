package io.goalpost.platform.api;

import io.goalpost.platform.config.HttpBinding;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Answers only requests addressed to one of the server's own names (the {@code Host} header), so that
 * a web page whose name an attacker points at this machine (DNS rebinding) cannot read or change
 * anything: its requests carry the attacker's name and get 421. The names are those of
 * {@link HttpBinding#hostNames()}; ports are not compared (an SSH tunnel or a proxy may change them,
 * and a rebinding page cannot send a loopback name whatever its port).
 *
 * <p>{@code GET /api/health} is answered for any name: probes of load balancers and container
 * platforms address the server by an IP address that is none of its names, and the answer says only
 * whether the server and its database are up and how many plugins are loaded.
 */
public final class HostCheck implements Handler<RoutingContext> {

    private final Set<String> names;
    private final String scheme;

    public HostCheck(HttpBinding binding) {
        this.names = binding.hostNames();
        this.scheme = binding.tls().isPresent() ? "https" : "http";
    }

    @Override
    public void handle(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        String name = authority == null || authority.host() == null ? "" : HttpBinding.normalise(authority.host());
        boolean single = ctx.request().headers().getAll("Host").size() <= 1;
        if (single && names.contains(name) || isHealthProbe(ctx)) {
            ctx.next();
            return;
        }
        String given = authority == null ? null : shown(ctx.request().getHeader("Host") == null
                ? authority.host() : ctx.request().getHeader("Host"));
        if (!single || name.isEmpty()) {
            refuse(ctx, 400, single ? "the request names no host (Host header): Goalpost answers only requests addressed"
                    + " to one of its names" : "the request has more than one Host header", given);
        } else {
            refuse(ctx, 421, "Goalpost does not answer to the name '" + given + "' (a safeguard against DNS rebinding)."
                    + " If this is how people reach it, start it with --public-url " + scheme + "://" + given
                    + " (environment GOALPOST_PUBLIC_URL).", given);
        }
    }

    private static void refuse(RoutingContext ctx, int status, String message, String given) {
        ctx.response().putHeader("Cache-Control", "no-store");
        if (ctx.normalizedPath().startsWith("/api/")) {
            Responses.json(ctx, status, new JsonObject().put("error", message)
                    .put("details", new JsonObject().put("host", given).put("setting", "--public-url (GOALPOST_PUBLIC_URL)")));
        } else {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
        }
    }

    /** The Host as given (Vert.x has checked its characters), cut at the longest DNS name. */
    private static String shown(String host) {
        return host.length() > 260 ? host.substring(0, 260) + "…" : host;
    }

    private static boolean isHealthProbe(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return (m == HttpMethod.GET || m == HttpMethod.HEAD) && ctx.normalizedPath().equals("/api/health");
    }
}
