package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.meta.MetaUsage;
import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import java.util.Objects;

/**
 * A readable Graph API answer: either a JSON object with data or a Graph error object. Kept apart from
 * throwing so that a caller can react to one specific error (a removed insights metric) before the
 * rest are translated.
 *
 * @param endpoint the path called, for messages (never the URL: it may carry a token in paging links)
 * @param status HTTP status
 * @param body the JSON object, when there was no error
 * @param error the Graph error, or null
 * @param usage what the usage headers said
 * @param failure the translated failure when {@code error} is set (or the status was an error), else null
 */
record GraphReply(String endpoint, int status, JsonNode body, GraphError error, MetaUsage usage,
        AdapterException failure) {

    GraphReply {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(usage, "usage is null");
        if ((body == null) == (failure == null)) {
            throw new IllegalArgumentException("a reply has either a body or a failure");
        }
    }

    /** True when Facebook answered with an error. */
    boolean failed() {
        return failure != null;
    }

    /** The JSON object, or the translated failure. */
    JsonNode bodyOrThrow() throws AdapterException {
        if (failure != null) {
            throw failure;
        }
        return body;
    }
}
