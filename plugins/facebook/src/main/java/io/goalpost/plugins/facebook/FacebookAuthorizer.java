package io.goalpost.plugins.facebook;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.support.meta.FacebookLogin;
import io.goalpost.plugin.support.meta.FacebookLoginAuthorizer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * "Connect with Facebook": Facebook Login's authorization code flow (plugin-support's
 * {@link FacebookLogin}: code, long-lived user token, granted permissions), asking for
 * {@code pages_show_list}, {@code pages_read_engagement} and {@code read_insights}, then the person's
 * Pages ({@code GET /me/accounts}), each with its Page access token, which does not expire when it comes
 * from a long-lived user token. Each Page becomes an account with exactly the pasted-token form's fields.
 */
@Extension
public final class FacebookAuthorizer extends FacebookLoginAuthorizer {

    /** Find the Pages, read their posts and engagement, read Page Insights. */
    static final List<String> SCOPES = List.of("pages_show_list", "pages_read_engagement", "read_insights");

    /** What Goalpost needs each permission for, as a sign-in without it says. */
    private static final Map<String, String> PURPOSES = Map.of("pages_show_list", "list your Pages",
            "pages_read_engagement", "read your Pages' posts and engagement", "read_insights", "read Page Insights");

    public FacebookAuthorizer() {
        // The stored token is a Page token, which does not expire; there is no refresh token.
        super(FacebookAdapterFactory.NETWORK_ID, "Facebook", SCOPES, FacebookLogin.purposes(SCOPES, PURPOSES),
                "In Meta for Developers, create an app with the Facebook Login product (classic Facebook Login, "
                    + "which asks for permissions; not Facebook Login for Business configurations), request the "
                    + "permissions pages_show_list, pages_read_engagement and read_insights (Advanced Access "
                    + "through App Review unless everyone who connects has a role on the app), and register the "
                    + "redirect URI shown here under Facebook Login > Settings > Valid OAuth Redirect URIs.");
    }

    @Override
    public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock)
            throws AdapterException {
        return login().discover(app, grant, http, clock, "id,name,username,access_token", (page, session) -> {
            String id = page.path("id").asText("");
            if (id.isBlank()) {
                return Optional.empty();
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put(FacebookConfig.PAGE_ID, id);
            config.put(FacebookConfig.PAGE_ACCESS_TOKEN, page.path("access_token").asText());
            if (app.baseUrl().isPresent()) {
                config.put(FacebookConfig.API_BASE_URL, FacebookLogin.graph(app));
            }
            String username = page.path("username").asText("");
            String name = page.path("name").asText("");
            return Optional.of(new DiscoveredAccount(id, name.isBlank() ? "Facebook Page " + id : name,
                    username.isBlank() ? Optional.empty() : Optional.of(username), config, Optional.empty(),
                    Optional.empty(), Optional.empty()));
        });
    }

}
