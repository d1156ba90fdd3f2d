package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.support.StrictMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A readable Graph API answer: either a JSON object with data, or a failure (a Graph error object, or
 * an error status without one) already translated. Kept apart from throwing so that a caller can react
 * to one specific error (a removed insights metric, media without insights) before the rest are thrown.
 *
 * <p>The Graph layer speaks Jackson's {@link JsonNode}, unlike {@link io.goalpost.plugin.support.Json}:
 * the Facebook and Instagram plugins read Meta's nested insights with it.
 *
 * @param endpoint the call, for messages (never the URL: paging links and some calls carry a token)
 * @param status HTTP status
 * @param body the JSON object, when there was no failure
 * @param error the Graph error object, or null
 * @param usage what the usage headers said
 * @param failure the translated failure, or null when there is a body
 */
public record GraphAnswer(String endpoint, int status, JsonNode body, GraphError error, MetaUsage usage,
        AdapterException failure) {

    private static final ObjectMapper MAPPER = StrictMappers.create();

    public GraphAnswer {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(usage, "usage is null");
        if ((body == null) == (failure == null)) {
            throw new IllegalArgumentException("an answer has either a body or a failure");
        }
    }

    /**
     * GETs a Graph URL with {@code Accept: application/json} and, when {@code bearer} is given, the token
     * as {@code Authorization: Bearer} (never in the URL of a data call, so logs and paging links cannot
     * leak it).
     *
     * @throws AdapterException when no readable answer came: the transport's failures, and a success
     *     status whose body is not a complete JSON object (malformed, truncated, HTML)
     */
    public static GraphAnswer get(HttpPort http, URI uri, String bearer, String endpoint, GraphErrors errors)
            throws AdapterException {
        HttpRequest request = HttpRequest.get(uri).withHeader("Accept", "application/json");
        if (bearer != null) {
            request = request.withHeader("Authorization", "Bearer " + bearer);
        }
        HttpResponse response = http.send(request);
        MetaUsage usage = MetaUsage.read(response);
        JsonNode body = parse(response.body());
        GraphError error = GraphError.of(body);
        if (error != null) {
            return new GraphAnswer(endpoint, response.status(), null, error, usage,
                    errors.translate(error, response.status(), usage, endpoint));
        }
        if (!response.isSuccess()) {
            return new GraphAnswer(endpoint, response.status(), null, null, usage,
                    errors.byStatus(response.status(), usage, endpoint));
        }
        if (body == null || !body.isObject()) {
            throw new AdapterException.BadResponse(errors.wording().network() + " answered " + endpoint
                    + " with a body that is not valid JSON (malformed or truncated) or not a JSON object; the call "
                    + "is retried later.");
        }
        return new GraphAnswer(endpoint, response.status(), body, null, usage, null);
    }

    /** True when Meta answered with an error. */
    public boolean failed() {
        return failure != null;
    }

    /** True when Meta answered with a Graph error object that matches, e.g. {@code GraphError::isRejectedMetric}. */
    public boolean failedWith(Predicate<GraphError> kind) {
        return error != null && kind.test(error);
    }

    /** The JSON object, or the translated failure. */
    public JsonNode bodyOrThrow() throws AdapterException {
        if (failure != null) {
            throw failure;
        }
        return body;
    }

    /** The JSON of a body, or null when it is empty or not JSON (malformed, truncated, an HTML page). */
    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
