package io.goalpost.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The API's route table, filled by the {@link RouteModule}s. A route cannot be declared without saying
 * who may call it ({@link Access}) and, when it takes a body, how the body is read; {@link ApiServer}
 * mounts the table with those checks in front of every handler, and a test walks it to prove each
 * route refuses whom it should.
 */
public final class ApiRoutes {

    /**
     * One route.
     *
     * @param method the HTTP method
     * @param path the path under {@code /api}, with {@code :name} parameters
     * @param access who may call it
     * @param body the reader of its request body (every route has one; a body-less request passes it untouched)
     * @param handler what answers
     */
    public record Route(HttpMethod method, String path, Access access, RequestBodies body, Handler<RoutingContext> handler) {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(handler, "handler");
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /** A GET route. */
    public ApiRoutes get(String path, Access access, Handler<RoutingContext> handler) {
        return add(HttpMethod.GET, path, access, RequestBodies.json(), handler);
    }

    /** A POST route taking JSON. */
    public ApiRoutes post(String path, Access access, Handler<RoutingContext> handler) {
        return add(HttpMethod.POST, path, access, RequestBodies.json(), handler);
    }

    /** A POST route taking another body type (e.g. {@link RequestBodies#csv()}). */
    public ApiRoutes post(String path, Access access, RequestBodies body, Handler<RoutingContext> handler) {
        return add(HttpMethod.POST, path, access, body, handler);
    }

    /** A PUT route taking JSON. */
    public ApiRoutes put(String path, Access access, Handler<RoutingContext> handler) {
        return add(HttpMethod.PUT, path, access, RequestBodies.json(), handler);
    }

    /** A DELETE route. */
    public ApiRoutes delete(String path, Access access, Handler<RoutingContext> handler) {
        return add(HttpMethod.DELETE, path, access, RequestBodies.json(), handler);
    }

    private ApiRoutes add(HttpMethod method, String path, Access access, RequestBodies body, Handler<RoutingContext> handler) {
        Route route = new Route(method, path, access, body, handler);
        for (Route r : routes) {
            if (r.method().equals(method) && r.path().equals(path)) {
                throw new IllegalStateException("route declared twice: " + method + " /api" + path);
            }
        }
        routes.add(route);
        return this;
    }

    /** Every route, in declaration order. */
    public List<Route> all() {
        return List.copyOf(routes);
    }
}
