package io.goalpost.plugins.x;

import java.time.Duration;
import io.goalpost.plugin.support.TokenRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls the X API v2 for one account: bearer authentication, one token refresh on a 401, and error
 * translation. All I/O goes through the host's {@link io.goalpost.plugin.api.HttpPort}.
 *
 * <p>X access tokens live two hours. Refresh tokens (scope {@code offline.access}) are single use
 * and rotate: the answer to a refresh carries a new refresh token and the old one stops working.
 * So the new pair is stored through the host's credentials port before the failed call is retried,
 * and kept here for the rest of this adapter's life.
 */
final class XApi {

    static final String TOKEN_PATH = "/oauth2/token";
    /** How long an X access token lives (X's OAuth 2.0 docs: 2 hours). */
    static final long ACCESS_LIFETIME_SECONDS = 7200;
    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(ACCESS_LIFETIME_SECONDS);

    private final AdapterContext context;
    private final XConfig config;
    private final XErrors errors;
    private final String basePath;

    // Replaced together when a refresh succeeds; guarded by this.
    private String accessToken;
    private Optional<String> refreshToken;

    XApi(AdapterContext context, XConfig config, XErrors errors) {
        this.context = context;
        this.config = config;
        this.errors = errors;
        this.accessToken = config.accessToken();
        this.refreshToken = config.refreshToken();
        String path = URI.create(config.apiBaseUrl()).getRawPath();
        this.basePath = path == null ? "" : path;
    }

    /** A successful GET's JSON body; the typed error otherwise. */
    JsonNode get(String path, Map<String, String> query) throws AdapterException {
        URI uri = Urls.build(config.apiBaseUrl(), path, query);
        String endpoint = "GET " + basePath + path;
        String tokenUsed = currentAccessToken();
        HttpResponse response = send(uri, tokenUsed);
        if (response.status() == 401) {
            refreshAfterRejection(tokenUsed, endpoint);
            response = send(uri, currentAccessToken());
            if (response.status() == 401) {
                throw XErrors.authExpired(endpoint);
            }
        }
        return errors.bodyOrThrow(endpoint, response, context.clock().instant());
    }

    /** The endpoint text used in messages for a path, e.g. {@code GET /2/users/me}. */
    String endpoint(String path) {
        return "GET " + basePath + path;
    }

    private HttpResponse send(URI uri, String token) throws AdapterException {
        HttpRequest request = HttpRequest.get(uri)
                .withHeader("Authorization", "Bearer " + token)
                .withHeader("Accept", "application/json");
        return context.http().send(request);
    }

    private synchronized String currentAccessToken() {
        return accessToken;
    }

    /**
     * Renews the access token after X rejected {@code rejected}. If another call renewed it in the
     * meantime, that token is used instead: a second refresh would burn the rotated refresh token.
     */
    private synchronized void refreshAfterRejection(String rejected, String endpoint) throws AdapterException {
        if (!accessToken.equals(rejected)) {
            return;
        }
        if (refreshToken.isEmpty()) {
            throw new AdapterException.AuthExpired("X rejected the access token for " + endpoint
                    + " (X access tokens last 2 hours) and no refresh token is configured; reconnect the X"
                    + " account and grant offline.access so Goalpost can renew it.");
        }
        if (config.clientId().isEmpty()) {
            throw new AdapterException.AuthExpired("X rejected the access token for " + endpoint
                    + " and it cannot be renewed because no OAuth 2.0 client id is configured; add the client"
                    + " id or reconnect the X account.");
        }
        String tokenEndpoint = "POST " + basePath + TOKEN_PATH;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.get());
        form.put("client_id", config.clientId().get());
        HttpRequest request = HttpRequest.postForm(Urls.build(config.apiBaseUrl(), TOKEN_PATH), form)
                .withHeader("Accept", "application/json");
        if (config.clientSecret().isPresent()) {
            // Confidential clients authenticate with HTTP Basic on top of the client_id field.
            String basic = Base64.getEncoder().encodeToString((config.clientId().get() + ":"
                    + config.clientSecret().get()).getBytes(StandardCharsets.UTF_8));
            request = request.withHeader("Authorization", "Basic " + basic);
        }
        HttpResponse response = context.http().send(request);
        if (response.status() == 429) {
            // X did not act on the refresh token: it stays valid for a later renewal.
            throw XErrors.rateLimited("X is rate-limiting " + tokenEndpoint + ", so the expired access token"
                    + " could not be renewed yet (the refresh token was not used)", response, context.clock().instant());
        }
        if (response.status() >= 500) {
            throw new AdapterException.TransientFailure("X answered " + response.status() + " for "
                    + tokenEndpoint + " while renewing the access token (a temporary problem on X's side).");
        }
        if (!response.isSuccess()) {
            throw new AdapterException.AuthExpired("X refused to renew the access token (the refresh token"
                    + " was revoked, has expired or was already used); reconnect the X account.");
        }
        JsonNode body = errors.parse(tokenEndpoint, response);
        String newAccess = body.path("access_token").asText("");
        if (newAccess.isEmpty()) {
            throw new AdapterException.BadResponse("X answered " + tokenEndpoint + " without an access_token");
        }
        String newRefresh = body.path("refresh_token").asText("");
        errors.addSecret(newAccess);
        errors.addSecret(newRefresh);
        Map<String, String> updated = new LinkedHashMap<>();
        updated.put(XConfig.ACCESS_TOKEN, newAccess);
        if (!newRefresh.isEmpty()) {
            updated.put(XConfig.REFRESH_TOKEN, newRefresh);
        }
        // The old refresh token is dead now: keep the new pair in memory even if storing fails, so
        // this adapter can still use it, then make it durable before any further call.
        accessToken = newAccess;
        if (!newRefresh.isEmpty()) {
            refreshToken = Optional.of(newRefresh);
        }
        context.credentials().store(Map.copyOf(updated));
        // Tell the host when the new access token lapses (2 hours unless X says otherwise). X publishes no
        // lifetime for refresh tokens, so that one stays unknown.
        context.credentials().expires(Optional.of(TokenRequests.lifetime(body, "expires_in", ACCESS_LIFETIME,
                context.clock().instant())), Optional.empty());
    }
}
