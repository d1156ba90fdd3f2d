package io.goalpost.platform.api;

/**
 * A request the API refuses, with the HTTP status and a message that names the problem. Rendered as
 * {@code {"error": message, "details": details}}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Object details;

    public ApiError(int status, String message, Object details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    /** 400 with a message. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, message, null);
    }

    /** 400 with a message and structured details (e.g. per-field problems). */
    public static ApiError badRequest(String message, Object details) {
        return new ApiError(400, message, details);
    }

    /** 404 for a missing resource. */
    public static ApiError notFound(String what) {
        return new ApiError(404, what + " not found", null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Structured details, or null. */
    public Object details() {
        return details;
    }
}
