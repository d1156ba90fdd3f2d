package io.goalpost.platform.api;

/** A group of REST routes under {@code /api}; each feature package contributes one. */
public interface RouteModule {

    /** Declares this module's routes (paths relative to {@code /api}), each with who may call it. */
    void mount(ApiRoutes routes);
}
