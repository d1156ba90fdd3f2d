package io.goalpost.platform.http;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.platform.security.Redactor;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
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
 * The host's implementation of the adapters' HTTP port, over the Vert.x web client. It refuses hosts
 * the plugin did not declare (SSRF guard), bounds every call with a timeout, and logs requests with
 * secrets removed. Adapters call it from worker threads; it refuses to block an event loop.
 */
public final class HostHttpPort implements HttpPort {

    private static final Logger LOG = LoggerFactory.getLogger(HostHttpPort.class);

    private final WebClient client;
    private final Set<String> allowedHosts;
    private final Redactor redactor;
    private final Duration timeout;

    public HostHttpPort(WebClient client, Set<String> allowedHosts, Redactor redactor, Duration timeout) {
        this.client = client;
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.redactor = redactor;
        this.timeout = timeout;
    }

    @Override
    public HttpResponse send(HttpRequest request) throws AdapterException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("adapter HTTP call on an event loop: adapters must run on workers");
        }
        String host = request.uri().getHost() == null ? "" : request.uri().getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            throw new AdapterException.ConfigInvalid("the plugin may not call host '" + host
                    + "' (allowed: " + String.join(", ", allowedHosts.stream().sorted().toList()) + ")");
        }
        long started = System.nanoTime();
        var call = client.requestAbs(HttpMethod.valueOf(request.method()), request.uri().toString())
                .timeout(timeout.toMillis());
        request.headers().forEach(call::putHeader);
        var future = request.body().length == 0 ? call.send() : call.sendBuffer(Buffer.buffer(request.body()));
        try {
            var response = future.toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} -> {} in {} ms", request.method(), redactor.redact(request.uri().toString()),
                        response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            }
            Buffer body = response.body();
            return new HttpResponse(response.statusCode(), headers(response.headers()),
                    body == null ? new byte[0] : body.getBytes());
        } catch (TimeoutException e) {
            throw new AdapterException.TransientFailure("no answer from " + host + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            String reason = e.getCause() == null ? "connection failed" : e.getCause().getClass().getSimpleName();
            throw new AdapterException.TransientFailure("could not reach " + host + " (" + reason + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException.TransientFailure("interrupted while calling " + host);
        }
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }
}
