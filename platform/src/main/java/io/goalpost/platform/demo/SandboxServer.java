package io.goalpost.platform.demo;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.plugins.SandboxRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves one network's sandbox on a loopback port: each request is handed to its {@link NetworkSandbox}
 * (loaded from a sandbox zip, {@link SandboxRegistry}) on a worker thread (plugin code never runs on an
 * event loop). Sandboxes carry no server code of their own.
 */
public final class SandboxServer {

    private SandboxServer() {
    }

    /** Starts a server for the sandbox on a free loopback port. */
    public static Future<HttpServer> start(Vertx vertx, NetworkSandbox sandbox, ClassLoader loader, Clock clock) {
        return vertx.createHttpServer().requestHandler(req -> req.body()
                .compose(body -> vertx.executeBlocking(() -> PluginRegistry.withLoader(loader,
                        () -> sandbox.handle(toRequest(req, body), clock)), false))
                .onSuccess(response -> write(req, response))
                .onFailure(e -> req.response().setStatusCode(500).end("sandbox failed: " + e.getMessage())))
                .listen(0, "127.0.0.1");
    }

    /**
     * Starts a server for a network's sandbox that follows the network's plugin: it answers while the
     * plugin runs (an upgraded plugin keeps the same port, so demo accounts keep working); while the
     * plugin is disabled, uninstalled or being replaced it answers 503.
     */
    public static Future<HttpServer> start(Vertx vertx, PluginRegistry plugins, SandboxRegistry sandboxes, String networkId,
            Clock clock) {
        return vertx.createHttpServer().requestHandler(req -> req.body()
                .compose(body -> {
                    var loaded = sandboxes.forNetwork(networkId).filter(s -> plugins.loaded(networkId).isPresent());
                    if (loaded.isEmpty()) {
                        return Future.<HttpResponse>succeededFuture(null);
                    }
                    NetworkSandbox sandbox = loaded.get().sandbox();
                    ClassLoader loader = loaded.get().classLoader();
                    return vertx.executeBlocking(() -> PluginRegistry.withLoader(loader,
                            () -> sandbox.handle(toRequest(req, body), clock)), false);
                })
                .onSuccess(response -> {
                    if (response == null) {
                        req.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                                .putHeader("Retry-After", "5")
                                .end("{\"error\":\"the " + networkId + " plugin is not running: its sandbox is unavailable\"}");
                    } else {
                        write(req, response);
                    }
                })
                .onFailure(e -> req.response().setStatusCode(500).end("sandbox failed: " + e.getMessage())))
                .listen(0, "127.0.0.1");
    }

    private static HttpRequest toRequest(HttpServerRequest req, Buffer body) {
        Map<String, String> headers = new LinkedHashMap<>();
        req.headers().forEach(e -> headers.putIfAbsent(e.getKey(), e.getValue()));
        URI uri = URI.create("http://127.0.0.1:" + req.localAddress().port() + req.uri());
        return new HttpRequest(req.method().name(), uri, headers, body.getBytes());
    }

    private static void write(HttpServerRequest req, HttpResponse response) {
        var out = req.response().setStatusCode(response.status());
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                out.putHeader(h.getKey(), h.getValue());
            }
        }
        out.end(Buffer.buffer(response.body()));
    }
}
