package io.goalpost.plugins.instagram.sandbox;

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
 * Facebook Login for the Instagram API with Facebook Login, simulated for the sandbox's one person ("Alex
 * Sandbox"), who manages four Facebook Pages, three of them linked to the sandbox's Instagram accounts:
 * the Login dialog, the code and {@code fb_exchange_token} exchanges, {@code /debug_token}, {@code /me}
 * and {@code /me/accounts} with each Page's token and {@code instagram_business_account}. A Page token
 * ({@code sandbox-instagram-page-<page id>}) is accepted for the Instagram account linked to its Page,
 * so a discovered account syncs at once.
 *
 * <p>Deterministic: codes and user tokens are numbered in the order they are issued. Codes are
 * single-use and live 10 minutes; short-lived user tokens an hour, long-lived ones 60 days.
 */
final class SandboxLogin implements SimulatedFacebookLogin.Person<RuntimeException> {

    /** The demo app the sandbox's sign-in accepts; obviously fake. */
    static final String APP_ID = "sandbox-instagram-app";
    static final String APP_SECRET = "sandbox-instagram-app-secret";

    /** Permissions the dialog knows; any other name is an "Invalid Scopes" error, as on Facebook. */
    static final Set<String> KNOWN_SCOPES = Set.of("public_profile", "email", "pages_show_list",
            "pages_read_engagement", "instagram_basic", "instagram_manage_insights", "business_management",
            "ads_read");

    /** A Facebook Page the person manages, and the Instagram account linked to it, if any. */
    record LinkedPage(String id, String name, String category, Optional<SandboxAccount> instagram)
            implements SimulatedFacebookLogin.ManagedPage {
        /** The Page's token: obviously fake; valid for the linked Instagram account. */
        @Override
        public String token() {
            return PAGE_TOKEN_PREFIX + id;
        }
    }

    static final String PAGE_TOKEN_PREFIX = "sandbox-instagram-page-";

    /** The person's Pages: Acme Careers has no Instagram account. */
    static final List<LinkedPage> PAGES = List.of(
            new LinkedPage("104857600000001", "Acme Coffee", "Coffee Shop", SandboxAccount.byUsername("acme.coffee")),
            new LinkedPage("104857600000002", "Acme Outdoor", "Outdoor & Sporting Goods Company",
                    SandboxAccount.byUsername("acme.outdoor")),
            new LinkedPage("104857600000003", "Acme Careers", "Employment Agency", Optional.empty()),
            new LinkedPage("104857600000004", "Acme Corner Bakery", "Bakery", SandboxAccount.byUsername("acme.bakery")));

    /** The Page a Page token belongs to. */
    static Optional<LinkedPage> pageByToken(String token) {
        return PAGES.stream().filter(p -> p.token().equals(token)).findFirst();
    }

    static final Duration CODE_LIFETIME = SimulatedFacebookLogin.CODE_LIFETIME;
    static final Duration LONG_LIVED = SimulatedFacebookLogin.LONG_LIVED;
    /** The permissions a Page token carries, as {@code /debug_token} lists them. */
    private static final List<String> PAGE_TOKEN_SCOPES = List.of("instagram_basic", "instagram_manage_insights",
            "pages_read_engagement", "pages_show_list", "public_profile");


    private final ObjectMapper mapper;
    private final SimulatedFacebookLogin<LinkedPage> login = new SimulatedFacebookLogin<>(
            SimulatedFacebookLogin.Settings.demo(APP_ID, APP_SECRET, KNOWN_SCOPES, "sandbox-instagram-",
                    "Instagram sandbox (Facebook Login)"), PAGES);

    SandboxLogin(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Answers a sign-in request, or empty when the path is not one of the sign-in paths.
     *
     * @param rest the path after the version segment
     */
    Optional<HttpResponse> handle(List<String> rest, HttpRequest request, Instant now) {
        return login.handle(rest, request, now, PAGE_TOKEN_SCOPES, this,
                r -> GraphFault.ofStatus(r.status(), r.getMessage(), r.type(), r.code(), r.subcode()));
    }

    // ---- the person's Pages ----------------------------------------------------------------------

    @Override
    public HttpResponse accounts(HttpRequest request, SimulatedFacebookLogin.UserToken user) {
        Map<String, String> fields = FieldList.parse(Urls.queryParams(request.uri()).get("fields"),
                String.join(",", SimulatedFacebookLogin.ACCOUNT_FIELDS));
        Map<String, Object> answer = login.accounts(request, user, fields,
                SandboxLogin::invalidParameter, (page, field, nested) -> switch (field) {
                    case "instagram_business_account" -> page.instagram().map(a -> linkedAccount(a, nested)).orElse(null);
                    default -> throw nonexistingField(field, "Page");
                });
        return HttpResponse.json(200, mapper.valueToTree(answer).toString());
    }

    /** The linked account as a nested object: its id, plus any of username and name asked for. */
    private static Map<String, Object> linkedAccount(SandboxAccount account, String nestedFields) {
        Map<String, Object> node = new LinkedHashMap<>();
        for (String field : FieldList.parse(nestedFields, "id").keySet()) {
            switch (field) {
                case "id" -> node.put("id", account.igUserId());
                case "username" -> node.put("username", account.username());
                case "name" -> node.put("name", account.name());
                default -> throw nonexistingField(field, "IGUser");
            }
        }
        node.putIfAbsent("id", account.igUserId());
        return node;
    }

    /** Graph's invalid-parameter error, {@code (#100)} and the message. */
    private static GraphFault invalidParameter(String message) {
        return GraphFault.invalidParameter("(#100) " + message);
    }

    private static GraphFault nonexistingField(String field, String nodeType) {
        return GraphFault.invalidParameter("(#100) Tried accessing nonexisting field (" + field + ") on node type ("
                + nodeType + ")");
    }

    // ---- helpers ---------------------------------------------------------------------------------

}
