package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.NetworkAuthorizer;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What every "Connect with …" authorizer has in common: its network id, its {@link AuthorizationSpec} and
 * its consent page ({@link AuthorizationEndpoint}, whose address asks for the spec's scopes). A plugin
 * extends it with the network's code exchange and account discovery, annotated {@code @Extension}: PF4J's
 * index lists it through this class's {@code NetworkAuthorizer} (repeating {@code implements
 * NetworkAuthorizer} on the subclass would list it twice).
 */
public abstract class OAuthAuthorizer implements NetworkAuthorizer {

    private final String networkId;
    private final AuthorizationSpec spec;
    private final AuthorizationEndpoint consentPage;

    /**
     * @param networkId the network this authorizer connects accounts of
     * @param spec what the host shows and asks for
     * @param consentPage the network's consent page (the app's base URL replaces its host, for the demo sandboxes)
     */
    protected OAuthAuthorizer(String networkId, AuthorizationSpec spec, AuthorizationEndpoint consentPage) {
        this.networkId = Objects.requireNonNull(networkId, "networkId is null");
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.consentPage = Objects.requireNonNull(consentPage, "consentPage is null");
    }

    /**
     * The consent page given as its four parts.
     *
     * @deprecated declare the consent page as one {@link AuthorizationEndpoint} and call
     *     {@link #OAuthAuthorizer(String, AuthorizationSpec, AuthorizationEndpoint)}; this constructor stays
     *     for plugins written before it (removing it would break them, docs/writing-a-plugin.md section 6).
     *     A path without its leading {@code /}, which worked before, still does
     */
    @Deprecated
    protected OAuthAuthorizer(String networkId, AuthorizationSpec spec, String authorizeHost, String authorizePath,
            String clientIdParam, String scopeSeparator) {
        this(networkId, spec, new AuthorizationEndpoint(authorizeHost,
                authorizePath == null || authorizePath.startsWith("/") ? authorizePath : "/" + authorizePath,
                clientIdParam, scopeSeparator));
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
        return consentPage.url(request, spec.scopes(), extraAuthorizeParams(request));
    }

    /** Parameters the network adds to the consent page's address, in order (e.g. PKCE's code challenge). */
    protected Map<String, String> extraAuthorizeParams(AuthorizationRequest request) {
        return Map.of();
    }
}
