package io.goalpost.plugins.facebook.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpResponse;

/**
 * A Graph API error the sandbox answers with, in Facebook's envelope
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}. Thrown inside the sandbox
 * and turned into the response at the top.
 */
final class GraphFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final int subcode;
    private final String type;

    private GraphFailure(int status, String message, String type, int code, int subcode) {
        super(message);
        this.status = status;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
    }

    /** Any error in Facebook's envelope. */
    static GraphFailure of(int status, String message, String type, int code, int subcode) {
        return new GraphFailure(status, message, type, code, subcode);
    }

    static GraphFailure invalidParameter(String message) {
        return new GraphFailure(400, "(#100) " + message, "OAuthException", 100, 0);
    }

    static GraphFailure invalidInsightsMetric() {
        return invalidParameter("The value must be a valid insights metric");
    }

    static GraphFailure windowTooLong(long maxSeconds) {
        return invalidParameter("There cannot be more than " + maxSeconds / 86_400 + " days (" + maxSeconds
                + " s) between since and until");
    }

    static GraphFailure unknownObject(String id) {
        return new GraphFailure(400, "Unsupported get request. Object with ID '" + id + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation. Please read the Graph API "
                + "documentation at https://developers.facebook.com/docs/graph-api", "GraphMethodException", 100, 33);
    }

    static GraphFailure nonexistingField(String field, String nodeType) {
        return invalidParameter("Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")");
    }

    static GraphFailure noToken() {
        return new GraphFailure(400, "An access token is required to request this resource.", "OAuthException", 104, 0);
    }

    static GraphFailure invalidToken() {
        return new GraphFailure(400, "Invalid OAuth access token - Cannot parse access token", "OAuthException",
                190, 0);
    }

    static GraphFailure noMetric() {
        return new GraphFailure(400, "No metric was specified to be fetched", "OAuthException", 3001, 1504028);
    }

    static GraphFailure deprecatedVersion(String version) {
        return new GraphFailure(400, "(#2635) You are calling a deprecated version of the Graph API (" + version
                + "). Please update to the latest version: v25.0.", "OAuthException", 2635, 0);
    }

    static GraphFailure unknownError() {
        return new GraphFailure(500, "An unknown error occurred", "OAuthException", 1, 0);
    }

    static GraphFailure unknownPath() {
        return new GraphFailure(400, "Unknown path components", "OAuthException", 2500, 0);
    }

    static GraphFailure unsupportedMethod(String method) {
        return new GraphFailure(400, "Unsupported " + method.toLowerCase(java.util.Locale.ROOT)
                + " request. The sandbox simulates read-only calls.", "GraphMethodException", 100, 0);
    }

    /** The HTTP response Facebook would send. */
    HttpResponse toResponse(ObjectMapper mapper, String traceId) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", traceId);
        HttpResponse response = HttpResponse.json(status, root.toString());
        if (code == 190 || code == 104) {
            response = response.withHeader("WWW-Authenticate",
                    "OAuth \"Facebook Platform\" \"invalid_token\" \"" + getMessage() + "\"");
        }
        return response;
    }
}
