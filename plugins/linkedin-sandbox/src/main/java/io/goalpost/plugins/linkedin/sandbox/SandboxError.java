package io.goalpost.plugins.linkedin.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpResponse;

/** A failure the sandbox answers in LinkedIn's error envelope {@code {"status","serviceErrorCode","code","message"}}. */
final class SandboxError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final Integer serviceErrorCode;
    private final String code;

    SandboxError(int status, Integer serviceErrorCode, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.serviceErrorCode = serviceErrorCode;
        this.code = code;
    }

    static SandboxError badRequest(String message) {
        return new SandboxError(400, null, null, message);
    }

    static SandboxError accessDenied(String resource, String version) {
        return new SandboxError(403, 100, "ACCESS_DENIED",
                "Not enough permissions to access: " + resource + ".GET." + version);
    }

    static SandboxError notFound(String message) {
        return new SandboxError(404, null, "NOT_FOUND", message);
    }

    HttpResponse toResponse(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("status", status);
        if (serviceErrorCode != null) {
            body.put("serviceErrorCode", serviceErrorCode);
        }
        if (code != null) {
            body.put("code", code);
        }
        body.put("message", getMessage());
        return HttpResponse.json(status, body.toString());
    }
}
