package io.goalpost.platform.http;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.platform.security.Redactor;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's implementation of the adapters' HTTP port, over the Vert.x web client. Every request,
 * and every redirect it follows, passes the {@link OutboundPolicy} (allowed hosts, https, every
 * resolved address checked) and is sent to exactly the address that was checked, with the URL's host
 * in the Host header and as the TLS server name: a DNS answer that changes after the check is never
 * used. Redirects are followed only within the same origin (scheme, host and port); a redirect
 * anywhere else is not followed, so credentials never travel to another host. Every call is bounded
 * by a timeout, and requests are logged with secrets removed. Adapters call it from worker threads;
 * it refuses to block an event loop.
 */
public final class HostHttpPort implements HttpPort {

    private static final Logger LOG = LoggerFactory.getLogger(HostHttpPort.class);
    /** Same-origin redirects followed for one request at most. */
    static final int MAX_REDIRECTS = 5;
    /** The fewest connections per network host, whatever the sync threads (see {@link #connectionsPerHost}). */
    public static final int MIN_CONNECTIONS_PER_HOST = 4;

    private final WebClient client;
    private final OutboundPolicy policy;
    private final Set<String> pluginHosts;
    private final Redactor redactor;
    private final Duration timeout;

    /**
     * @param pluginHosts the hosts the network's plugin declares ({@code AdapterDescriptor.allowedHosts()});
     *     the policy adds the operator's extra hosts
     */
    public HostHttpPort(WebClient client, OutboundPolicy policy, Set<String> pluginHosts, Redactor redactor,
            Duration timeout) {
        this.client = client;
        this.policy = policy;
        this.pluginHosts = Set.copyOf(pluginHosts);
        this.redactor = redactor;
        this.timeout = timeout;
    }

    /**
     * The host's client for the networks' APIs (and webhooks and token exchanges). Redirects are
     * followed by {@link #send} after its own checks, never by the client. Per network host it keeps
     * twice as many connections as syncs run at once: each sync waits for one call at a time, and a
     * connection whose answer has just been read may not be back in the pool when the same sync's next
     * call asks (Vert.x's default of 5 connections queued the syncs).
     * <p>
     * Nothing waits for a connection: a request the pool has no room for fails at once, and the sync
     * retries it like any transient failure. Vert.x 5.0's pool can give a waiting request a connection
     * and then fire its wait timer as well (eclipse-vertx/vert.x#6169, fixed in 5.1.3; docs/performance.md
     * says why this build stays on 5.0), which failed the request's connection promise after it had been
     * completed and logged a stack trace each time (over a hundred in a 16-minute sync benchmark). So
     * requests set no wait timer, and the wait queue is empty.
     */
    public static WebClient webClient(Vertx vertx, int syncThreads) {
        return WebClient.create(vertx, new WebClientOptions().setUserAgent("Goalpost/0.1")
                .setConnectTimeout(10_000).setFollowRedirects(false),
                new PoolOptions().setHttp1MaxSize(connectionsPerHost(syncThreads)).setMaxWaitQueueSize(0));
    }

    /**
     * Connections per network host: twice the syncs that run at once, and never fewer than
     * {@link #MIN_CONNECTIONS_PER_HOST}, because calls outside the syncs share the pool: with one sync
     * thread, an OAuth exchange beside a sync and a webhook's delivery would otherwise find none free.
     */
    public static int connectionsPerHost(int syncThreads) {
        return Math.max(MIN_CONNECTIONS_PER_HOST, 2 * syncThreads);
    }

    @Override
    public HttpResponse send(HttpRequest request) throws AdapterException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("adapter HTTP call on an event loop: adapters must run on workers");
        }
        HttpRequest current = request;
        for (int redirects = 0; ; redirects++) {
            OutboundPolicy.Target target = checked(current.uri());
            HttpResponse response = exchange(current, target);
            String location = isRedirect(response.status()) ? response.header("Location") : null;
            if (location == null) {
                return response;
            }
            URI next;
            try {
                next = current.uri().resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new AdapterException.BadResponse(target.host() + " answered HTTP " + response.status()
                        + " with a Location that is not a URL");
            }
            if (!sameOrigin(current.uri(), next)) {
                String to = next.getHost() == null ? "an address without a host" : origin(next);
                LOG.warn("Not following a redirect from {} to {} (HTTP {})", origin(current.uri()), to, response.status());
                throw new AdapterException.ConfigInvalid(origin(current.uri()) + " answered HTTP " + response.status()
                        + " redirecting to " + to + "; Goalpost does not follow redirects to another host, so the "
                        + "request and its credentials were not sent there. Check the API base URL.");
            }
            if (redirects >= MAX_REDIRECTS) {
                throw new AdapterException.BadResponse(target.host() + " redirected more than " + MAX_REDIRECTS
                        + " times");
            }
            current = redirected(current, response.status(), next);
        }
    }

    private OutboundPolicy.Target checked(URI uri) throws AdapterException {
        try {
            return policy.checkRequest(uri, pluginHosts);
        } catch (OutboundPolicy.Refused e) {
            LOG.warn("Refused an outbound request: {}", redactor.redact(e.getMessage()));
            if (e.reason() == OutboundPolicy.Reason.UNRESOLVED) {
                // DNS may answer again later; everything else needs a changed setting.
                throw new AdapterException.TransientFailure(e.getMessage());
            }
            throw new AdapterException.ConfigInvalid(e.getMessage());
        }
    }

    /** One request to the checked address; never follows redirects itself. */
    private HttpResponse exchange(HttpRequest request, OutboundPolicy.Target target) throws AdapterException {
        long started = System.nanoTime();
        // Connect to the address the policy checked; the Host header and the TLS server name (SNI and
        // certificate check) come from the URL's host, exactly as without pinning.
        SocketAddress server = SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port()));
        var call = client.requestAbs(HttpMethod.valueOf(request.method()), server, request.uri().toString())
                .followRedirects(false)
                // Silence bound only: timeout() would also arm the pool's wait timer (see webClient).
                // The whole call is bounded by the wait for its answer below.
                .idleTimeout(timeout.toMillis());
        request.headers().forEach(call::putHeader);
        var future = request.body().length == 0 ? call.send() : call.sendBuffer(Buffer.buffer(request.body()));
        String host = target.host();
        try {
            var response = future.toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} via {} -> {} in {} ms", request.method(), redactor.redact(request.uri().toString()),
                        target.address().getHostAddress(), response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            }
            Buffer body = response.body();
            return new HttpResponse(response.statusCode(), headers(response.headers()),
                    body == null ? new byte[0] : body.getBytes());
        } catch (TimeoutException e) {
            throw noAnswer(host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                // The idle timeout: the server went silent mid-call.
                throw noAnswer(host);
            }
            if (e.getCause() instanceof ConnectionPoolTooBusyException) {
                throw new AdapterException.TransientFailure("could not reach " + host + ": all "
                        + "connections to it are in use (more calls at once than syncs run)");
            }
            String reason = e.getCause() == null ? "connection failed" : e.getCause().getClass().getSimpleName();
            throw new AdapterException.TransientFailure("could not reach " + host + " (" + reason + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException.TransientFailure("interrupted while calling " + host);
        }
    }

    private AdapterException.TransientFailure noAnswer(String host) {
        return new AdapterException.TransientFailure("no answer from " + host + " within " + timeout.toSeconds() + " s");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Same scheme, host and port: the only redirects followed (with the same headers). */
    static boolean sameOrigin(URI a, URI b) {
        if (!b.isAbsolute() || b.getHost() == null || a.getHost() == null) {
            return false;
        }
        String sa = a.getScheme().toLowerCase(Locale.ROOT);
        String sb = b.getScheme().toLowerCase(Locale.ROOT);
        return sa.equals(sb) && OutboundPolicy.normalizeHost(a.getHost()).equals(OutboundPolicy.normalizeHost(b.getHost()))
                && port(a) == port(b) && b.getRawUserInfo() == null;
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String origin(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
    }

    /**
     * The request a redirect asks for, as the JDK's HTTP client does it: 307 and 308 repeat the method
     * and body; 303, and 301 or 302 after anything but GET or HEAD, become a GET without a body.
     */
    private static HttpRequest redirected(HttpRequest request, int status, URI next) {
        boolean keep = status == 307 || status == 308
                || request.method().equals("GET") || request.method().equals("HEAD");
        if (keep && status != 303) {
            return new HttpRequest(request.method(), next, request.headers(), request.body());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                headers.put(k, v);
            }
        });
        return new HttpRequest(request.method().equals("HEAD") ? "HEAD" : "GET", next, headers, null);
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }
}
