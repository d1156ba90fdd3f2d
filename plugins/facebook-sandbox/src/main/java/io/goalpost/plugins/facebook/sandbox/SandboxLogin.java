package io.goalpost.plugins.facebook.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.sandbox.ConsentPage;
import io.goalpost.plugin.sandbox.SandboxAuthorization;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Facebook Login, simulated for the sandbox's one person ("Alex Sandbox", who manages the three demo
 * Pages and Acme Legacy Page): the Login dialog, the code and {@code fb_exchange_token} exchanges, {@code /debug_token},
 * {@code /me} and {@code /me/accounts} with the Pages' tokens (the same tokens the sandbox's Page
 * endpoints accept, so a discovered Page syncs at once).
 *
 * <p>Deterministic: codes and user tokens are numbered in the order they are issued. Codes are
 * single-use and live 10 minutes; short-lived user tokens an hour, long-lived ones 60 days.
 */
final class SandboxLogin {

    /** The demo app the sandbox's sign-in accepts; obviously fake. */
    static final String APP_ID = "sandbox-facebook-app";
    static final String APP_SECRET = "sandbox-facebook-app-secret";
    static final String APP_NAME = "Goalpost (sandbox app)";

    static final String PERSON_ID = "100000000000042";
    static final String PERSON_NAME = "Alex Sandbox";

    /** Permissions the dialog knows; any other name is an "Invalid Scopes" error, as on Facebook. */
    static final Set<String> KNOWN_SCOPES = Set.of("public_profile", "email", "pages_show_list",
            "pages_read_engagement", "pages_read_user_content", "read_insights", "business_management");

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration SHORT_LIVED = Duration.ofHours(1);
    static final Duration LONG_LIVED = Duration.ofDays(60);
    static final int DEFAULT_LIMIT = 25;

    private record Code(String redirectUri, Set<String> scopes, Instant issuedAt, boolean used) {
    }

    private record UserToken(Set<String> scopes, Instant expiresAt, boolean longLived) {
    }

    private final ObjectMapper mapper;
    private final List<SandboxPage> pages;
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, UserToken> userTokens = new ConcurrentHashMap<>();

    SandboxLogin(ObjectMapper mapper, List<SandboxPage> pages) {
        this.mapper = mapper;
        this.pages = List.copyOf(pages);
    }

    /**
     * Answers a sign-in request, or empty when the path is not one of the sign-in paths.
     *
     * @param rest the path after the version segment
     */
    Optional<HttpResponse> handle(List<String> rest, HttpRequest request, Instant now) throws GraphFailure {
        if (rest.equals(List.of("dialog", "oauth"))) {
            return Optional.of(dialog(request, now));
        }
        if (rest.equals(List.of("oauth", "access_token"))) {
            return Optional.of(accessToken(request, now));
        }
        if (rest.equals(List.of("debug_token"))) {
            return Optional.of(debugToken(request, now));
        }
        if (rest.equals(List.of("me")) || rest.equals(List.of("me", "accounts"))) {
            UserToken user = userToken(SandboxAuthorization.bearerToken(request), now);
            if (user == null) {
                return Optional.empty(); // not a person's token: the Page endpoints answer
            }
            return Optional.of(rest.size() == 1 ? me(request) : accounts(request, user));
        }
        return Optional.empty();
    }

    // ---- the Login dialog ------------------------------------------------------------------------

    private HttpResponse dialog(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        if (!APP_ID.equals(q.get("client_id"))) {
            return ConsentPage.simple(400, "Invalid App ID",
                    "<p>The provided app ID does not look like a valid app ID.</p>");
        }
        String redirectUri = q.get("redirect_uri");
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.simple(400, "URL blocked",
                    "<p>This redirect failed because the redirect URI is missing or is not "
                    + "an absolute http(s) address.</p>");
        }
        if (q.containsKey("response_type") && !"code".equals(q.get("response_type"))) {
            return ConsentPage.simple(400, "Unsupported response_type",
                    "<p>The sandbox supports response_type=code only.</p>");
        }
        List<String> requested = ConsentPage.scopes(q.get("scope"));
        List<String> invalid = requested.stream().filter(s -> !KNOWN_SCOPES.contains(s)).toList();
        if (!invalid.isEmpty()) {
            return ConsentPage.simple(400, "Invalid Scopes",
                    "<p>Invalid Scopes: " + ConsentPage.escape(String.join(", ", invalid)) + "</p>");
        }
        String state = q.get("state");
        String approve = q.getOrDefault("approve", "");
        if (approve.equals("yes")) {
            Set<String> granted = new LinkedHashSet<>(requested);
            granted.add("public_profile");
            granted.removeAll(ConsentPage.scopes(q.get("decline")));
            String code = "sandbox-facebook-code-" + issued.incrementAndGet();
            codes.put(code, new Code(redirectUri, Set.copyOf(granted), now, false));
            return ConsentPage.redirect(redirectUri, "code", code, "state", state);
        }
        if (approve.equals("no")) {
            return ConsentPage.redirect(redirectUri, "error", "access_denied", "error_code", "200",
                    "error_description", "Permissions error", "error_reason", "user_denied", "state", state);
        }
        return ConsentPage.dialog(request, "Log in with Facebook", APP_NAME, "your Pages as " + PERSON_NAME, requested,
                "Pages it will be able to read: " + String.join(", ", pages.stream().map(SandboxPage::name).toList()),
                "Facebook sandbox");
    }

    // ---- tokens ----------------------------------------------------------------------------------

    private HttpResponse accessToken(HttpRequest request, Instant now) throws GraphFailure {
        Map<String, String> q = Urls.queryParams(request.uri());
        if (!APP_ID.equals(q.get("client_id"))) {
            throw GraphFailure.of(400, "Error validating application. Invalid application ID.", "OAuthException", 101, 0);
        }
        if (!APP_SECRET.equals(q.get("client_secret"))) {
            throw GraphFailure.of(400, "Error validating client secret.", "OAuthException", 1, 0);
        }
        if ("fb_exchange_token".equals(q.get("grant_type"))) {
            UserToken user = userToken(q.get("fb_exchange_token"), now);
            if (user == null) {
                throw GraphFailure.invalidToken();
            }
            return tokenAnswer(issueUserToken(user.scopes(), now, true), LONG_LIVED);
        }
        String code = q.get("code");
        if (code == null || code.isBlank()) {
            throw GraphFailure.invalidParameter("Missing authorization code");
        }
        Code issuedCode = codes.get(code);
        if (issuedCode == null) {
            throw GraphFailure.of(400, "Invalid verification code format.", "OAuthException", 100, 36006);
        }
        if (issuedCode.used()) {
            throw GraphFailure.of(400, "This authorization code has been used.", "OAuthException", 100, 36009);
        }
        if (now.isAfter(issuedCode.issuedAt().plus(CODE_LIFETIME))) {
            throw GraphFailure.of(400, "This authorization code has expired.", "OAuthException", 100, 36007);
        }
        if (!issuedCode.redirectUri().equals(q.get("redirect_uri"))) {
            throw GraphFailure.of(400, "Error validating verification code. Please make sure your redirect_uri is "
                    + "identical to the one you used in the OAuth dialog request", "OAuthException", 100, 36008);
        }
        // Single use: a second exchange of the same code is refused.
        if (!codes.replace(code, issuedCode, new Code(issuedCode.redirectUri(), issuedCode.scopes(),
                issuedCode.issuedAt(), true))) {
            throw GraphFailure.of(400, "This authorization code has been used.", "OAuthException", 100, 36009);
        }
        return tokenAnswer(issueUserToken(issuedCode.scopes(), now, false), SHORT_LIVED);
    }

    private String issueUserToken(Set<String> scopes, Instant now, boolean longLived) {
        String token = "sandbox-facebook-user-" + issued.incrementAndGet() + (longLived ? "-long" : "");
        userTokens.put(token, new UserToken(scopes, now.plus(longLived ? LONG_LIVED : SHORT_LIVED), longLived));
        return token;
    }

    private HttpResponse tokenAnswer(String token, Duration lifetime) {
        ObjectNode body = mapper.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", lifetime.toSeconds());
        return HttpResponse.json(200, body.toString());
    }

    /** The person's token, or null when the token is none of the person's; an expired one is 190/463. */
    private UserToken userToken(String token, Instant now) throws GraphFailure {
        if (token == null) {
            return null;
        }
        UserToken user = userTokens.get(token);
        if (user != null && now.isAfter(user.expiresAt())) {
            throw GraphFailure.of(400, "Error validating access token: Session has expired.", "OAuthException", 190,
                    463);
        }
        return user;
    }

    private HttpResponse debugToken(HttpRequest request, Instant now) throws GraphFailure {
        String appToken = SandboxAuthorization.bearerToken(request);
        if (!(APP_ID + "|" + APP_SECRET).equals(appToken)) {
            throw GraphFailure.of(400, "Invalid OAuth access token signature.", "OAuthException", 190, 0);
        }
        String input = Urls.queryParams(request.uri()).get("input_token");
        ObjectNode root = mapper.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("app_id", APP_ID);
        data.put("application", APP_NAME);
        UserToken user = input == null ? null : userTokens.get(input);
        Optional<SandboxPage> page = pages.stream().filter(p -> p.token().equals(input)).findFirst();
        if (user != null && !now.isAfter(user.expiresAt())) {
            data.put("type", "USER");
            data.put("expires_at", user.expiresAt().getEpochSecond());
            data.put("data_access_expires_at", now.plus(Duration.ofDays(90)).getEpochSecond());
            data.put("is_valid", true);
            ArrayNode scopes = data.putArray("scopes");
            user.scopes().stream().sorted().forEach(scopes::add);
            data.put("user_id", PERSON_ID);
        } else if (page.isPresent()) {
            data.put("type", "PAGE");
            data.put("expires_at", 0);
            data.put("is_valid", true);
            data.put("profile_id", page.get().id());
            ArrayNode scopes = data.putArray("scopes");
            List.of("pages_read_engagement", "pages_show_list", "public_profile", "read_insights").forEach(scopes::add);
            data.put("user_id", PERSON_ID);
        } else {
            data.put("is_valid", false);
            data.putArray("scopes");
            ObjectNode error = data.putObject("error");
            error.put("code", 190);
            error.put("message", "Invalid OAuth access token.");
        }
        return HttpResponse.json(200, root.toString());
    }

    // ---- the person and their Pages --------------------------------------------------------------

    private HttpResponse me(HttpRequest request) throws GraphFailure {
        ObjectNode node = mapper.createObjectNode();
        for (GraphFields.Field field : GraphFields.parse(Urls.queryParams(request.uri()).get("fields"),
                List.of("name", "id")).values()) {
            switch (field.name()) {
                case "id" -> node.put("id", PERSON_ID);
                case "name" -> node.put("name", PERSON_NAME);
                default -> throw GraphFailure.nonexistingField(field.name(), "User");
            }
        }
        return HttpResponse.json(200, node.toString());
    }

    private HttpResponse accounts(HttpRequest request, UserToken user) throws GraphFailure {
        Map<String, String> q = Urls.queryParams(request.uri());
        Map<String, GraphFields.Field> fields = GraphFields.parse(q.get("fields"),
                List.of("access_token", "category", "name", "id", "tasks"));
        int limit = DEFAULT_LIMIT;
        if (q.containsKey("limit")) {
            try {
                limit = Math.min(FacebookSandbox.MAX_LIMIT, Integer.parseInt(q.get("limit")));
            } catch (NumberFormatException e) {
                throw GraphFailure.invalidParameter("Param limit must be a number");
            }
            if (limit < 1) {
                throw GraphFailure.invalidParameter("Param limit must be a positive number");
            }
        }
        int start = q.containsKey("after") ? decodeCursor(q.get("after")) : 0;
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
            ObjectNode paging = root.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", encodeCursor(start));
            cursors.put("after", encodeCursor(start + slice.size()));
            if (start + slice.size() < visible.size()) {
                Map<String, String> next = new LinkedHashMap<>(q);
                next.remove("access_token");
                next.put("limit", Integer.toString(limit));
                next.put("after", encodeCursor(start + slice.size()));
                URI uri = request.uri();
                paging.put("next", Urls.build(uri.getScheme() + "://" + uri.getRawAuthority(), uri.getRawPath(), next)
                        .toString());
            }
        }
        return HttpResponse.json(200, root.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String encodeCursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("page:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) throws GraphFailure {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("page:")) {
                throw new IllegalArgumentException(raw);
            }
            return Math.max(0, Integer.parseInt(raw.substring(5)));
        } catch (IllegalArgumentException e) {
            throw GraphFailure.invalidParameter("The after cursor is not valid");
        }
    }
}
