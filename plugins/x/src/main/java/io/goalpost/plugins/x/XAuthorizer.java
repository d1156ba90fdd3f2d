package io.goalpost.plugins.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.support.AuthorizationEndpoint;
import io.goalpost.plugin.support.GrantedScopes;
import io.goalpost.plugin.support.OAuthAuthorizer;
import io.goalpost.plugin.support.StrictMappers;
import io.goalpost.plugin.support.TokenRequests;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * "Connect with X": the OAuth 2.0 authorization code flow with PKCE (S256, which X requires) for a
 * confidential client, following X's OAuth 2.0 docs.
 *
 * <ul>
 *   <li>consent page {@code https://x.com/i/oauth2/authorize} with the scopes {@code tweet.read
 *       users.read offline.access} (space-separated) and the host's state and code challenge;</li>
 *   <li>token endpoint {@code POST https://api.x.com/2/oauth2/token}, form {@code grant_type,
 *       code, redirect_uri, code_verifier, client_id}, the app authenticated with HTTP Basic
 *       ({@code client_id:client_secret}); the access token lives 2 hours, the refresh token (issued
 *       with {@code offline.access} only) is single use and rotates on every refresh;</li>
 *   <li>discovery {@code GET https://api.x.com/2/users/me}: the signed-in user is the one account the
 *       grant connects, with the same configuration the pasted-token form takes.</li>
 * </ul>
 *
 * <p>Every URL goes through {@link AppCredentials#base(String)}, so a sandbox or proxy can stand in
 * for both hosts. Messages never carry the code, the verifier, a token or the client secret.
 */
@Extension
public final class XAuthorizer extends OAuthAuthorizer {

    /** The consent page, with OAuth's own names (scopes space-separated); the PKCE challenge is added per request. */
    static final AuthorizationEndpoint CONSENT_PAGE = AuthorizationEndpoint.of("https://x.com", "/i/oauth2/authorize");
    static final String API_HOST = "https://api.x.com";
    static final String TOKEN_PATH = "/2/oauth2/token";
    static final String ME_PATH = "/2/users/me";

    /** What Goalpost asks for: read posts and their metrics, read the profile, stay connected. */
    static final List<String> SCOPES = List.of("tweet.read", "users.read", "offline.access");

    static final AuthorizationSpec SPEC = new AuthorizationSpec(SCOPES, true, "Client ID",
            Optional.of(XApi.ACCESS_LIFETIME),
            // X publishes no lifetime for refresh tokens.
            Optional.empty(), true,
            "In the X developer console, open your app's User authentication settings: turn on OAuth 2.0, choose"
                    + " the app type \"Web App, Automated App or Bot\" (a confidential client), set the app"
                    + " permissions to Read, and register the redirect URI shown here as the Callback URI. Then copy"
                    + " the OAuth 2.0 Client ID and Client Secret from Keys and tokens. The app must belong to a"
                    + " Project with API access and credits.");

    private static final String TOKEN_ENDPOINT = "POST " + TOKEN_PATH;
    private static final String ME_ENDPOINT = "GET " + ME_PATH;

    // The plugin's own mapper; thread-safe, never shared with the host.
    private final ObjectMapper mapper = StrictMappers.create();

    public XAuthorizer() {
        super(XAdapterFactory.NETWORK_ID, SPEC, CONSENT_PAGE);
    }

    @Override
    protected Map<String, String> extraAuthorizeParams(AuthorizationRequest request) {
        String challenge = request.codeChallenge().orElseThrow(() -> new IllegalArgumentException(
                "X requires PKCE: the authorization request carries no code challenge"));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("code_challenge", challenge);
        extra.put("code_challenge_method", "S256");
        return extra;
    }

    @Override
    public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        String verifier = exchange.codeVerifier().orElseThrow(() -> new IllegalArgumentException(
                "X requires PKCE: the code exchange carries no code verifier"));
        AppCredentials app = exchange.app();
        // A confidential client authenticates with HTTP Basic; a public one sends client_id only.
        HttpRequest request = TokenRequests.pkceForm(Urls.build(app.base(API_HOST), TOKEN_PATH), exchange);
        XErrors errors = new XErrors(mapper, secrets(exchange.code(), verifier, app.clientSecret()));
        HttpResponse response = http.send(request);
        Instant now = clock.instant();
        if (!response.isSuccess()) {
            throw tokenError(response, errors, now);
        }
        JsonNode body = errors.parse(TOKEN_ENDPOINT, response);
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw new AdapterException.BadResponse("X answered " + TOKEN_ENDPOINT + " without an access_token");
        }
        String refreshToken = body.path("refresh_token").asText("");
        Set<String> granted = GrantedScopes.parse(body.path("scope").asText(""));
        Set<String> missing = GrantedScopes.missing(granted, SCOPES);
        if (refreshToken.isBlank()) {
            // Without offline.access X issues no refresh token and the connection ends after 2 hours.
            missing.add("offline.access");
        }
        if (!missing.isEmpty()) {
            throw GrantedScopes.notGranted("X", missing, "tweet.read reads the posts, users.read the profile and "
                    + "follower count, offline.access keeps the connection beyond 2 hours");
        }
        // X publishes no lifetime for refresh tokens, so that one stays unknown.
        return new TokenGrant(accessToken, Optional.of(refreshToken),
                Optional.of(TokenRequests.lifetime(body, "expires_in", XApi.ACCESS_LIFETIME, now)), Optional.empty(),
                granted);
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        HttpRequest request = HttpRequest.get(Urls.build(app.base(API_HOST), ME_PATH))
                .withHeader("Authorization", "Bearer " + grant.accessToken())
                .withHeader("Accept", "application/json");
        XErrors errors = new XErrors(mapper, secrets(grant.accessToken(), grant.refreshToken().orElse(""),
                app.clientSecret()));
        JsonNode body = errors.bodyOrThrow(ME_ENDPOINT, http.send(request), clock.instant());
        XPayloads.User user = XPayloads.user(ME_ENDPOINT, body);
        if (!XAdapterFactory.isUserId(user.id())) {
            throw new AdapterException.BadResponse("X answered " + ME_ENDPOINT + " with a user id that is not numeric");
        }
        // The same keys the pasted-token form takes (XConfig).
        Map<String, String> config = new LinkedHashMap<>();
        config.put(XConfig.ACCESS_TOKEN, grant.accessToken());
        grant.refreshToken().ifPresent(r -> config.put(XConfig.REFRESH_TOKEN, r));
        config.put(XConfig.CLIENT_ID, app.clientId());
        if (!app.clientSecret().isBlank()) {
            config.put(XConfig.CLIENT_SECRET, app.clientSecret());
        }
        config.put(XConfig.USER_ID, user.id());
        if (app.baseUrl().isPresent()) {
            config.put(XConfig.API_BASE_URL, app.base(API_HOST) + "/2");
        }
        Optional<String> handle = user.username().isBlank() ? Optional.empty() : Optional.of(user.username());
        String name = !user.name().isBlank() ? user.name() : handle.map(h -> "@" + h).orElse("X user " + user.id());
        return List.of(new DiscoveredAccount(user.id(), name, handle, config, grant.accessExpiresAt(),
                grant.refreshExpiresAt(), handle.map(h -> "The X account you signed in with, @" + h + ".")));
    }

    /** The typed error of a refused code exchange; X answers in OAuth 2.0's {@code error} shape. */
    private AdapterException tokenError(HttpResponse response, XErrors errors, Instant now) {
        int status = response.status();
        JsonNode body = parseQuietly(response);
        String error = body.path("error").isTextual() ? body.path("error").asText() : "";
        String description = body.path("error_description").isTextual() ? body.path("error_description").asText()
                : body.path("detail").asText("");
        String said = description.isBlank() ? error : description;
        String quoted = said.isBlank() ? "" : " (X: " + errors.scrub(said) + ")";
        if (status == 429) {
            return XErrors.rateLimited("X is rate-limiting " + TOKEN_ENDPOINT + ", so the sign-in with X could not"
                    + " be completed; connect with X again later", response, now);
        }
        if (status >= 500) {
            return new AdapterException.TransientFailure("X answered " + status + " for " + TOKEN_ENDPOINT
                    + " (a temporary problem on X's side), so the sign-in with X could not be completed; connect"
                    + " with X again.");
        }
        if (status == 401 || "invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new AdapterException.ConfigInvalid("X did not accept the app's Client ID and Client Secret"
                    + quoted + ". Copy both again from the X developer console (your app > Keys and tokens > OAuth"
                    + " 2.0 Client ID and Client Secret) into Goalpost's settings.");
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing("X refused to issue a token to the app" + quoted
                    + ": attach the app to a Project with API access and turn on OAuth 2.0 in its user"
                    + " authentication settings.", Set.of());
        }
        if (status == 400) {
            // invalid_request / invalid_grant: a used or expired code, another redirect URI, or a failed PKCE check.
            return new AdapterException.AuthExpired("X did not accept the sign-in" + quoted + ": its one-time code"
                    + " was already used or has expired, or the PKCE check failed. Connect with X again.");
        }
        return new AdapterException.BadResponse("X answered " + status + " for " + TOKEN_ENDPOINT + quoted);
    }

    private JsonNode parseQuietly(HttpResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null ? mapper.missingNode() : node;
        } catch (java.io.IOException e) {
            return mapper.missingNode();
        }
    }

    private static Set<String> secrets(String... values) {
        Set<String> secrets = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                secrets.add(v);
            }
        }
        return secrets;
    }
}
