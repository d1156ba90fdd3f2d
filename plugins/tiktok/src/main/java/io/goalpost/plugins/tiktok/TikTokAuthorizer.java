package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.support.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * "Connect with TikTok" through the TikTok API for Business (Accounts API), the product the adapter
 * reads with; following TikTok's API for Business authorization docs.
 *
 * <ul>
 *   <li>consent page {@code https://www.tiktok.com/v2/auth/authorize} with {@code client_key} (the
 *       app's App ID), the scopes comma-separated, {@code response_type=code}, the redirect URI and
 *       the state; TikTok uses no PKCE here;</li>
 *   <li>token endpoint {@code POST https://business-api.tiktok.com/open_api/v1.3/tt_user/oauth2/token/},
 *       a JSON body {@code client_id, client_secret, grant_type=authorization_code, auth_code,
 *       redirect_uri}; the answer, in TikTok's envelope, carries the account's {@code open_id}, a
 *       24-hour access token and a refresh token of a year that rotates on every refresh;</li>
 *   <li>discovery {@code GET /business/get/} of that {@code open_id}: one grant connects the one
 *       TikTok account that signed in.</li>
 * </ul>
 *
 * <p>Every URL goes through {@link AppCredentials#base(String)}, so a sandbox or proxy can stand in
 * for both hosts. Messages never carry the code, a token or the App secret.
 */
@Extension
public final class TikTokAuthorizer extends OAuthAuthorizer {

    /** The consent page: the App ID as client_key, the scopes comma-separated. */
    static final AuthorizationEndpoint CONSENT_PAGE = AuthorizationEndpoint.of("https://www.tiktok.com",
            "/v2/auth/authorize").withClientIdParam("client_key").withScopeSeparator(",");
    static final String API_HOST = "https://" + TikTokAdapterFactory.API_HOST;
    /** The versioned root the adapter's data endpoints and the OAuth endpoints share. */
    static final String API_ROOT = "/open_api/v1.3";
    static final String TOKEN_PATH = "/tt_user/oauth2/token/";

    /** Profile, daily account insights, the video list and video insights: what the adapter reads. */
    static final List<String> SCOPES = List.of("user.info.basic", "user.insights", "video.list", "video.insights");

    static final AuthorizationSpec SPEC = new AuthorizationSpec(SCOPES, false, "App ID",
            Optional.of(TikTokClient.ACCESS_LIFETIME), Optional.of(TikTokClient.REFRESH_LIFETIME), true,
            "In the TikTok API for Business developer portal, create an app with the TikTok Accounts product (the"
                    + " Accounts API Access Application Form comes first; the review takes a few business days),"
                    + " request the scopes user.info.basic, user.insights, video.list and video.insights, and register"
                    + " the redirect URI shown here. Then copy the app's App ID and Secret here.");

    private static final String TOKEN_ENDPOINT = "POST " + TOKEN_PATH;

    // The plugin's own mapper, as strict as the adapter's.
    private final ObjectMapper mapper = StrictMappers.refusingDuplicateKeys();

    public TikTokAuthorizer() {
        super(TikTokAdapterFactory.NETWORK_ID, SPEC, CONSENT_PAGE);
    }

    @Override
    public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException {
        AppCredentials app = exchange.app();
        // TikTok takes a JSON body with the app's id and secret, and calls the code auth_code.
        HttpRequest request = TokenRequests.jsonBody(Urls.build(apiBase(app), TOKEN_PATH), exchange, "auth_code");
        Redactor redactor = Redactor.of(java.util.Arrays.asList(exchange.code(), app.clientSecret()));
        TikTokReply reply = TikTokReply.read(http.send(request), mapper, redactor, TOKEN_PATH);
        Instant now = clock.instant();
        if (reply.error() != null) {
            throw exchangeError(reply.error(), now);
        }
        JsonNode data = reply.data();
        String openId = text(data, "open_id");
        String accessToken = text(data, "access_token");
        if (openId == null || accessToken == null) {
            throw new AdapterException.BadResponse("TikTok answered " + TOKEN_ENDPOINT
                    + " without the account's open_id or its access token");
        }
        Optional<String> refreshToken = Optional.ofNullable(text(data, "refresh_token"));
        Set<String> granted = GrantedScopes.require(data, SCOPES, "TikTok", "user.insights gives the daily account"
                + " metrics, video.list and video.insights the videos and their metrics");
        SignIns.remember(accessToken, openId, now);
        return TokenRequests.grant(data, accessToken, refreshToken, granted, now, TikTokClient.ACCESS_LIFETIME,
                TikTokClient.REFRESH_LIFETIME);
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        String openId = SignIns.openIdFor(grant.accessToken(), clock.instant()).orElseThrow(() ->
                new AdapterException.AuthExpired("Goalpost no longer knows which TikTok account this sign-in was for"
                        + " (more than an hour passed, or Goalpost restarted in between). Connect with TikTok again."));
        TikTokConfig lookup = new TikTokConfig(openId, grant.accessToken(), Optional.empty(), Optional.empty(),
                Optional.empty(), apiBase(app));
        TikTokClient client = new TikTokClient(http, clock, mapper, lookup, NO_STORAGE);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("business_id", openId);
        query.put("fields", client.jsonArray(TikTokMetrics.PROFILE_FIELDS));
        JsonNode profile;
        try {
            profile = client.get(TikTokAdapter.PROFILE_PATH, query);
        } catch (AdapterException.AuthExpired e) {
            throw new AdapterException.AuthExpired("TikTok refused the access token it had just issued while Goalpost"
                    + " looked up the account. Connect with TikTok again.");
        }
        String username = profile.path("username").asText("");
        String displayName = profile.path("display_name").asText("");
        // The same keys the pasted form takes (TikTokConfig); refresh token, App ID and secret go together.
        Map<String, String> config = new LinkedHashMap<>();
        config.put(TikTokConfig.BUSINESS_ID, openId);
        config.putAll(OAuthAppConfig.signedIn(grant, app, apiBase(app)));
        Optional<String> handle = username.isBlank() ? Optional.empty() : Optional.of(username);
        String name = !displayName.isBlank() ? displayName : handle.map(h -> "@" + h).orElse("TikTok account " + openId);
        JsonNode business = profile.path("is_business_account");
        Optional<String> note = business.isBoolean() && !business.booleanValue()
                ? Optional.of("A personal TikTok account: TikTok reports reach and link clicks for Business accounts"
                        + " only; switch it to a Business account in the TikTok app to get them.")
                : handle.map(h -> "The TikTok account you signed in with, @" + h + ".");
        return List.of(new DiscoveredAccount(openId, name, handle, config, grant.accessExpiresAt(),
                grant.refreshExpiresAt(), note));
    }

    /** The typed error of a refused code exchange, in words for the person connecting. */
    private static AdapterException exchangeError(TikTokError error, Instant now) {
        Integer code = error.code();
        if (error.rateLimited() || error.transientFailure()) {
            return error.toException(TOKEN_PATH, now);
        }
        if (code == null) {
            // An HTTP failure without TikTok's envelope.
            if (error.httpStatus() == 401 || error.httpStatus() == 403) {
                return new AdapterException.ConfigInvalid("TikTok refused the app at " + TOKEN_PATH + " (HTTP "
                        + error.httpStatus() + "). Check the App ID and secret in Goalpost's settings.");
            }
            return error.toException(TOKEN_PATH, now);
        }
        String said = " (code " + code + (error.message().isEmpty() ? "" : ": " + error.message()) + ")";
        if (code == TikTokError.INVALID_APP_CREDENTIALS) {
            return new AdapterException.ConfigInvalid("TikTok rejected the App ID and secret" + said + ". Copy both"
                    + " again from your app in the TikTok API for Business developer portal into Goalpost's settings.");
        }
        if (code == TikTokError.AUTH_CODE_INVALID || error.tokenRejected()) {
            return new AdapterException.AuthExpired("TikTok did not accept the sign-in" + said + ": its one-time code"
                    + " was already used or is older than 10 minutes. Connect with TikTok again.");
        }
        if (code == TikTokError.NO_PERMISSION) {
            return new AdapterException.PermissionMissing("TikTok refused to issue a token" + said + ": the app needs"
                    + " the scopes " + String.join(", ", SCOPES) + ".", Set.copyOf(SCOPES));
        }
        return new AdapterException.ConfigInvalid("TikTok refused the sign-in" + said + ". Check that the redirect URI"
                + " registered with your TikTok app is exactly the one Goalpost's settings show.");
    }

    private static String apiBase(AppCredentials app) {
        return app.base(API_HOST) + API_ROOT;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** Discovery only reads; a refresh that would need storing never happens (no refresh token is given). */
    private static final CredentialsPort NO_STORAGE = updated -> {
        throw new IllegalStateException("discovery does not refresh tokens");
    };
}
