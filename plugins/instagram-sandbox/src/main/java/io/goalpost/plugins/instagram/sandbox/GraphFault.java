package io.goalpost.plugins.instagram.sandbox;

import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.GraphErrorAnswer;
import java.util.Optional;

/**
 * An error the sandbox answers with, in Meta's envelope
 * ({@code {"error":{"message","type","code","error_subcode","fbtrace_id",...}}}), with HTTP 400 as Meta
 * uses for OAuth and parameter errors. Internal to the sandbox: {@code handle} turns it into a response
 * ({@link GraphErrorAnswer} writes the envelope).
 */
final class GraphFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final GraphErrorAnswer answer;

    private GraphFault(int status, int code, int subcode, String type, String message, String userTitle,
            String userMessage) {
        super(message, null, false, false);
        this.answer = new GraphErrorAnswer(status, message, type, code, subcode, Optional.ofNullable(userTitle),
                Optional.ofNullable(userMessage));
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

    /** The response Meta would send, with a trace id made from {@code traceSeed}. */
    HttpResponse toResponse(String traceSeed) {
        return answer.toResponse("Sbx" + Integer.toHexString(traceSeed.hashCode()));
    }
}
