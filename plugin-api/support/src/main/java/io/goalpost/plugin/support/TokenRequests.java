package io.goalpost.plugin.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.TokenGrant;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The request of an OAuth 2.0 authorization-code exchange, in the three shapes networks take it
 * (RFC 6749 section 4.1.3, RFC 7636 for PKCE):
 *
 * <ul>
 *   <li>{@link #basicForm}: a form {@code grant_type, code, redirect_uri}, the app authenticated with HTTP
 *       Basic (Pinterest);</li>
 *   <li>{@link #pkceForm}: the same form with {@code code_verifier} and {@code client_id}, HTTP Basic only
 *       for a confidential client, none for a public one (X);</li>
 *   <li>{@link #jsonBody}: a JSON body carrying the client id and secret next to the code, under the name
 *       the network gives the code (TikTok's {@code auth_code}).</li>
 * </ul>
 *
 * <p>Every request asks for JSON. What the answer means (its error envelope, which scopes it needs) stays
 * the plugin's: networks differ there, not in how they are asked. How long its tokens live is read the
 * same way everywhere ({@link #lifetime}, {@link #grant}).
 */
public final class TokenRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenRequests() {
    }

    /** The {@code Authorization} header value of an OAuth client: {@code Basic base64(id:secret)}. */
    public static String basic(String clientId, String clientSecret) {
        Objects.requireNonNull(clientId, "clientId is null");
        Objects.requireNonNull(clientSecret, "clientSecret is null");
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The code exchange as a form, the app's id and secret as HTTP Basic, never in the body. */
    public static HttpRequest basicForm(URI tokenUrl, CodeExchange exchange) {
        AppCredentials app = exchange.app();
        return HttpRequest.postForm(tokenUrl, codeForm(exchange))
                .withHeader("Authorization", basic(app.clientId(), app.clientSecret()))
                .withHeader("Accept", "application/json");
    }

    /**
     * The code exchange of a PKCE sign-in: the form with the code verifier and the client id; HTTP Basic
     * when the app has a secret (a confidential client), nothing more for a public one.
     *
     * @throws IllegalArgumentException when the exchange carries no code verifier
     */
    public static HttpRequest pkceForm(URI tokenUrl, CodeExchange exchange) {
        String verifier = exchange.codeVerifier().orElseThrow(() -> new IllegalArgumentException(
                "a PKCE exchange needs the code verifier, and this one carries none"));
        AppCredentials app = exchange.app();
        Map<String, String> form = codeForm(exchange);
        form.put("code_verifier", verifier);
        form.put("client_id", app.clientId());
        HttpRequest request = HttpRequest.postForm(tokenUrl, form).withHeader("Accept", "application/json");
        return app.clientSecret().isBlank() ? request
                : request.withHeader("Authorization", basic(app.clientId(), app.clientSecret()));
    }

    /**
     * The code exchange as a JSON object: {@code client_id, client_secret, grant_type, <codeParam>,
     * redirect_uri}, for networks that take neither a form nor HTTP Basic.
     */
    public static HttpRequest jsonBody(URI tokenUrl, CodeExchange exchange, String codeParam) {
        Objects.requireNonNull(codeParam, "codeParam is null");
        AppCredentials app = exchange.app();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", app.clientId());
        body.put("client_secret", app.clientSecret());
        body.put("grant_type", "authorization_code");
        body.put(codeParam, exchange.code());
        body.put("redirect_uri", exchange.redirectUri());
        return HttpRequest.postJson(tokenUrl, json(body)).withHeader("Accept", "application/json");
    }

    private static Map<String, String> codeForm(CodeExchange exchange) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", exchange.code());
        form.put("redirect_uri", exchange.redirectUri());
        return form;
    }

    /**
     * When a token from a token answer lapses: {@code now} plus the answer's {@code field} in seconds
     * ({@code expires_in}, {@code refresh_token_expires_in}), or plus the network's documented lifetime
     * when the answer has none, or one that is not a positive number.
     */
    public static Instant lifetime(JsonNode answer, String field, Duration documented, Instant now) {
        JsonNode value = answer.path(field);
        return now.plusSeconds(value.canConvertToLong() && value.asLong() > 0 ? value.asLong() : documented.toSeconds());
    }

    /**
     * The grant of an accepted code exchange: its tokens, each lapsing when the answer says
     * ({@link #lifetime}, the refresh token only when there is one), and the scopes it was granted.
     *
     * @param answer the token answer's JSON object (for TikTok, its {@code data})
     * @param accessLifetime the network's documented access-token lifetime
     * @param refreshLifetime the network's documented refresh-token lifetime
     */
    public static TokenGrant grant(JsonNode answer, String accessToken, Optional<String> refreshToken,
            Set<String> granted, Instant now, Duration accessLifetime, Duration refreshLifetime) {
        return new TokenGrant(accessToken, refreshToken,
                Optional.of(lifetime(answer, "expires_in", accessLifetime, now)),
                refreshToken.map(r -> lifetime(answer, "refresh_token_expires_in", refreshLifetime, now)), granted);
    }

    private static String json(Map<String, String> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
