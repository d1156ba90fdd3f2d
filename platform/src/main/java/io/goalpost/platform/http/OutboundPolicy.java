package io.goalpost.platform.http;

import io.goalpost.platform.config.ServerConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Where Goalpost may send requests on behalf of an account: the one place for the outbound rules,
 * applied when an account's URL settings are saved ({@code POST}/{@code PUT /api/accounts}) and to
 * every request an adapter sends through {@link HostHttpPort}.
 *
 * <ol>
 *   <li>The scheme is {@code https}; {@code http} only when the operator started Goalpost with
 *       {@code --allow-private-api-hosts} (the demo's and the tests' local sandboxes speak plain HTTP).</li>
 *   <li>No user name or password in the URL.</li>
 *   <li>The host is one the network's plugin declares, or one the operator added
 *       ({@code GOALPOST_EXTRA_ALLOWED_HOSTS}).</li>
 *   <li>The host name is resolved (JDK resolver) and <em>every</em> address it resolves to is checked:
 *       loopback, private (RFC 1918, 100.64/10, fc00::/7) and the like are refused unless the operator
 *       allows them with {@code --allow-private-api-hosts}; link-local (169.254/16 with the cloud metadata
 *       service, fe80::/10), unspecified (0.0.0.0, ::), multicast, broadcast, documentation and other
 *       reserved ranges are refused always. IPv4 addresses carried in IPv6 (mapped, translated, NAT64,
 *       6to4) are judged by the IPv4 address they carry.</li>
 *   <li>Goalpost's own listening port on any address of this machine is refused always: an adapter never
 *       calls the Goalpost API.</li>
 * </ol>
 *
 * A target that passes comes back with the address it was checked against; {@link HostHttpPort}
 * connects to exactly that address (while the Host header and TLS name stay the URL's host), so a DNS
 * answer that changes between check and use cannot lead anywhere unchecked.
 *
 * <p>Immutable: built once from the server's configuration. The one value read late is the port the
 * server listens on ({@code --port 0} picks one at start), through {@code ownPort}.
 */
public final class OutboundPolicy {

    /** The command-line option that allows loopback and private addresses (and plain http). */
    public static final String FLAG = "--allow-private-api-hosts";
    /** Its environment variable. */
    public static final String ENV = "GOALPOST_ALLOW_PRIVATE_API_HOSTS";

    /** Resolves a host name (or an address literal) to addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The JDK's resolver (the system's hosts file and DNS). */
    public static final Resolver JDK_RESOLVER = InetAddress::getAllByName;

    private final boolean allowPrivate;
    private final Set<String> extraHosts;
    private final IntSupplier ownPort;
    private final Resolver resolver;

    /**
     * @param allowPrivate {@code --allow-private-api-hosts}: loopback and private addresses and plain http allowed
     * @param extraHosts hosts any network may call besides those its plugin declares
     * @param ownPort the port this server listens on (0 until known)
     * @param resolver how host names are resolved
     */
    public OutboundPolicy(boolean allowPrivate, Set<String> extraHosts, IntSupplier ownPort, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        Set<String> hosts = new HashSet<>();
        extraHosts.forEach(h -> {
            String n = normalizeHost(h);
            if (!n.isEmpty()) {
                hosts.add(n);
            }
        });
        this.extraHosts = Set.copyOf(hosts);
        this.ownPort = Objects.requireNonNull(ownPort, "ownPort is null");
        this.resolver = Objects.requireNonNull(resolver, "resolver is null");
    }

    /** The policy of a server configuration, with the JDK resolver. */
    public static OutboundPolicy of(ServerConfig config, IntSupplier ownPort) {
        return new OutboundPolicy(config.allowPrivateApiHosts(), config.extraAllowedHosts(), ownPort, JDK_RESOLVER);
    }

    /** Whether loopback and private addresses (and plain http) are allowed. */
    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** The hosts the operator added for every network. */
    public Set<String> extraHosts() {
        return extraHosts;
    }

    /** A target that passed the rules: where to connect, and the URI to send. */
    public record Target(URI uri, String host, int port, InetAddress address) {
    }

    /** Why a target is refused. */
    public enum Reason {
        NOT_A_URL, SCHEME, CREDENTIALS_IN_URL, HOST_NOT_ALLOWED, UNRESOLVED, BLOCKED_ADDRESS, OWN_PORT
    }

    /** A refused target, with the reason in words (never a secret: URLs are shown as scheme, host and port). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        /** The rule that refused. */
        public Reason reason() {
            return reason;
        }
    }

    /**
     * Checks a URL setting of an account before it is saved. Messages start with the field's key.
     *
     * @param field the configuration key, e.g. {@code api_base_url}
     * @param value the URL as entered
     * @param pluginHosts the hosts the network's plugin declares
     */
    public Target checkSetting(String field, String value, Set<String> pluginHosts) throws Refused {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (java.net.URISyntaxException e) {
            throw new Refused(Reason.NOT_A_URL, field + " is not a URL");
        }
        return check(field, uri, pluginHosts);
    }

    /** Checks one request an adapter sends. Messages start with "the request to HOST". */
    public Target checkRequest(URI uri, Set<String> pluginHosts) throws Refused {
        String host = uri.getHost() == null ? "(no host)" : uri.getHost();
        return check("the request to " + host, uri, pluginHosts);
    }

    private Target check(String subject, URI uri, Set<String> pluginHosts) throws Refused {
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused(Reason.NOT_A_URL, subject + " is not an absolute URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!allowPrivate) {
                throw new Refused(Reason.SCHEME, subject + " must start with https:// (Goalpost sends credentials only "
                        + "over TLS; http:// is accepted only when started with " + FLAG + ", for local sandboxes)");
            }
        } else if (!scheme.equals("https")) {
            throw new Refused(Reason.SCHEME, subject + " must be an https:// URL, not " + scheme + "://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused(Reason.CREDENTIALS_IN_URL, subject + " must not contain a user name or password");
        }
        String host = normalizeHost(uri.getHost());
        if (!allowedHost(host, pluginHosts)) {
            Set<String> allowed = new TreeSet<>();
            pluginHosts.forEach(h -> allowed.add(normalizeHost(h)));
            allowed.addAll(extraHosts);
            throw new Refused(Reason.HOST_NOT_ALLOWED, subject + " points at host '" + host
                    + "', which this network may not call (allowed: " + String.join(", ", allowed)
                    + "; the operator can add hosts with GOALPOST_EXTRA_ALLOWED_HOSTS)");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused(Reason.UNRESOLVED, subject + ": the name '" + host + "' does not resolve to an address");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused(Reason.UNRESOLVED, subject + ": the name '" + host + "' does not resolve to an address");
        }
        InetAddress pinned = null;
        for (InetAddress a : addresses) {
            InetAddress bare = bare(a);
            Range range = classify(bare);
            if (range != null && !(range.privateNetwork() && allowPrivate)) {
                String shown = shown(bare);
                throw new Refused(Reason.BLOCKED_ADDRESS, subject + " points at " + range.words() + " (" + shown + ")"
                        + (range.privateNetwork()
                                ? "; Goalpost refuses it unless started with " + FLAG
                                : "; Goalpost never calls such addresses"));
            }
            if (port == ownPort.getAsInt() && isThisMachine(bare)) {
                throw new Refused(Reason.OWN_PORT, subject + " points at Goalpost itself (" + hostPort(bare, port)
                        + "); Goalpost never sends requests to its own port");
            }
            if (pinned == null) {
                pinned = bare;
            }
        }
        return new Target(uri, host, port, pinned);
    }

    private boolean allowedHost(String host, Set<String> pluginHosts) {
        if (extraHosts.contains(host)) {
            return true;
        }
        for (String h : pluginHosts) {
            if (normalizeHost(h).equals(host)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, without IPv6 brackets and without a final dot. */
    static String normalizeHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** The address without the host name the resolver attached (so nothing resolves it again). */
    private static InetAddress bare(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of length " + a.getAddress().length, e);
        }
    }

    private static String hostPort(InetAddress a, int port) {
        return (a instanceof Inet4Address ? shown(a) : "[" + shown(a) + "]") + ":" + port;
    }

    /** An address as people write it: IPv6 with its longest run of zero groups shortened to {@code ::}. */
    static String shown(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Loopback, unspecified, or an address of one of this machine's interfaces. */
    private static boolean isThisMachine(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        byte[] v4 = embeddedIpv4(a.getAddress());
        if (v4 != null) {
            try {
                InetAddress inner = InetAddress.getByAddress(v4);
                if (inner.isLoopbackAddress() || inner.isAnyLocalAddress()) {
                    return true;
                }
                a = inner;
            } catch (UnknownHostException e) {
                return true;
            }
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return true; // cannot tell: assume it is ours, the port is refused either way
        }
    }

    /** A blocked range: what it is in words, and whether {@code --allow-private-api-hosts} opens it. */
    record Range(String words, boolean privateNetwork) {
    }

    private static final Range LOOPBACK = new Range("a loopback address", true);
    private static final Range PRIVATE = new Range("a private address", true);
    private static final Range SHARED = new Range("a private address (carrier-grade NAT)", true);
    private static final Range LINK_LOCAL = new Range("a link-local address, where cloud metadata services answer", false);
    private static final Range UNSPECIFIED = new Range("the unspecified address", false);
    private static final Range MULTICAST = new Range("a multicast address", false);
    private static final Range RESERVED = new Range("a reserved address", false);

    private record Cidr(byte[] prefix, int bits, Range range) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static Cidr cidr(String text, Range range) {
        int slash = text.indexOf('/');
        try {
            byte[] prefix = InetAddress.getByName(text.substring(0, slash)).getAddress();
            if (text.contains(":") && prefix.length == 4) {
                // InetAddress turns ::ffff:a.b.c.d into an IPv4 address; ranges here are written so it never does.
                throw new IllegalArgumentException("IPv6 range parsed as IPv4: " + text);
            }
            return new Cidr(prefix, Integer.parseInt(text.substring(slash + 1)), range);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** IPv4 special-purpose ranges (IANA registry) that no network API lives on. */
    private static final List<Cidr> IPV4 = List.of(
            cidr("0.0.0.0/8", UNSPECIFIED),
            cidr("10.0.0.0/8", PRIVATE),
            cidr("100.64.0.0/10", SHARED),
            cidr("127.0.0.0/8", LOOPBACK),
            cidr("169.254.0.0/16", LINK_LOCAL),
            cidr("172.16.0.0/12", PRIVATE),
            cidr("192.0.0.0/24", RESERVED),
            cidr("192.0.2.0/24", RESERVED),
            cidr("192.88.99.0/24", RESERVED),
            cidr("192.168.0.0/16", PRIVATE),
            cidr("198.18.0.0/15", RESERVED),
            cidr("198.51.100.0/24", RESERVED),
            cidr("203.0.113.0/24", RESERVED),
            cidr("224.0.0.0/4", MULTICAST),
            cidr("240.0.0.0/4", RESERVED));

    /** IPv6 special-purpose ranges; IPv4 carried inside IPv6 is handled before these. */
    private static final List<Cidr> IPV6 = List.of(
            cidr("::1/128", LOOPBACK),
            cidr("::/128", UNSPECIFIED),
            cidr("::/96", RESERVED),              // IPv4-compatible (deprecated)
            cidr("64:ff9b:1::/48", PRIVATE),      // local-use NAT64
            cidr("100::/64", RESERVED),           // discard-only
            cidr("2001::/32", RESERVED),          // Teredo
            cidr("2001:db8::/32", RESERVED),      // documentation
            cidr("fc00::/7", PRIVATE),            // unique local
            cidr("fe80::/10", LINK_LOCAL),
            cidr("fec0::/10", PRIVATE),           // site-local (deprecated)
            cidr("ff00::/8", MULTICAST));

    /**
     * The blocked range an address is in, or null for a public address. An IPv4 address carried in an
     * IPv6 one (::ffff:a.b.c.d, ::ffff:0:a.b.c.d, 64:ff9b::a.b.c.d, 2002:AABB:CCDD::) is judged as that
     * IPv4 address.
     */
    static Range classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] v4 = bytes.length == 16 ? embeddedIpv4(bytes) : bytes;
        if (v4 != null) {
            for (Cidr c : IPV4) {
                if (c.contains(v4)) {
                    return c.range();
                }
            }
            return null;
        }
        for (Cidr c : IPV6) {
            if (c.contains(bytes)) {
                return c.range();
            }
        }
        return null;
    }

    /** The IPv4 address an IPv6 address carries (mapped, translated, NAT64 well-known prefix, 6to4), or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        if (b.length == 4) {
            return b;
        }
        boolean zero80 = allZero(b, 0, 10);
        if (zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16); // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            return Arrays.copyOfRange(b, 12, 16); // ::ffff:0:a.b.c.d
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return Arrays.copyOfRange(b, 12, 16); // 64:ff9b::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 2002:AABB:CCDD::/48
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
