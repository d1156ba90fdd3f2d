package io.goalpost.plugins.instagram.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpResponse;

/**
 * An error the sandbox answers with, in Meta's envelope
 * ({@code {"error":{"message","type","code","error_subcode","fbtrace_id",...}}}), with HTTP 400 as Meta
 * uses for OAuth and parameter errors. Internal to the sandbox: {@code handle} turns it into a response.
 */
final class GraphFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final int subcode;
    private final String type;
    private final String userTitle;
    private final String userMessage;

    private GraphFault(int status, int code, int subcode, String type, String message, String userTitle,
            String userMessage) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.userTitle = userTitle;
        this.userMessage = userMessage;
    }

    /** Any error in Meta's envelope, with its HTTP status. */
    static GraphFault ofStatus(int status, String message, String type, int code, int subcode) {
        return new GraphFault(status, code, subcode, type, message, null, null);
    }

    /** Invalid parameter, {@code (#100) ...}. */
    static GraphFault invalidParameter(String message) {
        return new GraphFault(400, 100, 0, "OAuthException", message, null, null);
    }

    /** An error with code and subcode. */
    static GraphFault of(int code, int subcode, String type, String message) {
        return new GraphFault(400, code, subcode, type, message, null, null);
    }

    /** Unknown object, or one this token may not see (code 100, subcode 33). */
    static GraphFault unknownObject(String id) {
        return new GraphFault(400, 100, 33, "GraphMethodException", "Unsupported get request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. "
                + "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api", null, null);
    }

    /** A token that cannot be parsed (code 190). */
    static GraphFault invalidToken() {
        return new GraphFault(400, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token",
                null, null);
    }

    /** An expired token (code 190, subcode 463). */
    static GraphFault expiredToken(String expiredOn, String now) {
        return new GraphFault(400, 190, 463, "OAuthException", "Error validating access token: Session has expired on "
                + expiredOn + ". The current time is " + now + ".", null, null);
    }

    /** No token at all (code 104). */
    static GraphFault missingToken() {
        return new GraphFault(400, 104, 0, "OAuthException", "An access token is required to request this resource.",
                null, null);
    }

    /** Meta's generic server-side failure (code 1, HTTP 500). */
    static GraphFault unknownError() {
        return new GraphFault(500, 1, 0, "OAuthException", "An unknown error has occurred.", null, null);
    }

    /** Media posted before the account became a business account (code 100, subcode 2108006; Airbyte fixture). */
    static GraphFault mediaBeforeConversion() {
        return new GraphFault(400, 100, 2108006, "OAuthException", "Invalid parameter",
                "Media posted before business account conversion",
                "The media was posted before the most recent time that the user's account was converted to a "
                        + "business account from a personal account.");
    }

    /** The response Meta would send. */
    HttpResponse toResponse(ObjectMapper mapper, String traceSeed) {
        ObjectNode error = mapper.createObjectNode();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        if (userTitle != null) {
            error.put("is_transient", false);
            error.put("error_user_title", userTitle);
            error.put("error_user_msg", userMessage);
        }
        error.put("fbtrace_id", "Sbx" + Integer.toHexString(traceSeed.hashCode()));
        ObjectNode body = mapper.createObjectNode();
        body.set("error", error);
        return HttpResponse.json(status, body.toString());
    }
}
