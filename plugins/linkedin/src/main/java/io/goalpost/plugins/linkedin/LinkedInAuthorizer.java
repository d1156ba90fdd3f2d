package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * "Connect with LinkedIn": LinkedIn's 3-legged OAuth (authorization code), then the organization pages
 * the person administers.
 *
 * <ol>
 *   <li>{@code https://www.linkedin.com/oauth/v2/authorization} asks for {@code rw_organization_admin}
 *       (statistics; the member must be an ADMINISTRATOR of the page) and {@code r_organization_social}
 *       (the page's posts).</li>
 *   <li>{@code POST /oauth/v2/accessToken} (form) exchanges the code: an access token for 60 days and, for
 *       apps approved for the Community Management API, a refresh token for 365 days from this first
 *       consent (refreshing does not extend it).</li>
 *   <li>{@code GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED} lists the pages
 *       the person administers, {@code GET /rest/organizations/{id}} names each one.</li>
 *   <li>Each page is offered with the pasted-token form's fields: {@code organization_id},
 *       {@code access_token}, and with a refresh token also {@code refresh_token}, {@code client_id} and
 *       {@code client_secret}, so the adapter refreshes the access token itself.</li>
 * </ol>
 *
 * <p>All URLs go through {@link AppCredentials#base(String)}; no token, code or secret reaches a message.
 */
@Extension
public final class LinkedInAuthorizer extends OAuthAuthorizer {

    static final String WWW_HOST = "https://www.linkedin.com";
    static final String API_HOST = "https://api.linkedin.com";
    /** The consent page, with OAuth's own names (scopes space-separated). */
    static final AuthorizationEndpoint CONSENT_PAGE = AuthorizationEndpoint.of(WWW_HOST, "/oauth/v2/authorization");

    static final List<String> SCOPES = List.of("rw_organization_admin", "r_organization_social");

    static final Duration ACCESS_LIFETIME = Duration.ofDays(60);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(365);

    /** Pages per {@code organizationAcls} call, and a bound on calls so a list that never ends cannot loop. */
    static final int ACLS_PER_CALL = 100;
    static final int MAX_ACL_CALLS = 20;

    static final AuthorizationSpec SPEC = new AuthorizationSpec(SCOPES, false, "Client ID",
            Optional.of(ACCESS_LIFETIME), Optional.of(REFRESH_LIFETIME), false,
            "In the LinkedIn Developer Portal, create an app associated with your company page, add the Community "
                    + "Management API product (once approved, its tokens come with a refresh token), check under "
                    + "Auth that the app has the scopes rw_organization_admin and r_organization_social, and add "
                    + "the redirect URI shown here under Auth > Authorized redirect URLs for your app.");

    private final ObjectMapper mapper = new ObjectMapper();

    public LinkedInAuthorizer() {
        super(LinkedInAdapterFactory.NETWORK_ID, SPEC, CONSENT_PAGE);
    }

    @Override
    public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        AppCredentials app = exchange.app();
        List<String> secrets = new ArrayList<>(List.of(app.clientSecret(), exchange.code()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", exchange.code());
        form.put("redirect_uri", exchange.redirectUri());
        form.put("client_id", app.clientId());
        form.put("client_secret", app.clientSecret());
        URI uri = URI.create(oauthBase(app) + "/accessToken");
        HttpResponse response = http.send(HttpRequest.postForm(uri, form).withHeader("Accept", "application/json"));
        if (!response.isSuccess()) {
            throw tokenFailure(response, exchange.redirectUri(), secrets, clock);
        }
        JsonNode body = parse(response, Endpoint.ACCESS_TOKEN);
        String access = body.path("access_token").asText("");
        if (access.isBlank()) {
            throw new AdapterException.BadResponse("LinkedIn's answer to " + Endpoint.ACCESS_TOKEN.path()
                    + " has no access token.");
        }
        String refresh = body.path("refresh_token").asText("");
        Instant now = clock.instant();
        Set<String> granted = GrantedScopes.parse(body.path("scope").asText(""));
        // LinkedIn lists the granted scopes; when it does, a missing one is named now rather than at the first sync.
        Set<String> missing = GrantedScopes.missing(granted, SCOPES);
        if (!missing.isEmpty()) {
            throw new AdapterException.PermissionMissing("LinkedIn signed you in without the permission "
                    + String.join(", ", missing) + ", which Goalpost needs to "
                    + (missing.contains("rw_organization_admin") ? "read your pages' statistics" : "read your pages' posts")
                    + ". Check that the app has the Community Management API product with these scopes, then "
                    + "connect with LinkedIn again.", Set.copyOf(missing));
        }
        return new TokenGrant(access, refresh.isBlank() ? Optional.empty() : Optional.of(refresh),
                LinkedInClient.lifetime(body, "expires_in", now),
                refresh.isBlank() ? Optional.empty() : LinkedInClient.lifetime(body, "refresh_token_expires_in", now),
                granted);
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        List<String> secrets = new ArrayList<>(List.of(app.clientSecret(), grant.accessToken()));
        grant.refreshToken().ifPresent(secrets::add);
        LinkedInErrors errors = new LinkedInErrors(mapper, clock, LinkedInConfig.DEFAULT_API_VERSION, () -> secrets);
        String api = app.base(API_HOST) + "/rest";
        Set<String> organizations = new LinkedHashSet<>();
        int start = 0;
        for (int call = 0; ; call++) {
            if (call == MAX_ACL_CALLS) {
                throw new AdapterException.BadResponse("LinkedIn's list of the pages you administer ("
                        + Endpoint.ORGANIZATION_ACLS.path() + ") did not end after " + MAX_ACL_CALLS * ACLS_PER_CALL
                        + " entries.");
            }
            String query = "q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=" + start + "&count=" + ACLS_PER_CALL;
            JsonNode body = get(http, errors, Endpoint.ORGANIZATION_ACLS, api + "/organizationAcls?" + query,
                    grant.accessToken());
            JsonNode elements = body.get("elements");
            if (elements == null || !elements.isArray()) {
                throw new AdapterException.BadResponse("LinkedIn " + Endpoint.ORGANIZATION_ACLS.path()
                        + " returned no elements array");
            }
            for (JsonNode acl : elements) {
                // Versioned API: "organization"; older answers name it "organizationalTarget".
                String urn = acl.hasNonNull("organization") ? acl.path("organization").asText("")
                        : acl.path("organizationalTarget").asText("");
                boolean admin = acl.path("role").asText("ADMINISTRATOR").equals("ADMINISTRATOR")
                        && acl.path("state").asText("APPROVED").equals("APPROVED");
                LinkedInConfig.organizationIdOf(urn).filter(id -> admin).ifPresent(organizations::add);
            }
            OptionalInt next = PostsPage.nextStart(body.path("paging"), start, ACLS_PER_CALL, elements.size());
            if (next.isEmpty()) {
                break;
            }
            start = next.getAsInt();
        }
        List<DiscoveredAccount> accounts = new ArrayList<>();
        for (String id : organizations) {
            JsonNode organization = get(http, errors, Endpoint.ORGANIZATION, api + "/organizations/" + id,
                    grant.accessToken());
            String name = organization.path("localizedName").asText("");
            String vanity = organization.path("vanityName").asText("");
            Map<String, String> config = new LinkedHashMap<>();
            config.put(LinkedInConfig.ORGANIZATION_ID, id);
            config.put(LinkedInConfig.ACCESS_TOKEN, grant.accessToken());
            if (grant.refreshToken().isPresent()) {
                config.put(LinkedInConfig.REFRESH_TOKEN, grant.refreshToken().get());
                config.put(LinkedInConfig.CLIENT_ID, app.clientId());
                config.put(LinkedInConfig.CLIENT_SECRET, app.clientSecret());
            }
            if (app.baseUrl().isPresent()) {
                config.put(LinkedInConfig.API_BASE_URL, api);
                config.put(LinkedInConfig.OAUTH_BASE_URL, oauthBase(app));
            }
            Optional<String> note = grant.refreshToken().isPresent() ? Optional.empty()
                    : Optional.of("LinkedIn issued no refresh token (only apps approved for the Community Management "
                            + "API get one): connect with LinkedIn again before the access token lapses"
                            + grant.accessExpiresAt().map(t -> " on " + t.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                                    .orElse("") + ".");
            accounts.add(new DiscoveredAccount("urn:li:organization:" + id, name.isBlank() ? "LinkedIn page " + id
                    : name, vanity.isBlank() ? Optional.empty() : Optional.of(vanity), config, grant.accessExpiresAt(),
                    grant.refreshToken().isPresent() ? grant.refreshExpiresAt() : Optional.empty(), note));
        }
        return List.copyOf(accounts);
    }

    private JsonNode get(HttpPort http, LinkedInErrors errors, Endpoint endpoint, String url, String token)
            throws AdapterException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("LinkedIn-Version", LinkedInConfig.DEFAULT_API_VERSION);
        headers.put("X-Restli-Protocol-Version", LinkedInClient.RESTLI_PROTOCOL_VERSION);
        headers.put("Accept", "application/json");
        return errors.read(endpoint, http.send(new HttpRequest("GET", URI.create(url), headers, null)));
    }

    /**
     * The token endpoint's refusals in a marketer's words. LinkedIn answers OAuth errors as
     * {@code {"error","error_description"}}; its descriptions are not documented word for word, so they
     * are recognised by the words used ("client", "redirect", "code").
     */
    private AdapterException tokenFailure(HttpResponse response, String redirectUri, List<String> secrets,
            Clock clock) {
        int status = response.status();
        if (status == 429 || status >= 500) {
            return new LinkedInErrors(mapper, clock, LinkedInConfig.DEFAULT_API_VERSION, () -> secrets)
                    .translate(Endpoint.ACCESS_TOKEN, status, new LinkedInErrors.ErrorBody(status, 0, "",
                            oauthDescription(response)));
        }
        String error = "";
        String description = "";
        try {
            JsonNode body = mapper.readTree(response.bodyText());
            if (body != null && body.isObject()) {
                error = body.path("error").asText("");
                description = body.path("error_description").asText(body.path("message").asText(""));
            }
        } catch (JacksonException e) {
            // no readable body: decided by status below
        }
        String said = Redaction.scrub(description, secrets);
        String linkedinSays = said.isEmpty() ? "" : " LinkedIn says: \"" + said + "\"";
        String lower = (error + " " + description).toLowerCase(Locale.ROOT);
        if (error.equals("invalid_client") || status == 401 || lower.contains("client")) {
            return new AdapterException.ConfigInvalid("LinkedIn did not accept the Client ID or Client Secret set up "
                    + "for LinkedIn in Goalpost. Check both in the LinkedIn Developer Portal > your app > Auth."
                    + linkedinSays);
        }
        if (lower.contains("redirect") && !lower.contains("expired") && !lower.contains("authorization code")) {
            return new AdapterException.ConfigInvalid("LinkedIn refused the redirect URI " + redirectUri + ": it must "
                    + "be registered exactly like this under Auth > Authorized redirect URLs for your app."
                    + linkedinSays);
        }
        return new AdapterException.AuthExpired("LinkedIn did not accept the sign-in: the code was already used or "
                + "has expired" + (lower.contains("redirect") ? ", or the redirect URI " + redirectUri
                        + " differs from the one registered for the app" : "")
                + ". Connect with LinkedIn again." + linkedinSays);
    }

    private String oauthDescription(HttpResponse response) {
        try {
            JsonNode body = mapper.readTree(response.bodyText());
            return body == null ? "" : body.path("error_description").asText(body.path("message").asText(""));
        } catch (JacksonException e) {
            return "";
        }
    }

    private JsonNode parse(HttpResponse response, Endpoint endpoint) throws AdapterException {
        try {
            JsonNode node = mapper.readTree(response.bodyText());
            if (node == null || !node.isObject()) {
                throw new AdapterException.BadResponse("LinkedIn answered " + endpoint.path() + " with something that "
                        + "is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new AdapterException.BadResponse("LinkedIn answered " + endpoint.path()
                    + " with malformed or truncated JSON");
        }
    }

    private static String oauthBase(AppCredentials app) {
        return app.base(WWW_HOST) + "/oauth/v2";
    }
}
