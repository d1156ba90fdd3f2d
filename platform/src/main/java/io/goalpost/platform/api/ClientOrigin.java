package io.goalpost.platform.api;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is on the other end of a request: the client's address (for sign-in limits and the audit log)
 * and whether it reached us over HTTPS (for {@code Secure} cookies).
 */
public final class ClientOrigin {

    private ClientOrigin() {
    }

    /** The client's IP address, or {@code "unknown"}. */
    public static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    /** Whether the client's connection is HTTPS. */
    public static boolean secure(RoutingContext ctx) {
        return ctx.request().isSSL();
    }
}
