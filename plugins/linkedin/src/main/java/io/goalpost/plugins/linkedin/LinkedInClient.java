package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends LinkedIn REST calls through the host's HTTP port with the headers every call needs
 * ({@code Authorization: Bearer}, {@code LinkedIn-Version}, {@code X-Restli-Protocol-Version: 2.0.0}),
 * and refreshes the access token once when LinkedIn says it expired and a refresh token is configured
 * (storing the new tokens, then telling the host when they lapse).
 * One instance per adapter; it keeps the newest tokens for later calls.
 */
final class LinkedInClient {

    static final String RESTLI_PROTOCOL_VERSION = "2.0.0";

    private final AdapterContext context;
    private final LinkedInConfig config;
    private final LinkedInErrors errors;
    private String accessToken;
    private String refreshToken;

    LinkedInClient(AdapterContext context, LinkedInConfig config, ObjectMapper mapper) {
        this.context = context;
        this.config = config;
        this.accessToken = config.accessToken();
        this.refreshToken = config.refreshToken();
        this.errors = new LinkedInErrors(mapper, context.clock(), config.apiVersion(), this::secrets);
    }

    /**
     * GETs {@code apiBaseUrl + pathAndQuery} (query already in Rest.li form) and returns the JSON body.
     *
     * @throws AdapterException the typed failure of any non-2xx answer or unreadable body
     */
    JsonNode get(Endpoint endpoint, String pathAndQuery) throws AdapterException {
        URI uri = URI.create(config.apiBaseUrl() + pathAndQuery);
        HttpResponse response = context.http().send(request(endpoint, uri));
        if (errors.isTokenError(response) && config.canRefresh()) {
            refreshAccessToken();
            response = context.http().send(request(endpoint, uri));
        }
        return errors.read(endpoint, response);
    }

    private HttpRequest request(Endpoint endpoint, URI uri) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + accessToken);
        headers.put("LinkedIn-Version", config.apiVersion());
        headers.put("X-Restli-Protocol-Version", RESTLI_PROTOCOL_VERSION);
        if (endpoint.finderHeader()) {
            headers.put("X-RestLi-Method", "FINDER");
        }
        headers.put("Accept", "application/json");
        return new HttpRequest("GET", uri, headers, null);
    }

    /**
     * Exchanges the refresh token for a new access token, stores the new tokens through the host
     * BEFORE any further call, and keeps them. LinkedIn's refresh token lives 365 days from the first
     * consent and refreshing does not extend it, so a refused refresh means the user must reconnect.
     */
    private void refreshAccessToken() throws AdapterException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", config.clientId());
        form.put("client_secret", config.clientSecret());
        URI uri = URI.create(config.oauthBaseUrl() + "/accessToken");
        HttpResponse response = context.http().send(HttpRequest.postForm(uri, form)
                .withHeader("Accept", "application/json"));
        if (response.status() == 429 || response.status() >= 500) {
            throw errors.translate(Endpoint.ACCESS_TOKEN, response.status(), errors.errorBody(response));
        }
        if (!response.isSuccess()) {
            throw new AdapterException.AuthExpired("LinkedIn rejected the access token and refused to refresh it"
                    + " (HTTP " + response.status() + " from " + Endpoint.ACCESS_TOKEN.path() + "). A refresh token"
                    + " lasts 365 days from the first consent and is not extended, and a revoked access needs a new"
                    + " consent. Reconnect the LinkedIn account.");
        }
        JsonNode body = errors.parse(Endpoint.ACCESS_TOKEN, response.bodyText());
        String newAccess = body.path("access_token").asText("");
        if (newAccess.isBlank()) {
            throw new AdapterException.BadResponse("LinkedIn's token refresh at " + Endpoint.ACCESS_TOKEN.path()
                    + " returned no access_token");
        }
        String newRefresh = body.path("refresh_token").asText("");
        Map<String, String> updated = new LinkedHashMap<>();
        updated.put(LinkedInConfig.ACCESS_TOKEN, newAccess);
        if (!newRefresh.isBlank()) {
            updated.put(LinkedInConfig.REFRESH_TOKEN, newRefresh);
        }
        context.credentials().store(updated);
        // LinkedIn says how long each token lives; the refresh token keeps its lifetime from the first consent.
        Instant now = context.clock().instant();
        context.credentials().expires(lifetime(body, "expires_in", now), lifetime(body, "refresh_token_expires_in", now));
        accessToken = newAccess;
        if (!newRefresh.isBlank()) {
            refreshToken = newRefresh;
        }
    }

    /** {@code now} plus a lifetime in seconds from a token answer, when it has a positive one. */
    static Optional<Instant> lifetime(JsonNode body, String field, Instant now) {
        JsonNode seconds = body.path(field);
        return seconds.canConvertToLong() && seconds.asLong() > 0 ? Optional.of(now.plusSeconds(seconds.asLong()))
                : Optional.empty();
    }

    /** Every credential this client knows, old and new, for scrubbing messages. */
    Collection<String> secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.accessToken());
        secrets.add(accessToken);
        secrets.add(config.refreshToken());
        secrets.add(refreshToken);
        secrets.add(config.clientSecret());
        secrets.removeIf(s -> s == null || s.isBlank());
        return secrets;
    }
}
