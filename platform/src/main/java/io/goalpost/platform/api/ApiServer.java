package io.goalpost.platform.api;

import io.goalpost.platform.access.Authenticator;
import io.goalpost.platform.config.HttpBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server: REST under {@code /api} (JSON, errors as {@code {"error", "details"}}), the web UI
 * at {@code /}, and WebJars at {@code /webjars}. Every answer carries the {@link SecurityHeaders};
 * requests addressed to a name that is not the server's are refused ({@link HostCheck}); every API
 * route says who may call it ({@link ApiRoutes}, platform/API-access.md); request bodies are read by
 * {@link RequestBodies} (Content-Type and size limits), and a connection whose request was answered
 * before its body was read is closed ({@link UnreadBodies}). Who the client is comes from
 * {@link ClientOrigin}; connections idle for {@link HttpBinding#idleTimeout()} are closed.
 */
public final class ApiServer {

    private ApiServer() {
    }

    /** Builds the router from the feature modules, for a server on loopback ({@link HttpBinding#loopback()}). */
    public static Router router(Vertx vertx, List<RouteModule> modules, Authenticator authenticator) {
        return router(vertx, modules, HttpBinding.loopback(), authenticator);
    }

    /**
     * Builds the router from the feature modules, answering the names of {@code binding}. Every API
     * request is first identified; the routes anyone may call come next; then everyone else must be
     * signed in (401), and each remaining route checks its role and CSRF (403) before its body is read.
     */
    public static Router router(Vertx vertx, List<RouteModule> modules, HttpBinding binding, Authenticator authenticator) {
        return router(vertx, routeTable(modules), binding, authenticator);
    }

    /** Builds the router from a route table, answering the names of {@code binding}. */
    public static Router router(Vertx vertx, ApiRoutes table, HttpBinding binding, Authenticator authenticator) {
        Router root = Router.router(vertx);
        root.route().handler(ClientOrigin.resolver(binding.trustedProxies()));
        root.route().handler(new UnreadBodies());
        SecurityHeaders headers = new SecurityHeaders(binding.hsts());
        root.route().handler(headers).failureHandler(headers);
        root.route().handler(new HostCheck(binding));
        Router api = Router.router(vertx);
        api.route().handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        api.route().handler(authenticator.identify());
        table.all().stream().filter(r -> r.access() == Access.ANYONE).forEach(r -> mount(api, r, authenticator));
        api.route().handler(authenticator.requireSignedIn());
        table.all().stream().filter(r -> r.access() != Access.ANYONE).forEach(r -> mount(api, r, authenticator));
        api.route().last().handler(ctx -> Responses.json(ctx, 404,
                new JsonObject().put("error", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path())));
        api.route().failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            int status = ctx.statusCode();
            if (failure != null && !(failure instanceof ApiError) && status >= 400 && status < 500) {
                // refused by Vert.x itself, e.g. an HTTP/1.1 request without a valid Host
                Responses.json(ctx, status, new JsonObject().put("error", failure.getMessage() == null
                        ? "request failed with status " + status : failure.getMessage()));
            } else if (failure != null) {
                Responses.error(ctx, failure);
            } else if (status == 413) {
                Responses.error(ctx, RequestBodies.tooLarge(ctx));
            } else {
                Responses.json(ctx, status, new JsonObject().put("error", "request failed with status " + status));
            }
        });
        root.route("/api/*").subRouter(api);
        root.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        root.route("/*").handler(StaticHandler.create("META-INF/resources/goalpost").setIndexPage("index.html")
                .setCachingEnabled(false));
        root.route().failureHandler(ctx -> {
            int status = ctx.statusCode();
            if (status < 400 || status > 499 || ctx.response().ended()) {
                ctx.next();
                return;
            }
            // A request Vert.x refused outside the API (e.g. without a Host): plain text, not an error in the log.
            String why = ctx.failure() == null || ctx.failure().getMessage() == null ? "" : ": " + ctx.failure().getMessage();
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(ctx.response().getStatusMessage() + why + "\n");
        });
        return root;
    }

    /** The routes the modules declare. */
    public static ApiRoutes routeTable(List<RouteModule> modules) {
        ApiRoutes table = new ApiRoutes();
        modules.forEach(m -> m.mount(table));
        return table;
    }

    private static void mount(Router api, ApiRoutes.Route r, Authenticator authenticator) {
        Route route = api.route(r.method(), r.path());
        if (r.access() != Access.ANYONE) {
            route.handler(authenticator.authorize(r.access()));
        }
        route.handler(r.body()).handler(r.handler());
    }

    /** Starts listening on loopback, plain HTTP. */
    public static Future<HttpServer> listen(Vertx vertx, Router router, int port) {
        return listen(vertx, router, port, HttpBinding.loopback());
    }

    /** Starts listening on the binding's host, with HTTPS when it has a certificate. */
    public static Future<HttpServer> listen(Vertx vertx, Router router, int port, HttpBinding binding) {
        String host = binding.host().startsWith("[") && binding.host().endsWith("]")
                ? binding.host().substring(1, binding.host().length() - 1) : binding.host();
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setIdleTimeout(Math.toIntExact(binding.idleTimeout().toMillis())).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        binding.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString())));
        return vertx.createHttpServer(options).requestHandler(router).listen();
    }
}
