package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's OAuth 2.0 tokens, refreshed with the refresh token when the access token is refused
 * (RFC 6749 §6). Networks that rotate refresh tokens (TikTok, X) invalidate the old one on use, so
 * the new pair is stored through the host's {@code CredentialsPort} before anything else is sent,
 * and their lifetimes reported with {@code expires}. Thread-safe: two calls that meet an expired
 * token refresh it once.
 */
public final class RotatingTokens {

    /**
     * Where and how to refresh.
     *
     * @param network the network's name, for messages
     * @param tokenEndpoint the token URL
     * @param clientId the app's client id (a form field, or the Basic user)
     * @param clientSecret the app's client secret, or empty for a public client
     * @param basicAuth true to send the client credentials as HTTP Basic, false as form fields
     * @param accessKey the config key of the access token, e.g. {@code access_token}
     * @param refreshKey the config key of the refresh token, e.g. {@code refresh_token}
     */
    public record Spec(String network, URI tokenEndpoint, String clientId, Optional<String> clientSecret,
            boolean basicAuth, String accessKey, String refreshKey) {
        public Spec {
            Objects.requireNonNull(network, "network is null");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint is null");
            Objects.requireNonNull(clientId, "clientId is null");
            Objects.requireNonNull(clientSecret, "clientSecret is null");
            Objects.requireNonNull(accessKey, "accessKey is null");
            Objects.requireNonNull(refreshKey, "refreshKey is null");
        }

        /** Client credentials in the form, keys {@code access_token} and {@code refresh_token}. */
        public static Spec of(String network, URI tokenEndpoint, String clientId, String clientSecret) {
            return new Spec(network, tokenEndpoint, clientId, Optional.ofNullable(clientSecret), false,
                    "access_token", "refresh_token");
        }

        /** This spec with the client credentials sent as HTTP Basic. */
        public Spec withBasicAuth() {
            return new Spec(network, tokenEndpoint, clientId, clientSecret, true, accessKey, refreshKey);
        }
    }

    private final AdapterContext context;
    private final Spec spec;
    private final Redactor redactor;
    private final Object lock = new Object();
    private String access;
    private String refresh;

    /**
     * @param refreshToken the stored refresh token, or null when the account has none (then a refused
     *     token is {@code AuthExpired} at once)
     */
    public RotatingTokens(AdapterContext context, Spec spec, String accessToken, String refreshToken, Redactor redactor) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.redactor = Objects.requireNonNull(redactor, "redactor is null");
        this.access = Objects.requireNonNull(accessToken, "accessToken is null");
        this.refresh = refreshToken == null || refreshToken.isBlank() ? null : refreshToken;
        redactor.add(accessToken);
        redactor.add(refreshToken);
        spec.clientSecret().ifPresent(redactor::add);
    }

    /** The access token to send now. */
    public String access() {
        synchronized (lock) {
            return access;
        }
    }

    /**
     * Renews the access token after {@code refused} was refused and returns the one to use. When
     * another thread already renewed it, returns that one without a second refresh.
     *
     * @throws AdapterException.AuthExpired when there is no refresh token or the network refuses it
     */
    public String renew(String refused) throws AdapterException {
        synchronized (lock) {
            if (!access.equals(refused)) {
                return access;
            }
            if (refresh == null) {
                throw new AdapterException.AuthExpired(spec.network() + " refused the access token and there is no "
                        + "refresh token: reconnect the account in Goalpost.");
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", refresh);
            HttpRequest request;
            if (spec.basicAuth()) {
                String basic = Base64.getEncoder().encodeToString((spec.clientId() + ":"
                        + spec.clientSecret().orElse("")).getBytes(StandardCharsets.UTF_8));
                request = HttpRequest.postForm(spec.tokenEndpoint(), form).withHeader("Authorization", "Basic " + basic);
            } else {
                form.put("client_id", spec.clientId());
                spec.clientSecret().ifPresent(s -> form.put("client_secret", s));
                request = HttpRequest.postForm(spec.tokenEndpoint(), form);
            }
            HttpResponse response = context.http().send(request.withHeader("Accept", "application/json"));
            if (response.status() == 400 || response.status() == 401) {
                throw new AdapterException.AuthExpired(spec.network() + " refused to renew the access token: "
                        + ErrorBody.of(response).describe(redactor) + ". Reconnect the account in Goalpost.");
            }
            if (!response.isSuccess()) {
                throw new StatusErrors(spec.network(), context.clock(), StatusErrors.DEFAULT_RATE_LIMIT_WAIT, redactor)
                        .toException(response, "the token refresh");
            }
            Json body = Json.parse(response);
            String newAccess = body.requireText("access_token");
            Optional<String> newRefresh = body.text("refresh_token").filter(s -> !s.isBlank());
            redactor.add(newAccess);
            newRefresh.ifPresent(redactor::add);
            Map<String, String> stored = new LinkedHashMap<>();
            stored.put(spec.accessKey(), newAccess);
            newRefresh.ifPresent(r -> stored.put(spec.refreshKey(), r));
            // Durable before use: a rotated refresh token is the only one that works from now on.
            context.credentials().store(stored);
            Instant now = context.clock().instant();
            context.credentials().expires(seconds(body, "expires_in").map(now::plus),
                    seconds(body, "refresh_token_expires_in").map(now::plus));
            access = newAccess;
            refresh = newRefresh.orElse(refresh);
            return access;
        }
    }

    private static Optional<Duration> seconds(Json body, String field) {
        var n = body.number(field);
        return n.isPresent() && n.getAsDouble() > 0 ? Optional.of(Duration.ofSeconds((long) n.getAsDouble()))
                : Optional.empty();
    }
}
