package io.goalpost.platform.api;

import io.vertx.ext.web.Router;

/** A group of REST routes under {@code /api}; each feature package contributes one. */
public interface RouteModule {

    /** Adds this module's routes to the API router (paths relative to {@code /api}). */
    void mount(Router api);

    /**
     * Adds readers for request bodies that are not JSON (e.g. {@link RequestBodies#csv()} on a CSV
     * route); they run before the API's JSON reader, which then leaves those requests alone. Most
     * modules take only JSON and add nothing.
     */
    default void mountBodies(Router api) {
    }
}
