package io.goalpost.plugins.instagram.sandbox;

import io.goalpost.plugin.sandbox.GraphLists;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.sandbox.SimulatedFacebookLogin;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.time.Duration;
import java.time.Instant;
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
    record LinkedPage(String id, String name, String category, Optional<SandboxAccount> instagram) {
        /** The Page's token: obviously fake; valid for the linked Instagram account. */
        String token() {
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
    static final int DEFAULT_LIMIT = 25;
    /** The permissions a Page token carries, as {@code /debug_token} lists them. */
    private static final List<String> PAGE_TOKEN_SCOPES = List.of("instagram_basic", "instagram_manage_insights",
            "pages_read_engagement", "pages_show_list", "public_profile");
    static final int MAX_LIMIT = 100;


    private final ObjectMapper mapper;
    private final List<LinkedPage> pages = PAGES;
    private final SimulatedFacebookLogin login = new SimulatedFacebookLogin(SimulatedFacebookLogin.Settings.demo(APP_ID, APP_SECRET,
            KNOWN_SCOPES, "sandbox-instagram-", "Instagram sandbox (Facebook Login)"),
            () -> PAGES.stream().map(LinkedPage::name).toList());

    SandboxLogin(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Answers a sign-in request, or empty when the path is not one of the sign-in paths.
     *
     * @param rest the path after the version segment
     */
    Optional<HttpResponse> handle(List<String> rest, HttpRequest request, Instant now) {
        try {
            return login.handle(rest, request, now, token -> pages.stream().filter(p -> p.token().equals(token))
                    .map(LinkedPage::id).findFirst(), PAGE_TOKEN_SCOPES, this);
        } catch (SimulatedFacebookLogin.Refused r) {
            throw GraphFault.ofStatus(r.status(), r.getMessage(), r.type(), r.code(), r.subcode());
        }
    }

    // ---- the person and their Pages --------------------------------------------------------------

    @Override
    public HttpResponse me(HttpRequest request) {
        return login.me(request);
    }

    @Override
    public HttpResponse accounts(HttpRequest request, SimulatedFacebookLogin.UserToken user) {
        Map<String, String> q = Urls.queryParams(request.uri());
        Map<String, String> fields = FieldList.parse(q.get("fields"), "access_token,category,name,id,tasks");
        int limit = GraphLists.limit(q, DEFAULT_LIMIT, MAX_LIMIT, SandboxLogin::invalidParameter);
        int start = q.containsKey("after") ? GraphLists.indexOf(q.get("after"), SandboxLogin::invalidParameter) : 0;
        // Without pages_show_list Facebook lists no Pages.
        List<LinkedPage> visible = user.scopes().contains("pages_show_list") ? pages : List.of();
        List<LinkedPage> slice = visible.subList(Math.min(start, visible.size()),
                Math.min(visible.size(), start + limit));
        ObjectNode root = mapper.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (LinkedPage page : slice) {
            ObjectNode node = data.addObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                switch (field.getKey()) {
                    case "id" -> node.put("id", page.id());
                    case "name" -> node.put("name", page.name());
                    case "category" -> node.put("category", page.category());
                    case "access_token" -> node.put("access_token", page.token());
                    case "tasks" -> {
                        ArrayNode tasks = node.putArray("tasks");
                        List.of("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE").forEach(tasks::add);
                    }
                    case "instagram_business_account" -> page.instagram().ifPresent(a -> linkedAccount(
                            node.putObject("instagram_business_account"), a, field.getValue()));
                    default -> throw nonexistingField(field.getKey(), "Page");
                }
            }
        }
        if (!slice.isEmpty()) {
            root.set("paging", mapper.valueToTree(GraphLists.indexPaging(request.uri(), q, start, slice.size(),
                    visible.size(), limit)));
        }
        return HttpResponse.json(200, root.toString());
    }

    /** The linked account as a nested object: its id, plus any of username and name asked for. */
    private static void linkedAccount(ObjectNode node, SandboxAccount account, String nestedFields) {
        for (String field : FieldList.parse(nestedFields, "id").keySet()) {
            switch (field) {
                case "id" -> node.put("id", account.igUserId());
                case "username" -> node.put("username", account.username());
                case "name" -> node.put("name", account.name());
                default -> throw nonexistingField(field, "IGUser");
            }
        }
        if (!node.has("id")) {
            node.put("id", account.igUserId());
        }
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
