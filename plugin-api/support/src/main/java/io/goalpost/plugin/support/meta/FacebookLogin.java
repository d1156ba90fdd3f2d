package io.goalpost.plugin.support.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.support.AuthorizationEndpoint;
import io.goalpost.plugin.support.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Facebook Login's authorization code flow, as the Facebook and Instagram authorizers use it:
 * <ol>
 *   <li>the Login dialog {@code https://www.facebook.com/v25.0/dialog/oauth} asks for the plugin's scopes;</li>
 *   <li>the code becomes a short-lived user token ({@code GET /oauth/access_token?code=…}), which becomes a
 *       long-lived one (about 60 days, {@code grant_type=fb_exchange_token});</li>
 *   <li>{@code GET /debug_token} (with the app token {@code <app id>|<app secret>}) tells which permissions
 *       the person granted: a declined one fails the exchange, naming it;</li>
 *   <li>{@code GET /me/accounts} with the long-lived user token lists the Pages the person manages, each
 *       with its Page access token (which does not expire); the plugin turns each into an account.</li>
 * </ol>
 * Every URL goes through {@link AppCredentials#base(String)}, so a sandbox or proxy can stand in for
 * {@code www.facebook.com} and {@code graph.facebook.com}. Tokens, the code and the app secret never
 * reach a message: tokens travel as {@code Authorization: Bearer} where Facebook allows it, and the
 * calls with secrets in the query (the code exchange) are named by their path.
 */
public final class FacebookLogin {

    public static final String DIALOG_HOST = "https://www.facebook.com";
    public static final String GRAPH_HOST = "https://graph.facebook.com";
    /** The Graph version of the dialog and of every call; the same as the adapters' default. */
    public static final String VERSION = "v25.0";
    /** The Login dialog's path. */
    public static final String DIALOG_PATH = "/" + VERSION + "/dialog/oauth";
    /** The Login dialog, the consent page of every Facebook Login authorizer: scopes comma-separated. */
    public static final AuthorizationEndpoint DIALOG = AuthorizationEndpoint.of(DIALOG_HOST, DIALOG_PATH)
            .withScopeSeparator(",");
    /** Pages per {@code /me/accounts} call (Facebook's maximum). */
    public static final int PAGES_PER_CALL = 100;
    /** A bound on {@code /me/accounts} pages, so a cursor that never ends cannot loop forever. */
    public static final int MAX_PAGE_CALLS = 50;

    private static final String TOKEN_ENDPOINT = "GET /oauth/access_token";
    private static final String DEBUG_ENDPOINT = "GET /debug_token";
    private static final String ACCOUNTS_ENDPOINT = "GET /me/accounts";

    private final String product;
    private final List<String> scopes;
    private final Function<List<String>, String> purpose;

    /**
     * @param product what the person connects, in "Connect with {product} again", e.g. {@code Instagram}
     * @param scopes the permissions to ask for, all required
     * @param purpose what Goalpost needs the given missing permissions for, e.g. "read Page Insights"
     */
    public FacebookLogin(String product, List<String> scopes, Function<List<String>, String> purpose) {
        this.product = Objects.requireNonNull(product, "product is null");
        this.scopes = List.copyOf(scopes);
        this.purpose = Objects.requireNonNull(purpose, "purpose is null");
    }

    /** One page of {@code /me/accounts} turned into an account, or empty to leave the Page out. */
    @FunctionalInterface
    public interface PageReader {
        Optional<DiscoveredAccount> read(JsonNode page, Session session) throws AdapterException;
    }

    /**
     * A {@code purpose} that says what each missing permission is for: the purposes of the missing ones,
     * in the order of {@code scopes}, joined with "and".
     *
     * @param purposeOf what Goalpost needs each permission for, e.g. "read Page Insights"
     */
    public static Function<List<String>, String> purposes(List<String> scopes, Map<String, String> purposeOf) {
        List<String> order = List.copyOf(scopes);
        Map<String, String> purposes = Map.copyOf(purposeOf);
        return missing -> order.stream().filter(missing::contains).map(purposes::get).filter(Objects::nonNull)
                .collect(Collectors.joining(" and "));
    }

    /** The Graph base with version, e.g. {@code https://graph.facebook.com/v25.0}. */
    public static String graph(AppCredentials app) {
        return app.base(GRAPH_HOST) + "/" + VERSION;
    }

    /** Code → short-lived → long-lived user token, with the permissions the person granted (all required). */
    public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        AppCredentials app = exchange.app();
        String appToken = app.clientId() + "|" + app.clientSecret();
        Session session = new Session(http, clock, app, exchange.redirectUri(), app.clientSecret(), exchange.code(),
                appToken);

        Map<String, String> codeQuery = new LinkedHashMap<>();
        codeQuery.put("client_id", app.clientId());
        codeQuery.put("redirect_uri", exchange.redirectUri());
        codeQuery.put("client_secret", app.clientSecret());
        codeQuery.put("code", exchange.code());
        String shortToken = token(session.get(TOKEN_ENDPOINT, "/oauth/access_token", codeQuery, null));
        session.addSecret(shortToken);

        Map<String, String> longQuery = new LinkedHashMap<>();
        longQuery.put("grant_type", "fb_exchange_token");
        longQuery.put("client_id", app.clientId());
        longQuery.put("client_secret", app.clientSecret());
        longQuery.put("fb_exchange_token", shortToken);
        JsonNode longLived = session.get(TOKEN_ENDPOINT, "/oauth/access_token", longQuery, null);
        String longToken = token(longLived);
        session.addSecret(longToken);
        long expiresIn = longLived.path("expires_in").asLong(0);
        Instant now = clock.instant();
        Optional<Instant> expiresAt = expiresIn > 0 ? Optional.of(now.plusSeconds(expiresIn)) : Optional.empty();

        JsonNode data = session.get(DEBUG_ENDPOINT, "/debug_token", Map.of("input_token", longToken), appToken)
                .path("data");
        if (!data.path("is_valid").asBoolean(false)) {
            throw new AdapterException.AuthExpired("Facebook says the sign-in it just issued is not valid. Connect "
                    + "with " + product + " again.");
        }
        if (!data.path("scopes").isArray()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + DEBUG_ENDPOINT
                    + " does not list the granted permissions.");
        }
        Set<String> granted = new LinkedHashSet<>();
        data.path("scopes").forEach(s -> granted.add(s.asText()));
        List<String> missing = scopes.stream().filter(s -> !granted.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new AdapterException.PermissionMissing("Facebook signed you in, but without the permission "
                    + String.join(", ", missing) + ", which Goalpost needs to " + purpose.apply(missing)
                    + ". Connect with " + product + " again and keep every permission switched on.", Set.copyOf(missing));
        }
        return new TokenGrant(longToken, Optional.empty(), expiresAt, Optional.empty(), granted);
    }

    /**
     * The accounts behind the person's Pages: {@code /me/accounts} page by page with the given fields,
     * each Page read by {@code reader}; an account offered twice is offered once.
     */
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock,
            String fields, PageReader reader) throws AdapterException {
        Session session = new Session(http, clock, app, null, app.clientSecret(), grant.accessToken());
        Map<String, DiscoveredAccount> accounts = new LinkedHashMap<>();
        String after = null;
        for (int call = 0; call < MAX_PAGE_CALLS; call++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("fields", fields);
            query.put("limit", Integer.toString(PAGES_PER_CALL));
            query.put("after", after);
            JsonNode root = session.get(ACCOUNTS_ENDPOINT, "/me/accounts", query, grant.accessToken());
            JsonNode data = root.get("data");
            if (data == null || !data.isArray()) {
                throw new AdapterException.BadResponse("Facebook's list of your Pages (" + ACCOUNTS_ENDPOINT
                        + ") has no 'data' list.");
            }
            for (JsonNode page : data) {
                // A Page listed without a token cannot be read with this sign-in: the reader leaves it out.
                String pageToken = page.path("access_token").asText("");
                if (pageToken.isBlank()) {
                    continue;
                }
                session.addSecret(pageToken);
                reader.read(page, session).ifPresent(a -> accounts.putIfAbsent(a.externalId(), a));
            }
            JsonNode paging = root.path("paging");
            String next = paging.path("cursors").path("after").asText("");
            if (!paging.hasNonNull("next") || next.isEmpty() || next.equals(after) || data.isEmpty()) {
                return List.copyOf(accounts.values());
            }
            after = next;
        }
        throw new AdapterException.BadResponse("Facebook's list of your Pages (" + ACCOUNTS_ENDPOINT
                + ") did not end after " + MAX_PAGE_CALLS * PAGES_PER_CALL + " Pages.");
    }

    private static String token(JsonNode body) throws AdapterException {
        String token = body.path("access_token").asText("");
        if (token.isBlank()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + TOKEN_ENDPOINT + " has no access token.");
        }
        return token;
    }

    /** The calls of one exchange or discovery, with the secrets that must never appear in a message. */
    public final class Session {
        private final HttpPort http;
        private final AppCredentials app;
        private final String redirectUri;
        private final Redactor redaction;
        private final GraphErrors errors;

        private Session(HttpPort http, Clock clock, AppCredentials app, String redirectUri, String... secrets) {
            this.http = http;
            this.app = app;
            this.redirectUri = redirectUri;
            this.redaction = Redactor.of(secrets);
            this.errors = new GraphErrors(clock, redaction, new GraphWording("Facebook", "sign-in",
                    "Connect with " + product + " again.",
                    "Connect with " + product + " again and keep every permission switched on.", Set.copyOf(scopes),
                    "Connect with " + product + " again.", "", graph(app)));
        }

        /** Adds a secret learnt on the way (a token), so that no message shows it. */
        public void addSecret(String secret) {
            if (secret != null && !secret.isEmpty()) {
                redaction.add(secret);
            }
        }

        /** GETs a Graph path below {@link #graph(AppCredentials)}, with {@code bearer} as the token when given. */
        public JsonNode get(String endpoint, String path, Map<String, String> query, String bearer)
                throws AdapterException {
            GraphAnswer answer = GraphAnswer.get(http, Urls.build(graph(app), path, query), bearer, endpoint, errors);
            if (answer.failed()) {
                throw failure(answer);
            }
            return answer.body();
        }

        /**
         * Sign-in errors in a marketer's words. Meta documents the error envelope but not every sign-in
         * message, so the OAuth cases are recognised by code and by the words Facebook uses
         * ("redirect_uri", "client secret", "code"); the rest go through the Graph table.
         */
        private AdapterException failure(GraphAnswer answer) {
            GraphError error = answer.error();
            if (error == null) {
                if (answer.status() == 400 || answer.status() == 401) {
                    return new AdapterException.AuthExpired("Facebook did not accept the sign-in (HTTP " + answer.status()
                            + " on " + answer.endpoint() + "). Connect with " + product + " again.");
                }
                return answer.failure();
            }
            String message = error.message().toLowerCase(Locale.ROOT);
            String says = errors.says(error);
            if (message.contains("redirect_uri") || message.contains("redirect uri")) {
                return new AdapterException.ConfigInvalid("Facebook refused the redirect URI"
                        + (redirectUri == null ? "" : " " + redirectUri) + ": it must be registered exactly like "
                        + "this in the Facebook app (Facebook Login > Settings > Valid OAuth Redirect URIs)." + says);
            }
            if (message.contains("client secret") || message.contains("client_secret") || error.code() == 101
                    || message.contains("invalid application id") || message.contains("validating application")) {
                return new AdapterException.ConfigInvalid("Facebook did not accept the App ID or App secret set up "
                        + "for " + product + " in Goalpost. Check both in Meta for Developers > App settings > Basic."
                        + says);
            }
            if (!error.isThrottling() && (error.isTokenProblem() || (error.code() == 100 && message.contains("code")
                    && error.subcode() != GraphError.OBJECT_NOT_FOUND))) {
                return new AdapterException.AuthExpired("Facebook did not accept the sign-in: the code from the "
                        + "Login dialog was already used or has expired, or the sign-in was withdrawn. Connect with "
                        + product + " again." + says);
            }
            if (error.isPermissionProblem()) {
                Set<String> named = GraphErrors.permissionsIn(error.message());
                return new AdapterException.PermissionMissing("Facebook refused " + answer.endpoint() + " for lack of "
                        + (named.isEmpty() ? "a permission" : "the permission " + String.join(", ", named))
                        + ". Connect with " + product + " again and keep every permission switched on." + says,
                        named.isEmpty() ? Set.copyOf(scopes) : named);
            }
            return answer.failure();
        }
    }
}
