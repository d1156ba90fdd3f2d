package io.goalpost.platform.bench;

import io.goalpost.platform.sync.QuotaBuckets;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CallQuota;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sync benchmark puts in front of a network's sandbox to make it behave like the network: a
 * loopback proxy that counts each request against the network's declared quotas as the network
 * would (per app, or per account token; {@link SimulatedQuota}, windows compressed by the time scale),
 * answers 429 to a request beyond one of them (an unplanned 429: the host should never draw one), and
 * adds the network's latency before passing the request on. The sandbox classes stay untouched.
 */
final class NetworkSimulator {

    private final Vertx vertx;
    private final AdapterDescriptor network;
    private final int sandboxPort;
    private final long latencyMs;
    private final double timeScale;
    /** The network's declared quotas, scaled as this simulator enforces them. */
    private final List<CallQuota> declared;
    private final HttpClient client;
    /** Bench accounts per demo credential: an account quota of a shared token is that many accounts' worth. */
    private final Map<String, Integer> sharers;
    private final Map<String, SimulatedQuota> quotas = new ConcurrentHashMap<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sandboxThrottles = new AtomicLong();

    NetworkSimulator(Vertx vertx, AdapterDescriptor network, int sandboxPort, long latencyMs, double timeScale,
            Map<String, Integer> sharers) {
        this(vertx, network, sandboxPort, latencyMs, timeScale, 1.0, sharers);
    }

    /** A simulator whose quotas are {@code limitScale} (0 to 1) of the network's declared limits. */
    NetworkSimulator(Vertx vertx, AdapterDescriptor network, int sandboxPort, long latencyMs, double timeScale,
            double limitScale, Map<String, Integer> sharers) {
        this.declared = network.quotas().stream().map(q -> QuotaBuckets.scaled(q, limitScale)).toList();
        this.vertx = vertx;
        this.network = network;
        this.sandboxPort = sandboxPort;
        this.latencyMs = latencyMs;
        this.timeScale = timeScale;
        this.sharers = sharers;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
    }

    /** Listens on a free loopback port. */
    Future<HttpServer> start() {
        return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1");
    }

    private volatile boolean closed;

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            if (!admit(req)) {
                refused.incrementAndGet();
                req.response().setStatusCode(429).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"quota exceeded (simulated by the sync benchmark)\"}");
                return;
            }
            forwarded.incrementAndGet();
            vertx.setTimer(Math.max(1, latencyMs), t -> (closed ? Future.<HttpClientRequest>failedFuture("the benchmark ended")
                    : client.request(req.method(), sandboxPort, "127.0.0.1", req.uri()))
                    .compose(out -> {
                        req.headers().forEach(h -> {
                            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                                out.headers().add(h.getKey(), h.getValue());
                            }
                        });
                        return out.send(body);
                    })
                    .compose(resp -> resp.body().map(b -> {
                        if (resp.statusCode() == 429 || b.toString().matches("(?s).*\"code\"\\s*:\\s*40100.*")) {
                            // The sandbox's own limit (TikTok's answers 200 with code 40100), counted in real
                            // minutes per demo account: the bench accounts sharing one can reach it.
                            sandboxThrottles.incrementAndGet();
                        }
                        var answer = req.response().setStatusCode(resp.statusCode());
                        resp.headers().forEach(h -> {
                            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                                answer.headers().add(h.getKey(), h.getValue());
                            }
                        });
                        return answer.end(b);
                    }))
                    .onFailure(e -> req.response().setStatusCode(502).end("sandbox unreachable: " + e.getMessage())));
        });
    }

    /** Counts the request against every quota of the network it falls under; false when one is full. */
    private boolean admit(HttpServerRequest req) {
        String path = req.path();
        String token = null;
        boolean ok = true;
        for (CallQuota q : declared) {
            if (!q.counts(path)) {
                continue;
            }
            String key;
            long limit = q.limit();
            if (q.scope() == CallQuota.Scope.APP) {
                key = "app";
            } else {
                token = token == null ? credential(req) : token;
                key = token;
                limit *= sharers.getOrDefault(token, 1);
            }
            long l = limit;
            SimulatedQuota quota = quotas.computeIfAbsent(q.scope() + "|" + q.limit() + "/" + q.window() + "|" + q.calls() + "|" + key,
                    k -> new SimulatedQuota(l, Duration.ofNanos((long) (q.window().length().toNanos() / timeScale))));
            ok &= quota.admit();
        }
        return ok;
    }

    /** The token a request carries: the demo credential it contains, or the token itself (one account's). */
    private String credential(HttpServerRequest req) {
        String raw = req.getHeader("Authorization");
        if (raw == null) {
            raw = req.getHeader("Access-Token");
        }
        if (raw == null) {
            raw = req.getParam("access_token");
        }
        if (raw == null) {
            return "anonymous";
        }
        for (String known : sharers.keySet()) {
            if (raw.contains(known)) {
                return known;
            }
        }
        return raw;
    }

    /** Bench accounts per demo credential (filled by the benchmark as it creates the accounts). */
    Map<String, Integer> sharers() {
        return sharers;
    }

    /** Requests passed on to the sandbox. */
    long forwarded() {
        return forwarded.get();
    }

    /** Requests the sandbox itself throttled (its own per-account limits, in real time). */
    long sandboxThrottles() {
        return sandboxThrottles.get();
    }

    /** Requests answered 429 because a quota was full. */
    long refused() {
        return refused.get();
    }

    /** One declared quota as it was used: the busiest window and the share of the limit it reached. */
    record Usage(CallQuota quota, long keys, long used, long busiest, long limit) {
        double share() {
            return limit == 0 ? 0 : (double) busiest / limit;
        }
    }

    /** Per declared quota, the key (app, or the account token) whose busiest window came closest to its limit. */
    List<Usage> usage() {
        List<Usage> out = new ArrayList<>();
        for (CallQuota q : declared) {
            String prefix = q.scope() + "|" + q.limit() + "/" + q.window() + "|" + q.calls() + "|";
            Usage best = new Usage(q, 0, 0, 0, q.limit());
            long keys = 0;
            long used = 0;
            for (Map.Entry<String, SimulatedQuota> e : quotas.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    continue;
                }
                keys++;
                used += e.getValue().used();
                Usage u = new Usage(q, 0, 0, e.getValue().busiestWindow(), e.getValue().limit());
                if (u.share() > best.share()) {
                    best = u;
                }
            }
            out.add(new Usage(q, keys, used, best.busiest(), best.limit()));
        }
        return out;
    }

    void close() {
        // Requests still waiting out their latency are answered 502 instead of each logging a closed client.
        closed = true;
        client.close();
    }
}
