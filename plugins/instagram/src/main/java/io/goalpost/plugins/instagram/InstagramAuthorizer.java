package io.goalpost.plugins.instagram;

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
 * "Connect with Instagram" through Facebook Login (Instagram API with Facebook Login): the person signs in
 * with Facebook, and the Instagram professional accounts linked to the Pages they manage are offered.
 *
 * <ol>
 *   <li>The Facebook Login dialog asks for {@code instagram_basic}, {@code instagram_manage_insights},
 *       {@code pages_show_list} and {@code pages_read_engagement}.</li>
 *   <li>The code becomes a short-lived user token, then a long-lived one (about 60 days,
 *       {@code fb_exchange_token}); {@code /debug_token} says which permissions were granted.</li>
 *   <li>{@code GET /me/accounts?fields=id,name,access_token,instagram_business_account} lists the Pages with
 *       their Page tokens and the id of the Instagram account linked to each; {@code GET /{ig-user-id}
 *       ?fields=id,username,name} (with that Page's token) names the account.</li>
 *   <li>Each account is offered with the pasted-token form's fields: {@code login_type=facebook_login},
 *       {@code ig_user_id} and, as {@code access_token}, the Page token of its Page, which does not expire
 *       (a long-lived user token would lapse after 60 days with no way to refresh it).</li>
 * </ol>
 *
 * <p>All URLs go through {@link AppCredentials#base(String)}; no token, code or secret reaches a message.
 */
@Extension
public final class InstagramAuthorizer implements NetworkAuthorizer {

    static final String DIALOG_HOST = "https://www.facebook.com";
    static final String GRAPH_HOST = "https://graph.facebook.com";
    static final String VERSION = "v25.0";

    static final List<String> SCOPES = List.of("instagram_basic", "instagram_manage_insights", "pages_show_list",
            "pages_read_engagement");

    static final int PAGES_PER_CALL = 100;
    static final int MAX_PAGE_CALLS = 50;

    private static final String TOKEN_ENDPOINT = "GET /oauth/access_token";
    private static final String DEBUG_ENDPOINT = "GET /debug_token";
    private static final String ACCOUNTS_ENDPOINT = "GET /me/accounts";
    private static final String USER_ENDPOINT = "GET /{ig-user-id}";

    static final AuthorizationSpec SPEC = new AuthorizationSpec(SCOPES, false, "App ID",
            // The stored token is the Page token of the account's Page: it does not expire; no refresh token.
            Optional.empty(), Optional.empty(), false,
            "In Meta for Developers, create an app with the Facebook Login product (Instagram API with Facebook "
                    + "Login; classic Facebook Login, which asks for permissions), request instagram_basic, "
                    + "instagram_manage_insights, pages_show_list and pages_read_engagement (Advanced Access "
                    + "through App Review unless everyone who connects has a role on the app), make sure each "
                    + "Instagram professional account is linked to a Facebook Page, and register the redirect URI "
                    + "shown here under Facebook Login > Settings > Valid OAuth Redirect URIs.");

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String networkId() {
        return InstagramAdapterFactory.NETWORK_ID;
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
        String appToken = app.clientId() + "|" + app.clientSecret();
        Calls calls = new Calls(http, clock, exchange.redirectUri(), app.clientSecret(), exchange.code(), appToken);

        Map<String, String> codeQuery = new LinkedHashMap<>();
        codeQuery.put("client_id", app.clientId());
        codeQuery.put("redirect_uri", exchange.redirectUri());
        codeQuery.put("client_secret", app.clientSecret());
        codeQuery.put("code", exchange.code());
        String shortToken = token(calls.get(TOKEN_ENDPOINT, Urls.build(graph(app), "/oauth/access_token", codeQuery),
                null));
        calls.redaction.add(shortToken);

        Map<String, String> longQuery = new LinkedHashMap<>();
        longQuery.put("grant_type", "fb_exchange_token");
        longQuery.put("client_id", app.clientId());
        longQuery.put("client_secret", app.clientSecret());
        longQuery.put("fb_exchange_token", shortToken);
        JsonNode longLived = calls.get(TOKEN_ENDPOINT, Urls.build(graph(app), "/oauth/access_token", longQuery), null);
        String longToken = token(longLived);
        calls.redaction.add(longToken);
        Instant now = clock.instant();
        long expiresIn = longLived.path("expires_in").asLong(0);
        Optional<Instant> expiresAt = expiresIn > 0 ? Optional.of(now.plusSeconds(expiresIn)) : Optional.empty();

        Map<String, String> debugQuery = new LinkedHashMap<>();
        debugQuery.put("input_token", longToken);
        JsonNode data = calls.get(DEBUG_ENDPOINT, Urls.build(graph(app), "/debug_token", debugQuery), appToken)
                .path("data");
        if (!data.path("is_valid").asBoolean(false)) {
            throw new AdapterException.AuthExpired("Facebook says the sign-in it just issued is not valid. Connect "
                    + "with Instagram again.");
        }
        if (!data.path("scopes").isArray()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + DEBUG_ENDPOINT
                    + " does not list the granted permissions.");
        }
        Set<String> granted = new LinkedHashSet<>();
        data.path("scopes").forEach(s -> granted.add(s.asText()));
        List<String> missing = SCOPES.stream().filter(s -> !granted.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new AdapterException.PermissionMissing("Facebook signed you in, but without the permission "
                    + String.join(", ", missing) + ", which Goalpost needs to " + purpose(missing)
                    + ". Connect with Instagram again and keep every permission switched on.", Set.copyOf(missing));
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
            query.put("fields", "id,name,access_token,instagram_business_account");
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
                String igUserId = page.path("instagram_business_account").path("id").asText("");
                String pageToken = page.path("access_token").asText("");
                // Pages without a linked professional account (or listed without a token) have nothing to offer.
                if (igUserId.isBlank() || pageToken.isBlank() || !seen.add(igUserId)) {
                    continue;
                }
                calls.redaction.add(pageToken);
                accounts.add(account(calls, app, igUserId, pageToken, page.path("name").asText("")));
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

    /** Names one linked account and builds the configuration that connects it. */
    private DiscoveredAccount account(Calls calls, AppCredentials app, String igUserId, String pageToken,
            String pageName) throws AdapterException {
        JsonNode user = calls.get(USER_ENDPOINT, Urls.build(graph(app), "/" + Urls.encode(igUserId),
                Map.of("fields", "id,username,name")), pageToken);
        String username = user.path("username").asText("");
        String name = user.path("name").asText("");
        Map<String, String> config = new LinkedHashMap<>();
        config.put(InstagramConfig.LOGIN_TYPE, LoginType.FACEBOOK_LOGIN.configValue());
        config.put(InstagramConfig.IG_USER_ID, igUserId);
        config.put(InstagramConfig.ACCESS_TOKEN, pageToken);
        if (app.baseUrl().isPresent()) {
            config.put(InstagramConfig.API_BASE_URL, graph(app));
        }
        String shown = !name.isBlank() ? name : !username.isBlank() ? "@" + username : "Instagram account " + igUserId;
        String note = pageName.isBlank() ? "Instagram account linked to one of your Facebook Pages"
                : "Instagram account of the Facebook Page " + pageName;
        return new DiscoveredAccount(igUserId, shown, username.isBlank() ? Optional.empty() : Optional.of(username),
                config, Optional.empty(), Optional.empty(), Optional.of(note));
    }

    private static String purpose(List<String> missing) {
        List<String> why = new ArrayList<>();
        if (missing.contains("instagram_basic")) {
            why.add("read your Instagram accounts and posts");
        }
        if (missing.contains("instagram_manage_insights")) {
            why.add("read Instagram insights");
        }
        if (missing.contains("pages_show_list")) {
            why.add("find the Pages your Instagram accounts are linked to");
        }
        if (missing.contains("pages_read_engagement")) {
            why.add("read through those Pages");
        }
        return String.join(" and ", why);
    }

    private static String token(JsonNode body) throws AdapterException {
        String token = body.path("access_token").asText("");
        if (token.isBlank()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + TOKEN_ENDPOINT + " has no access token.");
        }
        return token;
    }

    private static String graph(AppCredentials app) {
        return app.base(GRAPH_HOST) + "/" + VERSION;
    }

    /** The calls of one exchange or discovery, with the secrets that must never appear in a message. */
    private final class Calls {
        private final HttpPort http;
        private final String redirectUri;
        private final Redactor redaction;
        private final GraphErrorTranslator translator;

        Calls(HttpPort http, Clock clock, String redirectUri, String... secrets) {
            this.http = http;
            this.redirectUri = redirectUri;
            this.redaction = Redactor.of(secrets);
            this.translator = new GraphErrorTranslator(clock, redaction, LoginType.FACEBOOK_LOGIN);
        }

        JsonNode get(String endpoint, URI uri, String bearer) throws AdapterException {
            HttpRequest request = HttpRequest.get(uri).withHeader("Accept", "application/json");
            if (bearer != null) {
                request = request.withHeader("Authorization", "Bearer " + bearer);
            }
            HttpResponse response = http.send(request);
            MetaUsage usage = MetaUsage.read(response);
            JsonNode body = null;
            String text = response.bodyText();
            if (!text.isBlank()) {
                try {
                    body = mapper.readTree(text);
                } catch (IOException e) {
                    body = null;
                }
            }
            GraphError error = GraphError.of(body);
            if (error != null || !response.isSuccess()) {
                throw failure(error, response.status(), usage, endpoint);
            }
            if (body == null || !body.isObject()) {
                throw new AdapterException.BadResponse("Facebook answered " + endpoint + " with a body that is not a "
                        + "complete JSON object; try connecting again.");
            }
            return body;
        }

        /**
         * Sign-in errors in a marketer's words. Meta documents the error envelope but not every sign-in
         * message, so the OAuth cases are recognised by code and by the words Facebook uses ("redirect_uri",
         * "client secret", "code"); the rest go through the adapter's table.
         */
        private AdapterException failure(GraphError error, int status, MetaUsage usage, String endpoint) {
            if (error == null) {
                if (status == 400 || status == 401) {
                    return new AdapterException.AuthExpired("Facebook did not accept the sign-in (HTTP " + status
                            + " on " + endpoint + "). Connect with Instagram again.");
                }
                return translator.byStatus(status, usage, endpoint);
            }
            String message = error.message().toLowerCase(Locale.ROOT);
            String said = redaction.clean(error.message());
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
                        + "for Instagram in Goalpost. Check both in Meta for Developers > App settings > Basic."
                        + facebookSays);
            }
            if (GraphErrorTranslator.THROTTLING_CODES.contains(error.code())) {
                return translator.translate(error, status, usage, endpoint);
            }
            if (error.isTokenProblem() || (error.code() == 100 && message.contains("code")
                    && error.subcode() != GraphError.OBJECT_NOT_FOUND)) {
                return new AdapterException.AuthExpired("Facebook did not accept the sign-in: the code from the "
                        + "Login dialog was already used or has expired, or the sign-in was withdrawn. Connect with "
                        + "Instagram again." + facebookSays);
            }
            if (error.code() == 10 || (error.code() >= 200 && error.code() <= 299)) {
                Set<String> named = GraphErrorTranslator.permissionsIn(error.message());
                return new AdapterException.PermissionMissing("Facebook refused " + endpoint + " for lack of "
                        + (named.isEmpty() ? "a permission" : "the permission " + String.join(", ", named))
                        + ". Connect with Instagram again and keep every permission switched on." + facebookSays,
                        named.isEmpty() ? Set.copyOf(SCOPES) : named);
            }
            return translator.translate(error, status, usage, endpoint);
        }
    }
}
