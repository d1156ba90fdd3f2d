package io.goalpost.plugins.facebook.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.sandbox.SimulatedFacebookLogin;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Facebook Login, simulated for the sandbox's one person ("Alex Sandbox", who manages the three demo
 * Pages and Acme Legacy Page): the Login dialog, the code and {@code fb_exchange_token} exchanges, {@code /debug_token},
 * {@code /me} and {@code /me/accounts} with the Pages' tokens (the same tokens the sandbox's Page
 * endpoints accept, so a discovered Page syncs at once).
 *
 * <p>Deterministic: codes and user tokens are numbered in the order they are issued. Codes are
 * single-use and live 10 minutes; short-lived user tokens an hour, long-lived ones 60 days.
 */
final class SandboxLogin implements SimulatedFacebookLogin.Person<GraphFailure> {

    /** The demo app the sandbox's sign-in accepts; obviously fake. */
    static final String APP_ID = "sandbox-facebook-app";
    static final String APP_SECRET = "sandbox-facebook-app-secret";

    /** Permissions the dialog knows; any other name is an "Invalid Scopes" error, as on Facebook. */
    static final Set<String> KNOWN_SCOPES = Set.of("public_profile", "email", "pages_show_list",
            "pages_read_engagement", "pages_read_user_content", "read_insights", "business_management");

    static final Duration CODE_LIFETIME = SimulatedFacebookLogin.CODE_LIFETIME;
    static final Duration LONG_LIVED = SimulatedFacebookLogin.LONG_LIVED;
    /** The permissions a Page token carries, as {@code /debug_token} lists them. */
    private static final List<String> PAGE_TOKEN_SCOPES = List.of("pages_read_engagement", "pages_show_list", "public_profile",
            "read_insights");


    private final ObjectMapper mapper;
    private final SimulatedFacebookLogin<SandboxPage> login;

    SandboxLogin(ObjectMapper mapper, List<SandboxPage> pages) {
        this.mapper = mapper;
        this.login = new SimulatedFacebookLogin<>(SimulatedFacebookLogin.Settings.demo(APP_ID, APP_SECRET, KNOWN_SCOPES,
                "sandbox-facebook-", "Facebook sandbox"), pages);
    }

    /**
     * Answers a sign-in request, or empty when the path is not one of the sign-in paths.
     *
     * @param rest the path after the version segment
     */
    Optional<HttpResponse> handle(List<String> rest, HttpRequest request, Instant now) throws GraphFailure {
        return login.handle(rest, request, now, PAGE_TOKEN_SCOPES, this,
                r -> GraphFailure.of(r.status(), r.getMessage(), r.type(), r.code(), r.subcode()));
    }

    // ---- the person's Pages ----------------------------------------------------------------------

    @Override
    public HttpResponse accounts(HttpRequest request, SimulatedFacebookLogin.UserToken user) throws GraphFailure {
        Map<String, String> fields = new LinkedHashMap<>();
        GraphFields.parse(Urls.queryParams(request.uri()).get("fields"), SimulatedFacebookLogin.ACCOUNT_FIELDS)
                .keySet().forEach(name -> fields.put(name, ""));
        Map<String, Object> answer = login.accounts(request, user, fields,
                GraphFailure::invalidParameter, (page, field, nested) -> switch (field) {
                    case "username" -> page.username();
                    case "link" -> "https://www.facebook.com/" + page.username();
                    default -> throw GraphFailure.nonexistingField(field, "Page");
                });
        return HttpResponse.json(200, mapper.valueToTree(answer).toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------

}
