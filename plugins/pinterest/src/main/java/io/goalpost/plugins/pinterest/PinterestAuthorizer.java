package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.support.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.support.AuthorizationEndpoint;
import io.goalpost.plugin.support.GrantedScopes;
import io.goalpost.plugin.support.OAuthAppConfig;
import io.goalpost.plugin.support.OAuthAuthorizer;
import io.goalpost.plugin.support.StrictMappers;
import io.goalpost.plugin.support.TokenRequests;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * "Connect with Pinterest": Pinterest API v5's OAuth 2.0 authorization code flow, following
 * Pinterest's authentication docs.
 *
 * <ul>
 *   <li>consent page {@code https://www.pinterest.com/oauth/} with {@code client_id} (the App ID), the
 *       redirect URI, {@code response_type=code}, the scopes comma-separated and the state; no PKCE;</li>
 *   <li>token endpoint {@code POST https://api.pinterest.com/v5/oauth/token}, form
 *       {@code grant_type=authorization_code, code, redirect_uri}, the app authenticated with HTTP Basic
 *       ({@code app_id:app_secret}, not in the body); the access token lives 30 days, the refresh token a
 *       year;</li>
 *   <li>discovery {@code GET https://api.pinterest.com/v5/user_account}: the account that signed in, the
 *       only one a grant reads (analytics need it to be a business account).</li>
 * </ul>
 *
 * <p>Every URL goes through {@link AppCredentials#base(String)}, so a sandbox or proxy can stand in
 * for both hosts. Messages never carry the code, a token or the app secret.
 */
@Extension
public final class PinterestAuthorizer extends OAuthAuthorizer {

    /** The consent page: the scopes comma-separated. */
    static final AuthorizationEndpoint CONSENT_PAGE = AuthorizationEndpoint.of("https://www.pinterest.com", "/oauth/")
            .withScopeSeparator(",");
    static final String API_HOST = "https://api.pinterest.com";
    static final String API_ROOT = "/v5";
    static final String TOKEN_PATH = API_ROOT + "/oauth/token";

    /** The account and its analytics, the pins and their analytics: what the adapter reads. */
    static final List<String> SCOPES = List.of(ApiCall.SCOPE_USER_ACCOUNTS, ApiCall.SCOPE_PINS);

    static final AuthorizationSpec SPEC = new AuthorizationSpec(SCOPES, false, "App ID",
            Optional.of(PinterestClient.ACCESS_LIFETIME), Optional.of(PinterestClient.REFRESH_LIFETIME), false,
            "At developers.pinterest.com, open My apps and create an app (Trial access is enough to start), register"
                    + " the redirect URI shown here, and copy the App ID and App secret key here. Goalpost asks for"
                    + " user_accounts:read and pins:read; analytics need a Pinterest business account.");

    private static final String TOKEN_ENDPOINT = "POST " + TOKEN_PATH;

    private final ObjectMapper mapper = StrictMappers.create();

    public PinterestAuthorizer() {
        super(PinterestAdapterFactory.NETWORK_ID, SPEC, CONSENT_PAGE);
    }

    @Override
    public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        AppCredentials app = exchange.app();
        // Pinterest takes the app's id and secret as HTTP Basic, never in the body.
        HttpRequest request = TokenRequests.basicForm(Urls.build(app.base(API_HOST), TOKEN_PATH), exchange);
        Redactor redactor = Redactor.of(List.of(exchange.code(), app.clientSecret()));
        HttpResponse response = http.send(request);
        Instant now = clock.instant();
        JsonNode body = parse(response);
        if (!response.isSuccess() || PinterestError.isErrorEnvelope(body)) {
            throw exchangeError(response, PinterestError.from(body).describe(redactor), now);
        }
        if (body == null) {
            throw new AdapterException.BadResponse("Pinterest's answer from " + TOKEN_ENDPOINT
                    + " is not valid JSON, malformed or cut off.");
        }
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new AdapterException.BadResponse("Pinterest's answer from " + TOKEN_ENDPOINT + " has no access_token.");
        }
        Optional<String> refreshToken = Optional.ofNullable(text(body, "refresh_token"));
        Set<String> granted = GrantedScopes.require(body, SCOPES, "Pinterest", "user_accounts:read reads the account"
                + " and its analytics, pins:read the pins and theirs");
        return TokenRequests.grant(body, accessToken, refreshToken, granted, now, PinterestClient.ACCESS_LIFETIME,
                PinterestClient.REFRESH_LIFETIME);
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        String apiBase = app.base(API_HOST) + API_ROOT;
        PinterestClient client = new PinterestClient(lookupContext(http, clock), new PinterestConfig(grant.accessToken(),
                Optional.empty(), Optional.empty(), Optional.empty(), apiBase), mapper);
        JsonNode account;
        try {
            account = client.get(ApiCall.of("/user_account", Map.of(), ApiCall.SCOPE_USER_ACCOUNTS)).json();
        } catch (AdapterException.AuthExpired e) {
            throw new AdapterException.AuthExpired("Pinterest refused the access token it had just issued while"
                    + " Goalpost looked up the account. Connect with Pinterest again.");
        }
        String id = account.path("id").asText("");
        if (id.isBlank()) {
            throw new AdapterException.BadResponse("Pinterest's response from /user_account lacks the field 'id'.");
        }
        String username = account.path("username").asText("");
        String businessName = account.path("business_name").asText("");
        // The same keys the pasted form takes (PinterestConfig); a refresh token needs the app id and secret.
        Map<String, String> config = OAuthAppConfig.signedIn(grant, app, apiBase);
        Optional<String> handle = username.isBlank() ? Optional.empty() : Optional.of(username);
        String name = !businessName.isBlank() ? businessName : handle.orElse("Pinterest account " + id);
        String type = account.path("account_type").asText("");
        Optional<String> note = !type.isEmpty() && !type.equals("BUSINESS")
                ? Optional.of("A personal Pinterest account: Pinterest gives analytics to business accounts only, so"
                        + " it connects but reports only its follower count and pins until it is converted to a"
                        + " business account in Pinterest's settings.")
                : handle.map(h -> "The Pinterest account you signed in with, " + h + ".");
        return List.of(new DiscoveredAccount(id, name, handle, config, grant.accessExpiresAt(), grant.refreshExpiresAt(),
                note));
    }

    /** The typed error of a refused code exchange, in words for the person connecting. */
    private static AdapterException exchangeError(HttpResponse response, String detail, Instant now) {
        int status = response.status();
        if (status == 429) {
            Instant retryAt = PinterestClient.retryAt(response, now);
            Optional<Instant> announced = PinterestClient.announcedRetryAt(response, now);
            return new AdapterException.RateLimited("Pinterest is rate-limiting " + TOKEN_ENDPOINT + " (" + detail
                    + "), so the sign-in with Pinterest could not be completed" + announced.map(at ->
                            "; Pinterest says it accepts calls again at " + at + ".")
                    .orElse("; Pinterest did not say when it accepts calls again."), retryAt);
        }
        if (status >= 500 || status == 408) {
            return new AdapterException.TransientFailure("Pinterest had a temporary problem at " + TOKEN_ENDPOINT
                    + " (HTTP " + status + ", " + detail + "), so the sign-in could not be completed; connect with"
                    + " Pinterest again.");
        }
        if (status == 401) {
            return new AdapterException.ConfigInvalid("Pinterest did not accept the App ID and App secret key (HTTP 401, "
                    + detail + "). Copy both again from My apps at developers.pinterest.com into Goalpost's settings.");
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing("Pinterest refused to issue a token to the app (HTTP 403, "
                    + detail + "): the app needs the scopes " + String.join(", ", SCOPES) + ".", Set.copyOf(SCOPES));
        }
        // 400 and an error inside a 2xx: a used or expired code, or another redirect URI than the consent page's.
        return new AdapterException.AuthExpired("Pinterest did not accept the sign-in (HTTP " + status + ", " + detail
                + "): its one-time code was already used or has expired, or the redirect URI differs from the one"
                + " registered. Connect with Pinterest again.");
    }

    /** The body as JSON, or null when it is empty, malformed or cut off. */
    private JsonNode parse(HttpResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null || node.isMissingNode() ? null : node;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** What the client needs to look the account up: no refresh token is given, so nothing is ever stored. */
    private static AdapterContext lookupContext(HttpPort http, Clock clock) {
        CredentialsPort none = updated -> {
            throw new IllegalStateException("discovery does not refresh tokens");
        };
        return new AdapterContext() {
            @Override
            public HttpPort http() {
                return http;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public CredentialsPort credentials() {
                return none;
            }
        };
    }
}
