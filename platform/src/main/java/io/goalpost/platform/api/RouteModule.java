package io.goalpost.platform.api;

import io.vertx.ext.web.Router;

/** A group of REST routes under {@code /api}; each feature package contributes one. */
public interface RouteModule {

    /** Adds this module's routes to the API router (paths relative to {@code /api}). */
    void mount(Router api);
}
