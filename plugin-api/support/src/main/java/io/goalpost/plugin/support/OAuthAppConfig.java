package io.goalpost.plugin.support;

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
     * A value as the record keeps it: empty when it is blank, as a field the user cleared is not a
     * credential.
     */
    static Optional<String> given(Optional<String> value) {
        return Objects.requireNonNull(value, "optional value is null").filter(v -> !v.isBlank());
    }
}
