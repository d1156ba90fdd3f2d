package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.support.TokenRequests;
import io.goalpost.plugin.support.Redactor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.Urls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls the TikTok API for Business for one account: sends the {@code Access-Token} header, reads
 * TikTok's envelope (errors arrive inside HTTP 200 bodies), and renews the daily access token with the
 * rotating refresh token when TikTok refuses it.
 *
 * <p>Token state lives here, guarded by {@code this}: after a refresh the new pair is kept for later
 * calls and the old refresh token is never sent again (TikTok rotates it on every refresh).
 */
final class TikTokClient {

    /** TikTok's refresh endpoint, below the same versioned root as the data endpoints. */
    static final String REFRESH_PATH = "/tt_user/oauth2/refresh_token/";
    static final String ACCESS_TOKEN_HEADER = "Access-Token";
    /** TikTok's access tokens live a day ({@code expires_in} 86400). */
    static final Duration ACCESS_LIFETIME = Duration.ofDays(1);
    /** TikTok's refresh tokens live a year ({@code refresh_token_expires_in} 31536000), rolling on refresh. */
    static final Duration REFRESH_LIFETIME = Duration.ofDays(365);

    private final HttpPort http;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final TikTokConfig config;
    private final CredentialsPort credentials;
    private final Redactor redactor;

    private String accessToken;
    private String refreshToken;

    TikTokClient(HttpPort http, Clock clock, ObjectMapper mapper, TikTokConfig config, CredentialsPort credentials) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.mapper = Objects.requireNonNull(mapper, "mapper is null");
        this.config = Objects.requireNonNull(config, "config is null");
        this.credentials = Objects.requireNonNull(credentials, "credentials is null");
        this.accessToken = config.accessToken();
        this.refreshToken = config.refreshToken().orElse(null);
        this.redactor = Redactor.of(java.util.Arrays.asList(config.accessToken(), config.refreshToken().orElse(""),
                config.clientSecret().orElse("")));
    }

    /**
     * GETs a data endpoint and returns the envelope's {@code data} object. When TikTok refuses the
     * access token, renews it once (if a refresh token is configured) and repeats the call with the new
     * one.
     *
     * @param path the endpoint path below the API root, e.g. {@code /business/get/}
     * @param query the query parameters, in order; JSON-valued ones already serialized
     */
    JsonNode get(String path, Map<String, String> query) throws AdapterException {
        String tokenUsed = currentAccessToken();
        TikTokReply reply = send(dataRequest(path, query, tokenUsed), path);
        if (reply.error() != null && reply.error().tokenRejected()) {
            renewAfterRejection(tokenUsed, path, reply.error());
            reply = send(dataRequest(path, query, currentAccessToken()), path);
            if (reply.error() != null && reply.error().tokenRejected()) {
                throw new AdapterException.AuthExpired("TikTok refused even the freshly renewed access token for "
                        + path + ". Reconnect the TikTok account in Goalpost.");
            }
        }
        if (reply.error() != null) {
            throw reply.error().toException(path, clock.instant());
        }
        return reply.data();
    }

    /** Serializes a list as the JSON array TikTok expects inside query parameters such as {@code fields}. */
    String jsonArray(List<String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }

    /** Text with credentials masked, for messages that quote TikTok. */
    Redactor redactor() {
        return redactor;
    }

    private synchronized String currentAccessToken() {
        return accessToken;
    }

    /**
     * Renews the tokens after TikTok refused {@code rejectedToken}, unless another call already did.
     * Throws {@link AdapterException.AuthExpired} when there is nothing to refresh with.
     */
    private synchronized void renewAfterRejection(String rejectedToken, String path, TikTokError rejection)
            throws AdapterException {
        if (!accessToken.equals(rejectedToken)) {
            return; // renewed meanwhile by another call on this adapter
        }
        if (refreshToken == null || config.clientId().isEmpty() || config.clientSecret().isEmpty()) {
            throw rejection.toException(path, clock.instant());
        }
        refresh();
    }

    /** Trades the refresh token for a new pair, keeps it, and has the host store it before anything else. */
    private void refresh() throws AdapterException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", config.clientId().orElseThrow());
        body.put("client_secret", config.clientSecret().orElseThrow());
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
        HttpRequest request = HttpRequest.postJson(Urls.build(config.apiBaseUrl(), REFRESH_PATH), json)
                .withHeader("Accept", "application/json");
        TikTokReply reply = send(request, REFRESH_PATH);
        TikTokError error = reply.error();
        if (error != null) {
            if (error.rateLimited() || error.transientFailure()) {
                // TikTok did not act on the refresh token, so it stays valid for the retry.
                throw error.toException(REFRESH_PATH, clock.instant());
            }
            String why = error.code() != null && error.code() == TikTokError.INVALID_APP_CREDENTIALS
                    ? " because it rejected the App ID or App secret" : "";
            throw new AdapterException.AuthExpired("TikTok refused to renew the access token" + why + " ("
                    + (error.code() != null ? "code " + error.code() : "HTTP " + error.httpStatus())
                    + (error.message().isEmpty() ? "" : ": " + error.message())
                    + "). Reconnect the TikTok account in Goalpost.");
        }
        String newAccess = text(reply.data(), "access_token");
        String newRefresh = text(reply.data(), "refresh_token");
        if (newAccess == null || newRefresh == null) {
            // The old refresh token may already be spent, so retrying with it is pointless.
            throw new AdapterException.AuthExpired("TikTok renewed the access token but its answer lacked the new "
                    + "access or refresh token. Reconnect the TikTok account in Goalpost.");
        }
        redactor.add(newAccess);
        redactor.add(newRefresh);
        accessToken = newAccess;
        refreshToken = newRefresh;
        credentials.store(Map.of(TikTokConfig.ACCESS_TOKEN, newAccess, TikTokConfig.REFRESH_TOKEN, newRefresh));
        // Tell the host when the new pair lapses: TikTok sends both lifetimes (the refresh token's rolls on).
        Instant now = clock.instant();
        credentials.expires(Optional.of(TokenRequests.lifetime(reply.data(), "expires_in", ACCESS_LIFETIME, now)),
                Optional.of(TokenRequests.lifetime(reply.data(), "refresh_token_expires_in", REFRESH_LIFETIME, now)));
    }

    private HttpRequest dataRequest(String path, Map<String, String> query, String token) {
        return HttpRequest.get(Urls.build(config.apiBaseUrl(), path, query))
                .withHeader(ACCESS_TOKEN_HEADER, token)
                .withHeader("Accept", "application/json");
    }

    /** Sends one request and reads TikTok's envelope; HTTP failures without a response propagate. */
    private TikTokReply send(HttpRequest request, String endpoint) throws AdapterException {
        return TikTokReply.read(http.send(request), mapper, redactor, endpoint);
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
