package io.goalpost.plugins.facebook.sandbox;

import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.GraphErrorAnswer;

/**
 * A Graph API error the sandbox answers with, in Facebook's envelope
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}. Thrown inside the sandbox
 * and turned into the response at the top ({@link GraphErrorAnswer} writes the envelope).
 */
final class GraphFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final GraphErrorAnswer answer;

    private GraphFailure(int status, String message, String type, int code, int subcode) {
        super(message);
        this.answer = new GraphErrorAnswer(status, message, type, code, subcode);
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
    HttpResponse toResponse(String traceId) {
        HttpResponse response = answer.toResponse(traceId);
        // A missing or unreadable token is also named in the header, as Facebook does.
        if (answer.code() == 190 || answer.code() == 104) {
            response = response.withHeader("WWW-Authenticate",
                    "OAuth \"Facebook Platform\" \"invalid_token\" \"" + getMessage() + "\"");
        }
        return response;
    }
}
