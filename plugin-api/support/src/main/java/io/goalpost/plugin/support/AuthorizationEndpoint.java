package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AuthorizationRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network's consent page, OAuth 2.0's authorization endpoint (RFC 6749 §3.1): where it is and how it
 * names what {@link AuthorizeUrl} sends it. An authorizer declares it once, starting from RFC 6749's
 * names with {@link #of(String, String)} and stating only where its network departs from them, e.g.
 * {@code AuthorizationEndpoint.of("https://www.tiktok.com", "/v2/auth/authorize").withClientIdParam("client_key")
 * .withScopeSeparator(",")}.
 *
 * @param host the consent page's scheme and host, e.g. {@code https://www.pinterest.com}; the app's base URL
 *     replaces it (the demo sandboxes, a proxy)
 * @param path the consent page's path, e.g. {@code /oauth/}
 * @param clientIdParam the parameter that carries the client id ({@code client_id}; TikTok: {@code client_key})
 * @param scopeSeparator how the network joins scopes ({@code " "} as RFC 6749 §3.3 says, or {@code ","})
 */
public record AuthorizationEndpoint(String host, String path, String clientIdParam, String scopeSeparator) {

    /** RFC 6749's parameter for the client id. */
    public static final String CLIENT_ID = "client_id";
    /** RFC 6749's separator between scopes (§3.3). */
    public static final String SPACE = " ";

    public AuthorizationEndpoint {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(clientIdParam, "clientIdParam is null");
        Objects.requireNonNull(scopeSeparator, "scopeSeparator is null");
        host = BaseUrls.withoutTrailingSlash(host);
        if (!isSchemeAndHost(host)) {
            throw new IllegalArgumentException("host must be the consent page's scheme and host, such as "
                    + "https://www.example.com, not " + host);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        if (clientIdParam.isBlank()) {
            throw new IllegalArgumentException("clientIdParam is blank");
        }
        if (scopeSeparator.isEmpty()) {
            throw new IllegalArgumentException("scopeSeparator is empty");
        }
    }

    /**
     * The consent page at {@code host} and {@code path}, with RFC 6749's names: the client id as
     * {@code client_id}, the scopes separated by spaces.
     */
    public static AuthorizationEndpoint of(String host, String path) {
        return new AuthorizationEndpoint(host, path, CLIENT_ID, SPACE);
    }

    /** The same page where the client id goes in another parameter, e.g. TikTok's {@code client_key}. */
    public AuthorizationEndpoint withClientIdParam(String param) {
        return new AuthorizationEndpoint(host, path, param, scopeSeparator);
    }

    /** The same page where scopes are joined differently, e.g. with {@code ","}. */
    public AuthorizationEndpoint withScopeSeparator(String separator) {
        return new AuthorizationEndpoint(host, path, clientIdParam, separator);
    }

    /**
     * The consent page's address for one sign-in ({@link AuthorizeUrl#of}).
     *
     * @param request the host's request (app, redirect URI, state)
     * @param scopes the scopes to ask for
     * @param extra further parameters, in order (e.g. {@code code_challenge})
     */
    public URI url(AuthorizationRequest request, List<String> scopes, Map<String, String> extra) {
        return AuthorizeUrl.of(request, host, path, clientIdParam, scopes, scopeSeparator, extra);
    }

    private static boolean isSchemeAndHost(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
