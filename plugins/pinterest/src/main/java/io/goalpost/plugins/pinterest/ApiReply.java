package io.goalpost.plugins.pinterest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A response the caller reads itself: a 2xx body, or an error status the call asked to see
 * ({@link ApiCall#passThrough()}).
 *
 * @param status the HTTP status
 * @param json the parsed body (for a passed-through error: parsed leniently, possibly an empty object)
 * @param error Pinterest's error envelope when the status is an error, else null
 */
record ApiReply(int status, JsonNode json, PinterestError error) {

    ApiReply {
        Objects.requireNonNull(json, "json is null");
    }

    /** True for 2xx. */
    boolean ok() {
        return status >= 200 && status < 300;
    }
}
