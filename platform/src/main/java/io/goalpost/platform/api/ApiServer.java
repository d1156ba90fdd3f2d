package io.goalpost.platform.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * The HTTP server: REST under {@code /api} (JSON, errors as {@code {"error", "details"}}), the web UI
 * at {@code /}, and WebJars at {@code /webjars}. Every answer carries the {@link SecurityHeaders}.
 */
public final class ApiServer {

    private static final long MAX_BODY_BYTES = 20L * 1024 * 1024;

    private ApiServer() {
    }

    /** Builds the router from the feature modules. */
    public static Router router(Vertx vertx, List<RouteModule> modules) {
        Router root = Router.router(vertx);
        SecurityHeaders headers = new SecurityHeaders(false);
        root.route().handler(headers).failureHandler(headers);
        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        api.route().handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        modules.forEach(m -> m.mount(api));
        api.route().last().handler(ctx -> Responses.json(ctx, 404,
                new JsonObject().put("error", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path())));
        api.route().failureHandler(ctx -> {
            if (ctx.failure() != null) {
                Responses.error(ctx, ctx.failure());
            } else if (ctx.statusCode() == 413) {
                Responses.json(ctx, 413, new JsonObject().put("error", "request body is larger than 20 MB"));
            } else {
                Responses.json(ctx, ctx.statusCode(), new JsonObject().put("error", "request failed with status " + ctx.statusCode()));
            }
        });
        root.route("/api/*").subRouter(api);
        root.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        root.route("/*").handler(StaticHandler.create("META-INF/resources/goalpost").setIndexPage("index.html")
                .setCachingEnabled(false));
        return root;
    }

    /** Starts listening. */
    public static Future<HttpServer> listen(Vertx vertx, Router router, int port) {
        return vertx.createHttpServer().requestHandler(router).listen(port);
    }
}
