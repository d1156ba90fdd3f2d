package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.support.OAuthAuthorizer;
import java.time.Clock;
import java.util.Objects;

/**
 * A "Connect with …" authorizer whose sign-in is Facebook Login: the Login dialog and the code exchange
 * are {@link FacebookLogin}'s; the plugin says which accounts the person's Pages give
 * ({@link FacebookLogin#discover}).
 */
public abstract class FacebookLoginAuthorizer extends OAuthAuthorizer {

    private final FacebookLogin login;

    protected FacebookLoginAuthorizer(String networkId, AuthorizationSpec spec, FacebookLogin login) {
        super(networkId, spec, FacebookLogin.DIALOG_HOST, FacebookLogin.DIALOG_PATH, "client_id", ",");
        this.login = Objects.requireNonNull(login, "login is null");
    }

    @Override
    public final TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        return login.exchange(exchange, http, clock);
    }

    /** The sign-in flow, for discovery. */
    protected final FacebookLogin login() {
        return login;
    }
}
