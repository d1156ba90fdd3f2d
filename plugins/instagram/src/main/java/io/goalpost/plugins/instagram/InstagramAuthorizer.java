package io.goalpost.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.support.meta.FacebookLogin;
import io.goalpost.plugin.support.meta.FacebookLoginAuthorizer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * "Connect with Instagram" through Facebook Login (Instagram API with Facebook Login): the person signs in
 * with Facebook (plugin-support's {@link FacebookLogin}: code, long-lived user token, granted
 * permissions), asking for {@code instagram_basic}, {@code instagram_manage_insights},
 * {@code pages_show_list} and {@code pages_read_engagement}, and the Instagram professional accounts
 * linked to the Pages they manage are offered.
 *
 * <ol>
 *   <li>{@code GET /me/accounts?fields=id,name,access_token,instagram_business_account} lists the Pages with
 *       their Page tokens and the id of the Instagram account linked to each; {@code GET /{ig-user-id}
 *       ?fields=id,username,name} (with that Page's token) names the account.</li>
 *   <li>Each account is offered with the pasted-token form's fields: {@code login_type=facebook_login},
 *       {@code ig_user_id} and, as {@code access_token}, the Page token of its Page, which does not expire
 *       (a long-lived user token would lapse after 60 days with no way to refresh it).</li>
 * </ol>
 */
@Extension
public final class InstagramAuthorizer extends FacebookLoginAuthorizer {

    static final List<String> SCOPES = List.of("instagram_basic", "instagram_manage_insights", "pages_show_list",
            "pages_read_engagement");

    private static final String USER_ENDPOINT = "GET /{ig-user-id}";

    /** What Goalpost needs each permission for, as a sign-in without it says. */
    private static final Map<String, String> PURPOSES = Map.of("instagram_basic",
            "read your Instagram accounts and posts", "instagram_manage_insights", "read Instagram insights",
            "pages_show_list", "find the Pages your Instagram accounts are linked to", "pages_read_engagement",
            "read through those Pages");

    public InstagramAuthorizer() {
        // The stored token is the Page token of the account's Page: it does not expire; no refresh token.
        super(InstagramAdapterFactory.NETWORK_ID, "Instagram", SCOPES, FacebookLogin.purposes(SCOPES, PURPOSES),
                "In Meta for Developers, create an app with the Facebook Login product (Instagram API with Facebook "
                    + "Login; classic Facebook Login, which asks for permissions), request instagram_basic, "
                    + "instagram_manage_insights, pages_show_list and pages_read_engagement (Advanced Access "
                    + "through App Review unless everyone who connects has a role on the app), make sure each "
                    + "Instagram professional account is linked to a Facebook Page, and register the redirect URI "
                    + "shown here under Facebook Login > Settings > Valid OAuth Redirect URIs.");
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        return login().discover(app, grant, http, clock, "id,name,access_token,instagram_business_account",
                (page, session) -> {
                    String igUserId = page.path("instagram_business_account").path("id").asText("");
                    // Pages without a linked professional account have nothing to offer.
                    if (igUserId.isBlank()) {
                        return Optional.empty();
                    }
                    return Optional.of(account(session, app, igUserId, page.path("access_token").asText(),
                            page.path("name").asText("")));
                });
    }

    /** Names one linked account and builds the configuration that connects it. */
    private static DiscoveredAccount account(FacebookLogin.Session session, AppCredentials app, String igUserId,
            String pageToken, String pageName) throws AdapterException {
        JsonNode user = session.get(USER_ENDPOINT, "/" + Urls.encode(igUserId), Map.of("fields", "id,username,name"),
                pageToken);
        String username = user.path("username").asText("");
        String name = user.path("name").asText("");
        Map<String, String> config = new LinkedHashMap<>();
        config.put(InstagramConfig.LOGIN_TYPE, LoginType.FACEBOOK_LOGIN.configValue());
        config.put(InstagramConfig.IG_USER_ID, igUserId);
        config.put(InstagramConfig.ACCESS_TOKEN, pageToken);
        if (app.baseUrl().isPresent()) {
            config.put(InstagramConfig.API_BASE_URL, FacebookLogin.graph(app));
        }
        String shown = !name.isBlank() ? name : !username.isBlank() ? "@" + username : "Instagram account " + igUserId;
        String note = pageName.isBlank() ? "Instagram account linked to one of your Facebook Pages"
                : "Instagram account of the Facebook Page " + pageName;
        return new DiscoveredAccount(igUserId, shown, username.isBlank() ? Optional.empty() : Optional.of(username),
                config, Optional.empty(), Optional.empty(), Optional.of(note));
    }

}
