package io.goalpost.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the HTTP server listens and the names it answers to (README, "Deploying on a shared server").
 *
 * @param host the address to listen on ({@code --host}, {@code GOALPOST_HOST}); {@value #LOOPBACK} by
 *     default, so only this machine can connect; {@code 0.0.0.0} (or {@code ::}) for every interface
 * @param publicUrl the address people type, e.g. {@code https://goalpost.example.com}
 *     ({@code --public-url}, {@code GOALPOST_PUBLIC_URL}): its host name is answered, and an https one
 *     turns on HSTS (a TLS-terminating proxy in front)
 * @param tls certificate and private key (PEM) to serve HTTPS ({@code --tls-cert}, {@code --tls-key}),
 *     or empty for plain HTTP
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto}
 *     are believed ({@code --trusted-proxies}, {@code GOALPOST_TRUSTED_PROXIES}); none by default
 * @param idleTimeout how long a connection may stay open with nothing read or written before the server
 *     closes it ({@link #IDLE_TIMEOUT} by default)
 */
public record HttpBinding(String host, Optional<URI> publicUrl, Optional<Tls> tls, TrustedProxies trustedProxies,
        Duration idleTimeout) {

    /** The default address: loopback, reachable from this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The names of this machine that are always answered (normalised: lower case, no brackets). */
    public static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    /**
     * How long a connection may be idle (nothing read, nothing written) before the server closes it, so
     * that idle or stalled clients cannot hold connections for ever. As long as nginx waits for an answer
     * by default ({@code proxy_read_timeout}): an answer that took longer would fail behind it anyway.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * PEM files for HTTPS.
     *
     * @param certificate the certificate chain (PEM)
     * @param key its private key (PEM, PKCS#8 or PKCS#1)
     */
    public record Tls(Path certificate, Path key) {

        public Tls {
            Objects.requireNonNull(certificate, "certificate is null");
            Objects.requireNonNull(key, "key is null");
        }
    }

    public HttpBinding {
        Objects.requireNonNull(host, "host is null");
        host = host.strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--host must not be empty (default " + LOOPBACK + ")");
        }
        Objects.requireNonNull(publicUrl, "publicUrl is null");
        publicUrl.ifPresent(HttpBinding::checkPublicUrl);
        Objects.requireNonNull(tls, "tls is null");
        Objects.requireNonNull(trustedProxies, "trustedProxies is null");
        Objects.requireNonNull(idleTimeout, "idleTimeout is null");
        if (idleTimeout.toMillis() <= 0 || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the idle timeout must be from 1 ms to 24 days: " + idleTimeout);
        }
    }

    /** Trusting no proxy, closing connections idle for {@link #IDLE_TIMEOUT}. */
    public HttpBinding(String host, Optional<URI> publicUrl, Optional<Tls> tls) {
        this(host, publicUrl, tls, TrustedProxies.NONE, IDLE_TIMEOUT);
    }

    /** This binding believing the forwarded headers of {@code proxies}. */
    public HttpBinding withTrustedProxies(TrustedProxies proxies) {
        return new HttpBinding(host, publicUrl, tls, proxies, idleTimeout);
    }

    /** This binding closing connections idle for {@code timeout}. */
    public HttpBinding withIdleTimeout(Duration timeout) {
        return new HttpBinding(host, publicUrl, tls, trustedProxies, timeout);
    }

    /** Loopback only, plain HTTP, no public URL: the default. */
    public static HttpBinding loopback() {
        return new HttpBinding(LOOPBACK, Optional.empty(), Optional.empty());
    }

    /**
     * Reads a {@code --public-url}: an absolute http or https URL with a host and no path, query or
     * user; a clear {@link IllegalArgumentException} otherwise.
     */
    public static URI parsePublicUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--public-url is not a URL: " + e.getMessage());
        }
        checkPublicUrl(uri);
        return uri;
    }

    private static void checkPublicUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("--public-url must start with https:// or http://, got '" + uri + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("--public-url must name a host, e.g. https://goalpost.example.com, got '"
                    + uri + "'");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("--public-url must be the root of a host (Goalpost is served at /), e.g."
                    + " https://goalpost.example.com, got '" + uri + "'");
        }
    }

    /** Whether the server listens on every interface ({@code 0.0.0.0}, {@code ::}). */
    public boolean listensEverywhere() {
        String h = normalise(host);
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /** Whether only this machine can connect (the host is a loopback name or a 127.x.x.x address). */
    public boolean loopbackOnly() {
        String h = normalise(host);
        return LOOPBACK_NAMES.contains(h) || h.startsWith("127.") || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * Whether every answer carries {@code Strict-Transport-Security}: HTTPS is served, or the public URL is
     * https. (An answer to a request that a trusted proxy says came over https carries it too.)
     */
    public boolean hsts() {
        return tls.isPresent() || publicUrl.map(u -> u.getScheme().equalsIgnoreCase("https")).orElse(false);
    }

    /**
     * The names a request's {@code Host} may carry (normalised, see {@link #normalise}): the loopback
     * names, the public URL's host, and the {@code --host} when it is a name or a single address.
     */
    public Set<String> hostNames() {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        publicUrl.ifPresent(u -> names.add(normalise(u.getHost())));
        if (!listensEverywhere()) {
            names.add(normalise(host));
        }
        return Set.copyOf(names);
    }

    /** Where this process reaches its own server (the demo creates its goals through the API). */
    public String selfHost() {
        if (listensEverywhere()) {
            return LOOPBACK; // "::" takes IPv4 connections as well
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address to show people: the public URL, or this machine's with the port. */
    public String url(int port) {
        if (publicUrl.isPresent()) {
            String u = publicUrl.get().toString();
            return u.endsWith("/") ? u : u + "/";
        }
        String name = listensEverywhere() || loopbackOnly() ? "localhost" : host.contains(":") && !host.startsWith("[")
                ? "[" + host + "]" : host;
        return (tls.isPresent() ? "https" : "http") + "://" + name + ":" + port + "/";
    }

    /** A host name as compared: lower case, without IPv6 brackets or a trailing dot. */
    public static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }
}
