package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.NetworkAuthorizer;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What every "Connect with …" authorizer has in common: its network id, its {@link AuthorizationSpec} and
 * the consent page's address ({@link AuthorizeUrl}, asking for the spec's scopes). A plugin extends it
 * with the network's code exchange and account discovery, annotated {@code @Extension}: PF4J's index
 * lists it through this class's {@code NetworkAuthorizer} (repeating {@code implements NetworkAuthorizer}
 * on the subclass would list it twice).
 */
public abstract class OAuthAuthorizer implements NetworkAuthorizer {

    private final String networkId;
    private final AuthorizationSpec spec;
    private final String authorizeHost;
    private final String authorizePath;
    private final String clientIdParam;
    private final String scopeSeparator;

    /**
     * @param networkId the network this authorizer connects accounts of
     * @param spec what the host shows and asks for
     * @param authorizeHost the consent page's host (the app's base URL replaces it, for the demo sandboxes)
     * @param authorizePath the consent page's path
     * @param clientIdParam the parameter that carries the client id ({@code client_id}; TikTok: {@code client_key})
     * @param scopeSeparator how the network joins scopes ({@code ","} or {@code " "})
     */
    protected OAuthAuthorizer(String networkId, AuthorizationSpec spec, String authorizeHost, String authorizePath,
            String clientIdParam, String scopeSeparator) {
        this.networkId = Objects.requireNonNull(networkId, "networkId is null");
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.authorizeHost = Objects.requireNonNull(authorizeHost, "authorizeHost is null");
        this.authorizePath = Objects.requireNonNull(authorizePath, "authorizePath is null");
        this.clientIdParam = Objects.requireNonNull(clientIdParam, "clientIdParam is null");
        this.scopeSeparator = Objects.requireNonNull(scopeSeparator, "scopeSeparator is null");
    }

    @Override
    public final String networkId() {
        return networkId;
    }

    @Override
    public final AuthorizationSpec spec() {
        return spec;
    }

    @Override
    public final URI authorizeUrl(AuthorizationRequest request) {
        return AuthorizeUrl.of(request, authorizeHost, authorizePath, clientIdParam, spec.scopes(), scopeSeparator,
                extraAuthorizeParams(request));
    }

    /** Parameters the network adds to the consent page's address, in order (e.g. PKCE's code challenge). */
    protected Map<String, String> extraAuthorizeParams(AuthorizationRequest request) {
        return Map.of();
    }
}
