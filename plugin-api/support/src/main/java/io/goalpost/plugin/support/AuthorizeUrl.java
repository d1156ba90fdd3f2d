package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The address of a network's consent page for the OAuth 2.0 authorization code flow (RFC 6749 §4.1.1),
 * what every {@code NetworkAuthorizer.authorizeUrl} builds: {@code response_type=code}, the app's client
 * id, the redirect URI, the scopes and the state, plus what a network adds (PKCE's code challenge).
 * An authorizer gets it from its {@link AuthorizationEndpoint}, which names the parts for this method.
 */
public final class AuthorizeUrl {

    private AuthorizeUrl() {
    }

    /**
     * @param request the host's request (app, redirect URI, state)
     * @param defaultBase the network's own base URL; the app's base URL replaces it (the demo sandboxes)
     * @param path the consent page's path
     * @param clientIdParam the parameter that carries the client id ({@code client_id}; TikTok: {@code client_key})
     * @param scopes the scopes to ask for
     * @param scopeSeparator how the network joins them ({@code ","} or {@code " "})
     * @param extra further parameters, in order (e.g. {@code code_challenge})
     */
    public static URI of(AuthorizationRequest request, String defaultBase, String path, String clientIdParam,
            List<String> scopes, String scopeSeparator, Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put(clientIdParam, request.app().clientId());
        query.put("redirect_uri", request.redirectUri());
        query.put("scope", String.join(scopeSeparator, scopes));
        query.put("state", request.state());
        query.putAll(extra);
        return Urls.build(request.app().base(defaultBase), path, query);
    }
}
