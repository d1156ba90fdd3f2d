package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.support.TokenRequests;
import io.goalpost.plugin.support.Redactor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter's only way to Pinterest: sends GETs with the Bearer token through the host's
 * {@link io.goalpost.plugin.api.HttpPort}, renews an expired access token once per call with the
 * refresh token, and translates every error signal into a typed {@link AdapterException}.
 *
 * <p>Messages name the endpoint path only: never a token, a secret, or a URL with its query.
 */
final class PinterestClient {

    /**
     * Wait after a 429 that names no reset time. Pinterest documents no rate-limit headers; a minute
     * clears per-second and per-minute limits without hammering a daily quota.
     */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    /** Pinterest's access tokens live 30 days ({@code expires_in} 2592000). */
    static final Duration ACCESS_LIFETIME = Duration.ofDays(30);
    /** Pinterest's refresh tokens live a year ({@code refresh_token_expires_in} 31536000). */
    static final Duration REFRESH_LIFETIME = Duration.ofDays(365);

    /** Above this, an {@code X-RateLimit-Reset} value is an epoch second rather than a delay. */
    private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

    private final AdapterContext context;
    private final PinterestConfig config;
    private final ObjectMapper mapper;

    // Tokens change when a refresh succeeds; the lock keeps two threads from refreshing twice.
    private final Object tokenLock = new Object();
    private String accessToken;
    private String refreshToken;

    PinterestClient(AdapterContext context, PinterestConfig config, ObjectMapper mapper) {
        this.context = context;
        this.config = config;
        this.mapper = mapper;
        this.accessToken = config.accessToken();
        this.refreshToken = config.refreshToken().orElse(null);
    }

    /**
     * Sends the call and returns its 2xx body (or a passed-through error). On an expired-token
     * signal it refreshes the access token, stores the new tokens, and retries once.
     */
    ApiReply get(ApiCall call) throws AdapterException {
        URI uri = Urls.build(config.apiBaseUrl(), call.path(), call.query());
        String path = uri.getPath();
        String token = currentAccessToken();
        HttpResponse response = send(uri, token);
        if (signalsExpiredToken(response)) {
            String renewed = renewAccessToken(token, path);
            response = send(uri, renewed);
            if (signalsExpiredToken(response)) {
                throw new AdapterException.AuthExpired("Pinterest refused the renewed access token on " + path
                        + ": reconnect the Pinterest account in Goalpost.");
            }
        }
        return interpret(response, call, path);
    }

    /** The access token in use (changes after a refresh). */
    String currentAccessToken() {
        synchronized (tokenLock) {
            return accessToken;
        }
    }

    /** A redactor for every credential this client knows, including refreshed ones. */
    Redactor redactor() {
        List<String> secrets = new ArrayList<>(config.secrets());
        synchronized (tokenLock) {
            secrets.add(accessToken);
            if (refreshToken != null) {
                secrets.add(refreshToken);
            }
        }
        return Redactor.of(secrets);
    }

    private HttpResponse send(URI uri, String token) throws AdapterException {
        HttpRequest request = HttpRequest.get(uri)
                .withHeader("Authorization", "Bearer " + token)
                .withHeader("Accept", "application/json");
        return context.http().send(request);
    }

    private boolean signalsExpiredToken(HttpResponse response) {
        if (response.status() == 401) {
            return true;
        }
        if (!response.isSuccess()) {
            return false;
        }
        JsonNode body = parseLeniently(response);
        return PinterestError.isErrorEnvelope(body)
                && Integer.valueOf(PinterestError.CODE_AUTHENTICATION_FAILED).equals(PinterestError.from(body).code());
    }

    private ApiReply interpret(HttpResponse response, ApiCall call, String path) throws AdapterException {
        int status = response.status();
        if (call.passThrough().contains(status)) {
            JsonNode body = parseLeniently(response);
            return new ApiReply(status, body, response.isSuccess() ? null : PinterestError.from(body));
        }
        if (response.isSuccess()) {
            JsonNode body = parseStrictly(response, path);
            if (PinterestError.isErrorEnvelope(body)) {
                throw errorInsideSuccess(PinterestError.from(body), path);
            }
            return new ApiReply(status, body, null);
        }
        throw translate(response, call, path);
    }

    /** The typed error of a non-2xx response (401 is only seen here after a failed renewal). */
    private AdapterException translate(HttpResponse response, ApiCall call, String path) {
        int status = response.status();
        String detail = PinterestError.from(parseLeniently(response)).describe(redactor());
        if (status == 401) {
            return new AdapterException.AuthExpired("Pinterest refused the access token on " + path + " (" + detail
                    + "): reconnect the Pinterest account in Goalpost.");
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing("Pinterest refused access to " + path + " (" + detail
                    + "). The token needs the scopes " + String.join(", ", call.scopes().stream().sorted().toList())
                    + ", and analytics need a Pinterest business account.", call.scopes());
        }
        if (status == 429) {
            return rateLimited("Pinterest is rate-limiting calls to " + path + " (" + detail + ")", response);
        }
        if (status >= 500 || status == 408) {
            return new AdapterException.TransientFailure("Pinterest had a temporary problem answering " + path
                    + " (HTTP " + status + ", " + detail + ").");
        }
        if (status == 404) {
            return new AdapterException.ConfigInvalid("Pinterest has nothing at " + path + " (HTTP 404, " + detail
                    + "): check the API base URL.");
        }
        if (status == 400) {
            return new AdapterException.BadResponse("Pinterest rejected the request to " + path + " as invalid ("
                    + detail + ").");
        }
        return new AdapterException.BadResponse("Pinterest answered " + path + " with unexpected HTTP " + status
                + " (" + detail + ").");
    }

    /**
     * An error envelope inside a 2xx. Pinterest documents only code 2 (authentication, handled by the
     * renewal path before this point) among its body codes, so any other code is an unreadable answer.
     */
    private AdapterException errorInsideSuccess(PinterestError error, String path) {
        return new AdapterException.BadResponse("Pinterest answered " + path + " with an error instead of data ("
                + error.describe(redactor()) + ").");
    }

    /**
     * The best time to retry after a 429: {@code Retry-After} (seconds or HTTP date), else
     * {@code X-RateLimit-Reset} (epoch seconds or seconds from now), else now plus a default. Pinterest
     * documents neither header, so both are read only when present.
     */
    static Instant retryAt(HttpResponse response, Instant now) {
        return announcedRetryAt(response, now).orElse(now.plus(DEFAULT_RATE_LIMIT_WAIT));
    }

    /**
     * A throttle, not a failed connection: {@link AdapterException.RateLimited}. The message gives the
     * time Pinterest named, and only that; it promises no retry, since when to try again is the host's
     * decision.
     */
    private AdapterException.RateLimited rateLimited(String what, HttpResponse response) {
        Instant now = context.clock().instant();
        java.util.Optional<Instant> announced = announcedRetryAt(response, now);
        return new AdapterException.RateLimited(what + announced.map(at -> "; Pinterest says it accepts calls again at "
                + at + ".").orElse("; Pinterest did not say when it accepts calls again."), retryAt(response, now));
    }

    /** The retry time Pinterest announced in {@code Retry-After} or {@code X-RateLimit-Reset}, if any. */
    static java.util.Optional<Instant> announcedRetryAt(HttpResponse response, Instant now) {
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null) {
            String value = retryAfter.strip();
            try {
                long seconds = Long.parseLong(value);
                if (seconds >= 0) {
                    return java.util.Optional.of(now.plusSeconds(seconds));
                }
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    if (at.isAfter(now)) {
                        return java.util.Optional.of(at);
                    }
                } catch (DateTimeParseException notADate) {
                    // fall through to the next signal
                }
            }
        }
        String reset = response.header("X-RateLimit-Reset");
        if (reset != null) {
            try {
                long value = Long.parseLong(reset.strip());
                Instant at = value >= EPOCH_SECONDS_THRESHOLD ? Instant.ofEpochSecond(value) : now.plusSeconds(value);
                if (at.isAfter(now)) {
                    return java.util.Optional.of(at);
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Renews the access token with {@code POST /v5/oauth/token} (Basic auth with the app id and
     * secret, {@code grant_type=refresh_token}), stores the new tokens through the host, and only then
     * hands the new token out.
     */
    private String renewAccessToken(String rejectedToken, String path) throws AdapterException {
        synchronized (tokenLock) {
            if (!accessToken.equals(rejectedToken)) {
                return accessToken; // another call renewed it meanwhile
            }
            if (refreshToken == null) {
                throw new AdapterException.AuthExpired("Pinterest no longer accepts the access token on " + path
                        + " (it expired or was revoked) and no refresh token is configured: reconnect the Pinterest"
                        + " account in Goalpost.");
            }
            if (config.clientId().isEmpty() || config.clientSecret().isEmpty()) {
                throw new AdapterException.AuthExpired("Pinterest no longer accepts the access token on " + path
                        + " and the app id and app secret needed to use the refresh token are not configured: add"
                        + " them or reconnect the Pinterest account in Goalpost.");
            }
            URI tokenUri = config.tokenEndpoint();
            String tokenPath = tokenUri.getPath();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", refreshToken);
            String basic = Base64.getEncoder().encodeToString(
                    (config.clientId().get() + ":" + config.clientSecret().get()).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.postForm(tokenUri, form)
                    .withHeader("Authorization", "Basic " + basic)
                    .withHeader("Accept", "application/json");
            HttpResponse response = context.http().send(request);
            if (!response.isSuccess()) {
                throw refreshFailure(response, tokenPath);
            }
            JsonNode body = parseStrictly(response, tokenPath);
            if (PinterestError.isErrorEnvelope(body)) {
                throw new AdapterException.AuthExpired("Pinterest refused to renew the access token ("
                        + PinterestError.from(body).describe(redactor())
                        + "): reconnect the Pinterest account in Goalpost.");
            }
            String newAccess = body.path("access_token").asText("");
            if (!body.path("access_token").isTextual() || newAccess.isBlank()) {
                throw new AdapterException.BadResponse("Pinterest's answer from " + tokenPath
                        + " has no access_token.");
            }
            JsonNode rotated = body.get("refresh_token");
            String newRefresh = rotated != null && rotated.isTextual() && !rotated.textValue().isBlank()
                    ? rotated.textValue() : null;
            Map<String, String> update = new LinkedHashMap<>();
            update.put(PinterestConfig.ACCESS_TOKEN, newAccess);
            if (newRefresh != null) {
                update.put(PinterestConfig.REFRESH_TOKEN, newRefresh);
            }
            // Durable first: with continuous refresh the old refresh token may stop working.
            context.credentials().store(Map.copyOf(update));
            accessToken = newAccess;
            if (newRefresh != null) {
                refreshToken = newRefresh;
            }
            // Tell the host when the tokens lapse: the new access token after expires_in (30 days); a new
            // refresh token after its refresh_token_expires_in. Without a new refresh token the old one keeps
            // the lifetime it had, which this answer does not restate: it is left unsaid.
            Instant now = context.clock().instant();
            context.credentials().expires(Optional.of(TokenRequests.lifetime(body, "expires_in", ACCESS_LIFETIME, now)),
                    newRefresh == null ? Optional.empty()
                            : Optional.of(TokenRequests.lifetime(body, "refresh_token_expires_in", REFRESH_LIFETIME, now)));
            return newAccess;
        }
    }

    private AdapterException refreshFailure(HttpResponse response, String tokenPath) {
        int status = response.status();
        String detail = PinterestError.from(parseLeniently(response)).describe(redactor());
        if (status == 429) {
            // Pinterest did not act on the refresh token: it stays valid for a later renewal.
            return rateLimited("Pinterest is rate-limiting " + tokenPath + ", so the expired access token could not be"
                    + " renewed yet (" + detail + ")", response);
        }
        if (status >= 500 || status == 408) {
            return new AdapterException.TransientFailure("Pinterest had a temporary problem renewing the access"
                    + " token at " + tokenPath + " (HTTP " + status + ", " + detail + ").");
        }
        return new AdapterException.AuthExpired("Pinterest refused to renew the access token (HTTP " + status + ", "
                + detail + "): the refresh token or the app credentials are no longer valid; reconnect the Pinterest"
                + " account in Goalpost.");
    }

    /**
     * Parses a body that must be JSON. The parser's own message is not passed on: it quotes the
     * offending input, which may be a token.
     */
    private JsonNode parseStrictly(HttpResponse response, String path) throws AdapterException.BadResponse {
        byte[] body = response.body();
        if (body.length == 0) {
            throw new AdapterException.BadResponse("Pinterest sent an empty response from " + path + ".");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new AdapterException.BadResponse("Pinterest sent an empty response from " + path + ".");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")";
            throw new AdapterException.BadResponse("Pinterest sent a response from " + path
                    + " that is not valid JSON, malformed or cut off" + where + ".");
        } catch (java.io.IOException e) {
            throw new AdapterException.BadResponse("Pinterest's response from " + path + " could not be read.");
        }
    }

    private JsonNode parseLeniently(HttpResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null || node.isMissingNode() ? mapper.createObjectNode() : node;
        } catch (java.io.IOException e) {
            return mapper.createObjectNode();
        }
    }
}
