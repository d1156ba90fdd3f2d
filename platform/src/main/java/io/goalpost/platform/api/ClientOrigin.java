package io.goalpost.platform.api;

import io.goalpost.platform.config.TrustedProxies;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on the other end of a request: the client's address (for sign-in limits and the audit log)
 * and whether it reached us over HTTPS (for {@code Secure} cookies and HSTS).
 *
 * <p>The answer is settled once per request by {@link #resolver}, the first handler of the root router.
 * When the connection comes from one of the {@code --trusted-proxies}, that proxy's word is taken:
 * <ul>
 *   <li>{@code X-Forwarded-For} (every such header, in order, comma-separated): read from the right, the
 *       client is the first address that is not itself a trusted proxy; if every address is a trusted
 *       proxy, the leftmost one. An entry that is no IP address (e.g. {@code unknown}) ends the walk: the
 *       client is then the trusted hop that reported it. Ports ({@code 203.0.113.7:4711},
 *       {@code [2001:db8::7]:4711}) are dropped.</li>
 *   <li>{@code X-Forwarded-Proto}: its last value (the one the nearest proxy set): {@code https} makes
 *       the request secure, {@code http} not; anything else leaves it to the connection.</li>
 * </ul>
 * From any other peer both headers are ignored: the client is the peer and the request is secure when
 * the connection is TLS. {@code X-Forwarded-Host} is never read ({@link HostCheck} checks {@code Host},
 * which a proxy passes on), nor is {@code Forwarded} (RFC 7239).
 */
public final class ClientOrigin {

    private static final Logger LOG = LoggerFactory.getLogger(ClientOrigin.class);
    private static final String KEY = "goalpost.client-origin";

    /** What {@link #resolver} settled for a request. */
    private record Origin(String address, boolean secure) {
    }

    private ClientOrigin() {
    }

    /** The client's IP address, or {@code "unknown"}. */
    public static String address(RoutingContext ctx) {
        Origin origin = ctx.get(KEY);
        return origin != null ? origin.address() : peer(ctx);
    }

    /** Whether the client's connection is HTTPS (to us, or to a trusted proxy that says so). */
    public static boolean secure(RoutingContext ctx) {
        Origin origin = ctx.get(KEY);
        return origin != null ? origin.secure() : ctx.request().isSSL();
    }

    /**
     * The root router's first handler: settles the client's address and scheme, believing the
     * forwarded headers of {@code trusted} proxies only.
     */
    public static Handler<RoutingContext> resolver(TrustedProxies trusted) {
        if (!trusted.isEmpty()) {
            LOG.info("X-Forwarded-For and X-Forwarded-Proto are believed from the trusted proxies {} only", trusted);
        }
        return ctx -> {
            ctx.put(KEY, resolve(ctx, trusted));
            ctx.next();
        };
    }

    private static Origin resolve(RoutingContext ctx, TrustedProxies trusted) {
        boolean tls = ctx.request().isSSL();
        String peerText = peer(ctx);
        Optional<InetAddress> peer = TrustedProxies.address(peerText);
        if (peer.isEmpty() || !trusted.contains(peer.get())) {
            return new Origin(peer.map(InetAddress::getHostAddress).orElse(peerText), tls);
        }
        InetAddress client = client(peer.get(), ctx.request().headers().getAll("X-Forwarded-For"), trusted);
        String proto = last(ctx.request().headers().getAll("X-Forwarded-Proto")).toLowerCase(Locale.ROOT);
        boolean secure = proto.equals("https") || (tls && !proto.equals("http"));
        return new Origin(client.getHostAddress(), secure);
    }

    /** The client behind a trusted {@code peer}, from its {@code X-Forwarded-For} headers. */
    static InetAddress client(InetAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        InetAddress current = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = hopAddress(hops.get(i));
            if (hop.isEmpty()) {
                return current; // the trusted hop that passed on something that is no address
            }
            current = hop.get();
            if (!trusted.contains(current)) {
                return current;
            }
        }
        return current;
    }

    /** An X-Forwarded-For entry: an address, maybe with a port ({@code a.b.c.d:p}, {@code [v6]:p}). */
    private static Optional<InetAddress> hopAddress(String hop) {
        if (hop.startsWith("[") && hop.contains("]")) {
            return TrustedProxies.address(hop.substring(1, hop.indexOf(']')));
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':')) {
            return TrustedProxies.address(hop.substring(0, colon)); // IPv4 with a port
        }
        return TrustedProxies.address(hop);
    }

    private static String last(List<String> headers) {
        if (headers.isEmpty()) {
            return "";
        }
        String[] values = headers.get(headers.size() - 1).split(",");
        return values.length == 0 ? "" : values[values.length - 1].strip();
    }

    private static String peer(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
