package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.support.OAuthAuthorizer;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A "Connect with …" authorizer whose sign-in is Facebook Login: the Login dialog and the code exchange
 * are {@link FacebookLogin}'s; the plugin says which accounts the person's Pages give
 * ({@link FacebookLogin#discover}).
 */
public abstract class FacebookLoginAuthorizer extends OAuthAuthorizer {

    private final FacebookLogin login;

    /**
     * An authorizer that connects accounts through their Pages' tokens, with {@link #pageTokenSpec} and a
     * {@link FacebookLogin} asking for {@code scopes}.
     *
     * @param product what the person connects, in "Connect with {product} again"
     * @param purpose what Goalpost needs the given missing permissions for
     * @param setupHelp how an admin sets up the Meta app, as the Settings page shows it
     */
    protected FacebookLoginAuthorizer(String networkId, String product, List<String> scopes,
            Function<List<String>, String> purpose, String setupHelp) {
        this(networkId, pageTokenSpec(scopes, setupHelp), new FacebookLogin(product, scopes, purpose));
    }

    protected FacebookLoginAuthorizer(String networkId, AuthorizationSpec spec, FacebookLogin login) {
        super(networkId, spec, FacebookLogin.DIALOG);
        this.login = Objects.requireNonNull(login, "login is null");
    }

    @Override
    public final TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        return login.exchange(exchange, http, clock);
    }

    /**
     * The sign-in spec of a network whose accounts are connected with Page tokens from Facebook Login:
     * the app is named by its App ID, no PKCE, and a Page token got through a long-lived user token does
     * not expire, so there is no access lifetime, no refresh token and nothing rotates.
     */
    public static AuthorizationSpec pageTokenSpec(List<String> scopes, String setupHelp) {
        return new AuthorizationSpec(scopes, false, "App ID", Optional.empty(), Optional.empty(), false, setupHelp);
    }

    /** The sign-in flow, for discovery. */
    protected final FacebookLogin login() {
        return login;
    }
}
