package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.TokenGrant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration of an account connected through the user's own OAuth app: an access token, and
 * optionally what renews it (a refresh token with the app's client id and secret). A plugin's config
 * record implements this with components of these names; the keys of the fields are the same in every
 * plugin, so the host's sign-in and token renewal see one shape.
 *
 * <p>The fields themselves, with the plugin's labels and help, are declared with {@link OAuthAppFields}.
 */
public interface OAuthAppConfig {

    /** The key of the access token field (a secret). */
    String ACCESS_TOKEN = "access_token";
    /** The key of the refresh token field (a secret, optional). */
    String REFRESH_TOKEN = "refresh_token";
    /** The key of the app's client id field (optional). */
    String CLIENT_ID = "client_id";
    /** The key of the app's client secret field (a secret, optional). */
    String CLIENT_SECRET = "client_secret";

    /** The access token sent with every call. */
    String accessToken();

    /** The refresh token, when one was given. */
    Optional<String> refreshToken();

    /** The app's client id, when given. */
    Optional<String> clientId();

    /** The app's client secret, when given. */
    Optional<String> clientSecret();

    /**
     * True when everything a renewal with a confidential app needs is configured: the refresh token,
     * the client id and the client secret. A network whose public apps renew without a secret overrides
     * this.
     */
    default boolean canRefresh() {
        return refreshToken().isPresent() && clientId().isPresent() && clientSecret().isPresent();
    }

    /** Every configured credential value (the client id is not one), for scrubbing them out of messages. */
    default Set<String> secrets() {
        return Stream.of(Optional.of(accessToken()), refreshToken(), clientSecret())
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The configuration an account connected through the sign-in starts with, under the keys the pasted
     * form takes: the access token; the refresh token with the app's client id and secret when the grant
     * has one and the app has a secret (without it the renewal could never succeed, so the account keeps
     * its access token until it expires); and {@link ApiBaseUrl#KEY} {@code apiBase} when the app points
     * at a sandbox or proxy instead of the network. A plugin adds its own keys (the account's id) to it.
     *
     * @param apiBase the API base URL the sign-in used, for an app with a base URL of its own
     */
    static Map<String, String> signedIn(TokenGrant grant, AppCredentials app, String apiBase) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(ACCESS_TOKEN, grant.accessToken());
        if (grant.refreshToken().isPresent() && !app.clientSecret().isBlank()) {
            config.put(REFRESH_TOKEN, grant.refreshToken().get());
            config.put(CLIENT_ID, app.clientId());
            config.put(CLIENT_SECRET, app.clientSecret());
        }
        if (app.baseUrl().isPresent()) {
            config.put(ApiBaseUrl.KEY, apiBase);
        }
        return config;
    }

    /**
     * A value as the record keeps it: empty when it is blank, as a field the user cleared is not a
     * credential.
     */
    static Optional<String> given(Optional<String> value) {
        return Objects.requireNonNull(value, "optional value is null").filter(v -> !v.isBlank());
    }
}
