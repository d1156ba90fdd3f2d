package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.meta.MetaUsage;
import io.goalpost.plugin.support.AuthorizeUrl;
import io.goalpost.plugin.support.Redactor;
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
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * "Connect with Facebook": Facebook Login's authorization code flow, then the person's Pages.
 *
 * <ol>
 *   <li>The Login dialog {@code https://www.facebook.com/v25.0/dialog/oauth} asks for
 *       {@code pages_show_list}, {@code pages_read_engagement} and {@code read_insights}.</li>
 *   <li>The code becomes a short-lived user token ({@code GET /oauth/access_token?code=…}), which becomes a
 *       long-lived one (about 60 days, {@code grant_type=fb_exchange_token}).</li>
 *   <li>{@code GET /debug_token} (with the app token {@code <app id>|<app secret>}) tells which permissions the
 *       person granted: a declined one fails the exchange, naming it.</li>
 *   <li>{@code GET /me/accounts} with the long-lived user token lists the Pages the person manages, each with
 *       its Page access token; Page tokens obtained from a long-lived user token do not expire. Each Page
 *       becomes an account with exactly the pasted-token form's fields.</li>
 * </ol>
 *
 * <p>Every URL goes through {@link AppCredentials#base(String)}, so a sandbox or proxy can stand in for
 * {@code www.facebook.com} and {@code graph.facebook.com}. Tokens and the app secret never reach a
 * message: the token travels as {@code Authorization: Bearer} where Facebook allows it, and the only
 * calls with secrets in the query (the code exchange) are named by their path in messages.
 */
@Extension
public final class FacebookAuthorizer implements NetworkAuthorizer {

    static final String DIALOG_HOST = "https://www.facebook.com";
    static final String GRAPH_HOST = "https://graph.facebook.com";
    /** The Graph version of the dialog and of every call; the same as the adapter's default. */
    static final String VERSION = "v25.0";

    /** Find the Pages, read their posts and engagement, read Page Insights. */
    static final List<String> SCOPES = List.of("pages_show_list", "pages_read_engagement", "read_insights");

    /** Pages per {@code /me/accounts} call (Facebook's maximum). */
    static final int PAGES_PER_CALL = 100;
    /** A bound on {@code /me/accounts} pages, so a cursor that never ends cannot loop forever. */
    static final int MAX_PAGE_CALLS = 50;

    private static final String TOKEN_ENDPOINT = "GET /oauth/access_token";
    private static final String DEBUG_ENDPOINT = "GET /debug_token";
    private static final String ACCOUNTS_ENDPOINT = "GET /me/accounts";

    static final AuthorizationSpec SPEC = new AuthorizationSpec(SCOPES, false, "App ID",
            // The stored token is a Page token, which does not expire; there is no refresh token.
            Optional.empty(), Optional.empty(), false,
            "In Meta for Developers, create an app with the Facebook Login product (classic Facebook Login, "
                    + "which asks for permissions; not Facebook Login for Business configurations), request the "
                    + "permissions pages_show_list, pages_read_engagement and read_insights (Advanced Access "
                    + "through App Review unless everyone who connects has a role on the app), and register the "
                    + "redirect URI shown here under Facebook Login > Settings > Valid OAuth Redirect URIs.");

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String networkId() {
        return FacebookAdapterFactory.NETWORK_ID;
    }

    @Override
    public AuthorizationSpec spec() {
        return SPEC;
    }

    @Override
    public URI authorizeUrl(AuthorizationRequest request) {
        return AuthorizeUrl.of(request, DIALOG_HOST, "/" + VERSION + "/dialog/oauth", "client_id", SCOPES, ",",
                Map.of());
    }

    @Override
    public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        AppCredentials app = exchange.app();
        Calls calls = new Calls(http, clock, exchange.redirectUri(), app.clientSecret(), exchange.code(),
                app.clientId() + "|" + app.clientSecret());

        Map<String, String> codeQuery = new LinkedHashMap<>();
        codeQuery.put("client_id", app.clientId());
        codeQuery.put("redirect_uri", exchange.redirectUri());
        codeQuery.put("client_secret", app.clientSecret());
        codeQuery.put("code", exchange.code());
        JsonNode shortLived = calls.get(TOKEN_ENDPOINT, Urls.build(graph(app), "/oauth/access_token", codeQuery), null);
        String shortToken = token(shortLived, TOKEN_ENDPOINT);
        calls.addSecret(shortToken);

        Map<String, String> longQuery = new LinkedHashMap<>();
        longQuery.put("grant_type", "fb_exchange_token");
        longQuery.put("client_id", app.clientId());
        longQuery.put("client_secret", app.clientSecret());
        longQuery.put("fb_exchange_token", shortToken);
        JsonNode longLived = calls.get(TOKEN_ENDPOINT, Urls.build(graph(app), "/oauth/access_token", longQuery), null);
        String longToken = token(longLived, TOKEN_ENDPOINT);
        calls.addSecret(longToken);
        Instant now = clock.instant();
        Optional<Instant> expiresAt = longLived.path("expires_in").canConvertToLong()
                && longLived.path("expires_in").asLong() > 0
                        ? Optional.of(now.plusSeconds(longLived.path("expires_in").asLong()))
                        : Optional.empty();

        Set<String> granted = grantedScopes(calls, app, longToken);
        List<String> missing = SCOPES.stream().filter(s -> !granted.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new AdapterException.PermissionMissing("Facebook signed you in, but without the permission "
                    + String.join(", ", missing) + ", which Goalpost needs to " + purpose(missing)
                    + ". Connect with Facebook again and keep every permission switched on.", Set.copyOf(missing));
        }
        return new TokenGrant(longToken, Optional.empty(), expiresAt, Optional.empty(), granted);
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        Calls calls = new Calls(http, clock, null, app.clientSecret(), grant.accessToken());
        List<DiscoveredAccount> accounts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String after = null;
        for (int call = 0; call < MAX_PAGE_CALLS; call++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("fields", "id,name,username,access_token");
            query.put("limit", Integer.toString(PAGES_PER_CALL));
            query.put("after", after);
            JsonNode root = calls.get(ACCOUNTS_ENDPOINT, Urls.build(graph(app), "/me/accounts", query),
                    grant.accessToken());
            JsonNode data = root.get("data");
            if (data == null || !data.isArray()) {
                throw new AdapterException.BadResponse("Facebook's list of your Pages (" + ACCOUNTS_ENDPOINT
                        + ") has no 'data' list.");
            }
            for (JsonNode page : data) {
                String id = page.path("id").asText("");
                String pageToken = page.path("access_token").asText("");
                // A Page listed without a token cannot be read with this sign-in; it is left out.
                if (id.isBlank() || pageToken.isBlank() || !seen.add(id)) {
                    continue;
                }
                calls.addSecret(pageToken);
                Map<String, String> config = new LinkedHashMap<>();
                config.put(FacebookConfig.PAGE_ID, id);
                config.put(FacebookConfig.PAGE_ACCESS_TOKEN, pageToken);
                if (app.baseUrl().isPresent()) {
                    config.put(FacebookConfig.API_BASE_URL, graph(app));
                }
                String username = page.path("username").asText("");
                String name = page.path("name").asText("");
                accounts.add(new DiscoveredAccount(id, name.isBlank() ? "Facebook Page " + id : name,
                        username.isBlank() ? Optional.empty() : Optional.of(username), config, Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
            JsonNode paging = root.path("paging");
            String next = paging.path("cursors").path("after").asText("");
            if (!paging.hasNonNull("next") || next.isEmpty() || next.equals(after) || data.isEmpty()) {
                return List.copyOf(accounts);
            }
            after = next;
        }
        throw new AdapterException.BadResponse("Facebook's list of your Pages (" + ACCOUNTS_ENDPOINT
                + ") did not end after " + MAX_PAGE_CALLS * PAGES_PER_CALL + " Pages.");
    }

    /** The permissions the person granted, as {@code /debug_token} reports them. */
    private Set<String> grantedScopes(Calls calls, AppCredentials app, String userToken) throws AdapterException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("input_token", userToken);
        JsonNode data = calls.get(DEBUG_ENDPOINT, Urls.build(graph(app), "/debug_token", query),
                app.clientId() + "|" + app.clientSecret()).path("data");
        if (!data.path("is_valid").asBoolean(false)) {
            throw new AdapterException.AuthExpired("Facebook says the sign-in it just issued is not valid. Connect "
                    + "with Facebook again.");
        }
        JsonNode scopes = data.get("scopes");
        if (scopes == null || !scopes.isArray()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + DEBUG_ENDPOINT
                    + " does not list the granted permissions.");
        }
        Set<String> granted = new LinkedHashSet<>();
        scopes.forEach(s -> granted.add(s.asText()));
        return granted;
    }

    private static String purpose(List<String> missing) {
        List<String> why = new ArrayList<>();
        if (missing.contains("pages_show_list")) {
            why.add("list your Pages");
        }
        if (missing.contains("pages_read_engagement")) {
            why.add("read your Pages' posts and engagement");
        }
        if (missing.contains("read_insights")) {
            why.add("read Page Insights");
        }
        return String.join(" and ", why);
    }

    private static String token(JsonNode body, String endpoint) throws AdapterException {
        String token = body.path("access_token").asText("");
        if (token.isBlank()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + endpoint + " has no access token.");
        }
        return token;
    }

    /** The Graph base with version, e.g. {@code https://graph.facebook.com/v25.0}. */
    private static String graph(AppCredentials app) {
        return app.base(GRAPH_HOST) + "/" + VERSION;
    }

    /** The calls of one exchange or discovery, with what must never appear in a message. */
    private final class Calls {
        private final HttpPort http;
        private final String redirectUri;
        private final List<String> secrets = new ArrayList<>();
        private final GraphErrorTranslator translator;

        Calls(HttpPort http, Clock clock, String redirectUri, String... secrets) {
            this.http = http;
            this.redirectUri = redirectUri;
            for (String s : secrets) {
                addSecret(s);
            }
            this.translator = new GraphErrorTranslator(clock, Redactor.of());
        }

        void addSecret(String secret) {
            if (secret != null && !secret.isEmpty()) {
                secrets.add(secret);
            }
        }

        private Redactor redaction() {
            return Redactor.of(secrets.toArray(String[]::new));
        }

        /** GETs a Graph URL, with the token as {@code Authorization: Bearer} when given. */
        JsonNode get(String endpoint, URI uri, String bearer) throws AdapterException {
            HttpRequest request = HttpRequest.get(uri).withHeader("Accept", "application/json");
            if (bearer != null) {
                request = request.withHeader("Authorization", "Bearer " + bearer);
            }
            HttpResponse response = http.send(request);
            MetaUsage usage = MetaUsage.read(response);
            JsonNode root = parse(response);
            if (root != null && root.path("error").isObject()) {
                throw failure(GraphError.from(root.get("error")), response.status(), usage, endpoint);
            }
            if (!response.isSuccess()) {
                throw failure(null, response.status(), usage, endpoint);
            }
            if (root == null || !root.isObject()) {
                throw new AdapterException.BadResponse("Facebook answered " + endpoint + " with a body that is not a "
                        + "complete JSON object; try connecting again.");
            }
            return root;
        }

        /**
         * Facebook's sign-in errors in words a marketer understands. Facebook documents the error envelope but
         * not the wording of every sign-in error, so the OAuth cases are recognised by code and by the words
         * Facebook uses ("redirect_uri", "client secret", "code"); the rest go through the adapter's table.
         */
        private AdapterException failure(GraphError error, int status, MetaUsage usage, String endpoint) {
            if (error == null) {
                if (status == 401 || status == 400) {
                    return new AdapterException.AuthExpired("Facebook did not accept the sign-in (HTTP " + status
                            + " on " + endpoint + "). Connect with Facebook again.");
                }
                return translator.byStatus(status, usage, endpoint);
            }
            String message = error.message().toLowerCase(Locale.ROOT);
            String said = redaction().clean(error.message());
            String facebookSays = said.isEmpty() ? "" : " Facebook says: \"" + said + "\"";
            if (message.contains("redirect_uri") || message.contains("redirect uri")) {
                return new AdapterException.ConfigInvalid("Facebook refused the redirect URI"
                        + (redirectUri == null ? "" : " " + redirectUri) + ": it must be registered exactly like "
                        + "this in the Facebook app (Facebook Login > Settings > Valid OAuth Redirect URIs)."
                        + facebookSays);
            }
            if (message.contains("client secret") || message.contains("client_secret") || error.code() == 101
                    || message.contains("invalid application id") || message.contains("validating application")) {
                return new AdapterException.ConfigInvalid("Facebook did not accept the App ID or App secret set up "
                        + "for Facebook in Goalpost. Check both in Meta for Developers > App settings > Basic."
                        + facebookSays);
            }
            if (GraphErrorTranslator.THROTTLING_CODES.contains(error.code())) {
                return translator.translate(error, status, usage, endpoint);
            }
            if (error.code() == 190 || error.code() == 102 || error.code() == 104
                    || (error.code() == 100 && message.contains("code"))) {
                return new AdapterException.AuthExpired("Facebook did not accept the sign-in: the code from the "
                        + "Login dialog was already used or has expired, or the sign-in was withdrawn. Connect with "
                        + "Facebook again." + facebookSays);
            }
            if (error.code() == 10 || (error.code() >= 200 && error.code() <= 299)) {
                Set<String> named = GraphErrorTranslator.permissionsIn(error.message());
                return new AdapterException.PermissionMissing("Facebook refused " + endpoint + " for lack of "
                        + (named.isEmpty() ? "a permission" : "the permission " + String.join(", ", named))
                        + ". Connect with Facebook again and keep every permission switched on." + facebookSays,
                        named.isEmpty() ? Set.copyOf(SCOPES) : named);
            }
            if (error.code() == 1 || error.code() == 2 || error.isTransient() || status >= 500) {
                return new AdapterException.TransientFailure("Facebook had a temporary problem answering " + endpoint
                        + " (code " + error.code() + "); try connecting again in a moment." + facebookSays);
            }
            return new AdapterException.BadResponse("Facebook answered " + endpoint + " with error code "
                    + error.code() + (error.subcode() != 0 ? "/" + error.subcode() : "") + "." + facebookSays);
        }

        private JsonNode parse(HttpResponse response) {
            byte[] body = response.body();
            if (body.length == 0) {
                return null;
            }
            try {
                JsonNode node = mapper.readTree(body);
                return node == null || node.isMissingNode() ? null : node;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
