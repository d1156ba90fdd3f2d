package io.goalpost.plugins.facebook.sandbox;

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
    static final int DEFAULT_LIMIT = 25;
    /** The permissions a Page token carries, as {@code /debug_token} lists them. */
    private static final List<String> PAGE_TOKEN_SCOPES = List.of("pages_read_engagement", "pages_show_list", "public_profile",
            "read_insights");


    private final ObjectMapper mapper;
    private final List<SandboxPage> pages;
    private final SimulatedFacebookLogin login;

    SandboxLogin(ObjectMapper mapper, List<SandboxPage> pages) {
        this.mapper = mapper;
        this.pages = List.copyOf(pages);
        this.login = new SimulatedFacebookLogin(SimulatedFacebookLogin.Settings.demo(APP_ID, APP_SECRET, KNOWN_SCOPES,
                "sandbox-facebook-", "Facebook sandbox"), () -> this.pages.stream().map(SandboxPage::name).toList());
    }

    /**
     * Answers a sign-in request, or empty when the path is not one of the sign-in paths.
     *
     * @param rest the path after the version segment
     */
    Optional<HttpResponse> handle(List<String> rest, HttpRequest request, Instant now) throws GraphFailure {
        try {
            return login.handle(rest, request, now, token -> pages.stream().filter(p -> p.token().equals(token))
                    .map(SandboxPage::id).findFirst(), PAGE_TOKEN_SCOPES, this);
        } catch (SimulatedFacebookLogin.Refused r) {
            throw GraphFailure.of(r.status(), r.getMessage(), r.type(), r.code(), r.subcode());
        }
    }

    // ---- the person and their Pages --------------------------------------------------------------

    @Override
    public HttpResponse me(HttpRequest request) {
        return login.me(request);
    }

    @Override
    public HttpResponse accounts(HttpRequest request, SimulatedFacebookLogin.UserToken user) throws GraphFailure {
        Map<String, String> q = Urls.queryParams(request.uri());
        Map<String, GraphFields.Field> fields = GraphFields.parse(q.get("fields"),
                List.of("access_token", "category", "name", "id", "tasks"));
        int limit = GraphLists.limit(q, DEFAULT_LIMIT, FacebookSandbox.MAX_LIMIT, GraphFailure::invalidParameter);
        int start = q.containsKey("after") ? GraphLists.indexOf(q.get("after"), GraphFailure::invalidParameter) : 0;
        // Without pages_show_list Facebook lists no Pages.
        List<SandboxPage> visible = user.scopes().contains("pages_show_list") ? pages : List.of();
        List<SandboxPage> slice = visible.subList(Math.min(start, visible.size()),
                Math.min(visible.size(), start + limit));
        ObjectNode root = mapper.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (SandboxPage page : slice) {
            ObjectNode node = data.addObject();
            for (GraphFields.Field field : fields.values()) {
                switch (field.name()) {
                    case "id" -> node.put("id", page.id());
                    case "name" -> node.put("name", page.name());
                    case "username" -> node.put("username", page.username());
                    case "link" -> node.put("link", "https://www.facebook.com/" + page.username());
                    case "category" -> node.put("category", page.category());
                    case "access_token" -> node.put("access_token", page.token());
                    case "tasks" -> {
                        ArrayNode tasks = node.putArray("tasks");
                        List.of("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE").forEach(tasks::add);
                    }
                    default -> throw GraphFailure.nonexistingField(field.name(), "Page");
                }
            }
        }
        if (!slice.isEmpty()) {
            root.set("paging", mapper.valueToTree(GraphLists.indexPaging(request.uri(), q, start, slice.size(),
                    visible.size(), limit)));
        }
        return HttpResponse.json(200, root.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------

}
