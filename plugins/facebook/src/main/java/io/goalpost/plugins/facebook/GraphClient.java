package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.meta.MetaUsage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.io.IOException;
import java.util.Map;

/**
 * Sends GET requests to the Graph API through the host's {@link HttpPort} and reads the answers. The
 * Page token travels in the {@code Authorization: Bearer} header, never in the URL, so that URLs in
 * logs and paging links cannot leak it.
 */
final class GraphClient {

    private final HttpPort http;
    private final ObjectMapper mapper;
    private final FacebookConfig config;
    private final GraphErrorTranslator errors;

    GraphClient(HttpPort http, ObjectMapper mapper, FacebookConfig config, GraphErrorTranslator errors) {
        this.http = http;
        this.mapper = mapper;
        this.config = config;
        this.errors = errors;
    }

    /** The translator, for callers that build failures of their own. */
    GraphErrorTranslator errors() {
        return errors;
    }

    /**
     * Calls {@code GET <api_base_url><path>?<query>}.
     *
     * @return the data or the Graph error of a readable answer
     * @throws AdapterException when no readable answer came: transport failures, malformed or truncated
     *     JSON ({@link AdapterException.BadResponse}), error statuses without a Graph error body
     */
    GraphReply get(String path, Map<String, String> query) throws AdapterException {
        HttpRequest request = new HttpRequest("GET", Urls.build(config.apiBaseUrl(), path, query),
                Map.of("Authorization", "Bearer " + config.pageAccessToken(), "Accept", "application/json"), null);
        String endpoint = "GET " + path;
        HttpResponse response = http.send(request);
        MetaUsage usage = MetaUsage.read(response);
        JsonNode root = parse(response);
        if (root != null && root.path("error").isObject()) {
            GraphError error = GraphError.from(root.get("error"));
            return new GraphReply(endpoint, response.status(), null, error, usage,
                    errors.translate(error, response.status(), usage, endpoint));
        }
        if (!response.isSuccess()) {
            throw errors.byStatus(response.status(), usage, endpoint);
        }
        if (root == null || !root.isObject()) {
            throw new AdapterException.BadResponse("Facebook answered " + endpoint + " with a body that is not a "
                    + "complete JSON object (malformed or truncated); the call is retried later.");
        }
        return new GraphReply(endpoint, response.status(), root, null, usage, null);
    }

    /** The JSON of a response, or null when the body is empty or not JSON (malformed, truncated, HTML). */
    private JsonNode parse(HttpResponse response) {
        byte[] body = response.body();
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
