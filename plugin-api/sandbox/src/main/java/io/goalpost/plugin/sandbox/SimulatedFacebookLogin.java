package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Facebook Login as the sandboxes of networks that sign in with it (Facebook Pages, and Instagram's
 * "Instagram API with Facebook Login") simulate it for their one person: the Login dialog, the code and
 * {@code fb_exchange_token} exchanges, the person's user tokens, {@code /debug_token} and the listing of
 * {@code /me/accounts}. Which Pages the person manages, and any Page field beyond the common ones, is
 * each sandbox's own.
 *
 * <p>Deterministic: codes and user tokens are numbered in the order they are issued. Codes are single
 * use and live {@link #CODE_LIFETIME}; short-lived user tokens {@link #SHORT_LIVED}, long-lived ones
 * {@link #LONG_LIVED}. A refused request is a {@link Refused} with Graph's error fields, which each
 * sandbox answers in its own Graph error envelope.
 */
public final class SimulatedFacebookLogin<P extends SimulatedFacebookLogin.ManagedPage> {

    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    public static final Duration SHORT_LIVED = Duration.ofHours(1);
    public static final Duration LONG_LIVED = Duration.ofDays(60);

    /**
     * One sandbox's Facebook Login.
     *
     * @param appId the demo app's id
     * @param appSecret its secret
     * @param appName its name in the dialog and {@code /debug_token}
     * @param personId the person's user id
     * @param personName the person's name
     * @param knownScopes the permissions the dialog knows; any other is "Invalid Scopes"
     * @param tokenPrefix before the numbers of codes and user tokens ({@code sandbox-facebook-})
     * @param sandboxName the sandbox's name in the dialog's footnote
     */
    public record Settings(String appId, String appSecret, String appName, String personId, String personName,
            Set<String> knownScopes, String tokenPrefix, String sandboxName) {
        public Settings {
            Objects.requireNonNull(appId, "appId is null");
            Objects.requireNonNull(appSecret, "appSecret is null");
            Objects.requireNonNull(appName, "appName is null");
            Objects.requireNonNull(personId, "personId is null");
            Objects.requireNonNull(personName, "personName is null");
            knownScopes = Set.copyOf(knownScopes);
            Objects.requireNonNull(tokenPrefix, "tokenPrefix is null");
            Objects.requireNonNull(sandboxName, "sandboxName is null");
        }

        /**
         * The demo's settings: its one person, "Alex Sandbox", who manages the demo Pages in every Meta
         * sandbox, signing in to the demo app.
         */
        public static Settings demo(String appId, String appSecret, Set<String> knownScopes, String tokenPrefix,
                String sandboxName) {
            return new Settings(appId, appSecret, DEMO_APP_NAME, DEMO_PERSON_ID, DEMO_PERSON_NAME, knownScopes,
                    tokenPrefix, sandboxName);
        }
    }

    /** The demo app's name on the dialog. */
    public static final String DEMO_APP_NAME = "Goalpost (sandbox app)";
    /** The demo person's Facebook user id and name. */
    public static final String DEMO_PERSON_ID = "100000000000042";
    public static final String DEMO_PERSON_NAME = "Alex Sandbox";

    /** A request Facebook refuses, with Graph's error fields. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String type;
        private final int code;
        private final int subcode;

        Refused(int status, String message, String type, int code, int subcode) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.code = code;
            this.subcode = subcode;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }

        public int code() {
            return code;
        }

        public int subcode() {
            return subcode;
        }
    }

    /** A person's user token: what it was granted and when it lapses. */
    public record UserToken(Set<String> scopes, Instant expiresAt, boolean longLived) {
        public UserToken {
            scopes = Set.copyOf(scopes);
        }
    }

    private record Code(String redirectUri, Set<String> scopes, Instant issuedAt, boolean used) {
    }

    private final Settings settings;
    private final List<P> pages;
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, UserToken> userTokens = new ConcurrentHashMap<>();

    /**
     * @param pages the Pages the person manages: named in the dialog, listed by {@code /me/accounts}, and
     *     the Pages whose tokens {@code /debug_token} describes
     */
    public SimulatedFacebookLogin(Settings settings, List<P> pages) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.pages = List.copyOf(pages);
    }

    /**
     * How a sandbox answers {@code /me/accounts} once the person's user token is checked: it parses the
     * fields as its other endpoints do, lists the Pages with {@link #accounts} and writes the JSON.
     *
     * @param <E> the sandbox's own Graph error
     */
    public interface Person<E extends Exception> {
        HttpResponse accounts(HttpRequest request, UserToken user) throws E;
    }

    /** A Facebook Page the person manages, as {@code /me/accounts} lists it. */
    public interface ManagedPage {
        String id();

        String name();

        String category();

        /** The Page's token, which the sandbox's Page endpoints accept. */
        String token();
    }

    /**
     * A field of a Page that a sandbox answers beyond {@link #ACCOUNT_FIELDS} and {@code tasks}.
     *
     * @param <E> the sandbox's own Graph error
     */
    public interface PageField<P, E extends Exception> {
        /**
         * The field's value (a string or nested map for the sandbox's JSON writer), or null to leave it out.
         *
         * @param nested the field's nested field list ({@code ""} when none)
         * @throws E Graph's "nonexisting field" error for a field a Page does not have
         */
        Object value(P page, String field, String nested) throws E;
    }

    /** The fields {@code /me/accounts} gives each Page when the request asks for none, in Graph's order. */
    public static final List<String> ACCOUNT_FIELDS = List.of("access_token", "category", "name", "id", "tasks");
    /** {@code /me/accounts}' page size without a {@code limit}, and the largest it gives. */
    public static final int ACCOUNTS_DEFAULT_LIMIT = 25;
    public static final int ACCOUNTS_MAX_LIMIT = 100;
    /** What the person may do on each of their Pages: everything, as the Page's admin. */
    private static final List<String> ADMIN_TASKS = List.of("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT",
            "MANAGE");

    /**
     * {@code /me/accounts}: one page of the Pages the person manages, each with the fields asked for, paged
     * by {@code limit} and {@code after} as Graph pages it; none without {@code pages_show_list}, as on
     * Facebook. Nested maps ({@code data}, then {@code paging} when the page has Pages) for the sandbox's
     * JSON writer.
     *
     * @param fields the requested fields, each with its nested field list, in request order (the sandbox
     *     parses them as its other endpoints do, with {@link #ACCOUNT_FIELDS} when none are asked for)
     * @param invalidParameter makes the sandbox's invalid-parameter error from its message (without the
     *     {@code (#100)} prefix)
     * @param otherField answers the fields beyond {@code id}, {@code name}, {@code category},
     *     {@code access_token} and {@code tasks}
     */
    public <E extends Exception> Map<String, Object> accounts(HttpRequest request, UserToken user,
            Map<String, String> fields, Function<String, E> invalidParameter, PageField<P, E> otherField) throws E {
        Map<String, String> q = Urls.queryParams(request.uri());
        int limit = GraphLists.limit(q, ACCOUNTS_DEFAULT_LIMIT, ACCOUNTS_MAX_LIMIT, invalidParameter);
        int start = q.containsKey("after") ? GraphLists.indexOf(q.get("after"), invalidParameter) : 0;
        List<P> visible = user.scopes().contains("pages_show_list") ? pages : List.of();
        List<P> slice = visible.subList(Math.min(start, visible.size()), Math.min(visible.size(), start + limit));
        List<Map<String, Object>> data = new ArrayList<>();
        for (P page : slice) {
            Map<String, Object> node = new LinkedHashMap<>();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                Object value = switch (field.getKey()) {
                    case "id" -> page.id();
                    case "name" -> page.name();
                    case "category" -> page.category();
                    case "access_token" -> page.token();
                    case "tasks" -> ADMIN_TASKS;
                    default -> otherField.value(page, field.getKey(), field.getValue());
                };
                if (value != null) {
                    node.put(field.getKey(), value);
                }
            }
            data.add(node);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        if (!slice.isEmpty()) {
            root.put("paging", GraphLists.indexPaging(request.uri(), q, start, slice.size(), visible.size(), limit));
        }
        return root;
    }

    /**
     * Answers a Facebook Login request, or empty when the path is not one of its paths (or {@code /me}
     * with a token that is not the person's: a Page token, which the sandbox's Page endpoints answer).
     *
     * @param rest the path after the version segment
     * @param pageScopes the permissions a Page token carries
     * @param refused makes the sandbox's Graph error of a request Facebook refuses, which the sandbox answers
     *     in its own Graph error envelope
     */
    public <E extends Exception> Optional<HttpResponse> handle(List<String> rest, HttpRequest request, Instant now,
            List<String> pageScopes, Person<E> person, Function<Refused, E> refused) throws E {
        try {
            return answer(rest, request, now, pageScopes, person);
        } catch (Refused r) {
            throw refused.apply(r);
        }
    }

    private <E extends Exception> Optional<HttpResponse> answer(List<String> rest, HttpRequest request, Instant now,
            List<String> pageScopes, Person<E> person) throws E {
        if (rest.equals(List.of("dialog", "oauth"))) {
            return Optional.of(dialog(request, now));
        }
        if (rest.equals(List.of("oauth", "access_token"))) {
            return Optional.of(accessToken(request, now));
        }
        if (rest.equals(List.of("debug_token"))) {
            return Optional.of(debugToken(request, now, pageScopes));
        }
        if (rest.equals(List.of("me")) || rest.equals(List.of("me", "accounts"))) {
            Optional<UserToken> user = userToken(SandboxAuthorization.bearerToken(request), now);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(rest.size() == 1 ? me(request) : person.accounts(request, user.get()));
        }
        return Optional.empty();
    }

    /**
     * {@code /me}: the person's {@code id} and {@code name}, the fields asked for (both when none are).
     *
     * @throws Refused for any other field, as Graph refuses a field a User does not have
     */
    public HttpResponse me(HttpRequest request) {
        String asked = Urls.queryParams(request.uri()).get("fields");
        Set<String> fields = new LinkedHashSet<>();
        for (String field : (asked == null || asked.isBlank() ? "name,id" : asked).split(",")) {
            if (!field.isBlank()) {
                fields.add(field.trim());
            }
        }
        List<String> members = new ArrayList<>();
        for (String field : fields) {
            switch (field) {
                case "id" -> members.add("\"id\":" + json(settings.personId()));
                case "name" -> members.add("\"name\":" + json(settings.personName()));
                default -> throw new Refused(400, "(#100) Tried accessing nonexisting field (" + field
                        + ") on node type (User)", "OAuthException", 100, 0);
            }
        }
        return HttpResponse.json(200, "{" + String.join(",", members) + "}");
    }

    /** {@code /dialog/oauth}: the dialog, or the redirect back after approving or denying. */
    public HttpResponse dialog(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        if (!settings.appId().equals(q.get("client_id"))) {
            return ConsentPage.simple(400, "Invalid App ID", "<p>The provided app ID does not look like a valid app ID.</p>");
        }
        String redirectUri = q.get("redirect_uri");
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.simple(400, "URL blocked", "<p>This redirect failed because the redirect URI is missing or is"
                    + " not an absolute http(s) address.</p>");
        }
        if (q.containsKey("response_type") && !"code".equals(q.get("response_type"))) {
            return ConsentPage.simple(400, "Unsupported response_type", "<p>The sandbox supports response_type=code only.</p>");
        }
        List<String> requested = ConsentPage.scopes(q.get("scope"));
        List<String> invalid = requested.stream().filter(s -> !settings.knownScopes().contains(s)).toList();
        if (!invalid.isEmpty()) {
            return ConsentPage.simple(400, "Invalid Scopes", "<p>Invalid Scopes: " + ConsentPage.escape(String.join(", ",
                    invalid)) + "</p>");
        }
        String state = q.get("state");
        String approve = q.getOrDefault("approve", "");
        if (approve.equals("yes")) {
            Set<String> granted = new LinkedHashSet<>(requested);
            granted.add("public_profile");
            granted.removeAll(ConsentPage.scopes(q.get("decline")));
            String code = settings.tokenPrefix() + "code-" + issued.incrementAndGet();
            codes.put(code, new Code(redirectUri, Set.copyOf(granted), now, false));
            return ConsentPage.redirect(redirectUri, "code", code, "state", state);
        }
        if (approve.equals("no")) {
            return ConsentPage.redirect(redirectUri, "error", "access_denied", "error_code", "200",
                    "error_description", "Permissions error", "error_reason", "user_denied", "state", state);
        }
        return ConsentPage.dialog(request, "Log in with Facebook", settings.appName(), "your Pages as "
                + settings.personName(), requested, "Pages it will be able to read: " + String.join(", ", pages.stream().map(ManagedPage::name).toList()),
                settings.sandboxName());
    }

    /** {@code /oauth/access_token}: a code, or a short-lived token ({@code fb_exchange_token}), for a user token. */
    public HttpResponse accessToken(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        if (!settings.appId().equals(q.get("client_id"))) {
            throw new Refused(400, "Error validating application. Invalid application ID.", "OAuthException", 101, 0);
        }
        if (!settings.appSecret().equals(q.get("client_secret"))) {
            throw new Refused(400, "Error validating client secret.", "OAuthException", 1, 0);
        }
        if ("fb_exchange_token".equals(q.get("grant_type"))) {
            UserToken user = userToken(q.get("fb_exchange_token"), now).orElseThrow(() -> new Refused(400,
                    "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 0));
            return tokenAnswer(issueUserToken(user.scopes(), now, true), LONG_LIVED);
        }
        String code = q.get("code");
        if (code == null || code.isBlank()) {
            throw new Refused(400, "(#100) Missing authorization code", "OAuthException", 100, 0);
        }
        Code issuedCode = codes.get(code);
        if (issuedCode == null) {
            throw new Refused(400, "Invalid verification code format.", "OAuthException", 100, 36006);
        }
        if (issuedCode.used()) {
            throw new Refused(400, "This authorization code has been used.", "OAuthException", 100, 36009);
        }
        if (now.isAfter(issuedCode.issuedAt().plus(CODE_LIFETIME))) {
            throw new Refused(400, "This authorization code has expired.", "OAuthException", 100, 36007);
        }
        if (!issuedCode.redirectUri().equals(q.get("redirect_uri"))) {
            throw new Refused(400, "Error validating verification code. Please make sure your redirect_uri is "
                    + "identical to the one you used in the OAuth dialog request", "OAuthException", 100, 36008);
        }
        // Single use: a second exchange of the same code is refused.
        if (!codes.replace(code, issuedCode, new Code(issuedCode.redirectUri(), issuedCode.scopes(), issuedCode.issuedAt(),
                true))) {
            throw new Refused(400, "This authorization code has been used.", "OAuthException", 100, 36009);
        }
        return tokenAnswer(issueUserToken(issuedCode.scopes(), now, false), SHORT_LIVED);
    }

    /** The person's token, or empty when the token is none of the person's; an expired one is refused (190/463). */
    public Optional<UserToken> userToken(String token, Instant now) {
        UserToken user = token == null ? null : userTokens.get(token);
        if (user != null && now.isAfter(user.expiresAt())) {
            throw new Refused(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
        }
        return Optional.ofNullable(user);
    }

    /**
     * {@code /debug_token} with the app token ({@code app id|app secret}): what a user or Page token is.
     *
     * @param pageScopes the permissions a Page token carries
     */
    public HttpResponse debugToken(HttpRequest request, Instant now, List<String> pageScopes) {
        if (!(settings.appId() + "|" + settings.appSecret()).equals(SandboxAuthorization.bearerToken(request))) {
            throw new Refused(400, "Invalid OAuth access token signature.", "OAuthException", 190, 0);
        }
        String input = Urls.queryParams(request.uri()).get("input_token");
        UserToken user = input == null ? null : userTokens.get(input);
        Optional<String> page = pages.stream().filter(p -> p.token().equals(input)).map(ManagedPage::id).findFirst();
        StringBuilder data = new StringBuilder("{\"app_id\":").append(json(settings.appId())).append(",\"application\":")
                .append(json(settings.appName()));
        if (user != null && !now.isAfter(user.expiresAt())) {
            data.append(",\"type\":\"USER\",\"expires_at\":").append(user.expiresAt().getEpochSecond())
                    .append(",\"data_access_expires_at\":").append(now.plus(Duration.ofDays(90)).getEpochSecond())
                    .append(",\"is_valid\":true,\"scopes\":").append(jsonList(user.scopes().stream().sorted().toList()))
                    .append(",\"user_id\":").append(json(settings.personId()));
        } else if (page.isPresent()) {
            data.append(",\"type\":\"PAGE\",\"expires_at\":0,\"is_valid\":true,\"profile_id\":").append(json(page.get()))
                    .append(",\"scopes\":").append(jsonList(pageScopes)).append(",\"user_id\":").append(json(settings.personId()));
        } else {
            data.append(",\"is_valid\":false,\"scopes\":[],\"error\":{\"code\":190,\"message\":\"Invalid OAuth access token.\"}");
        }
        return HttpResponse.json(200, "{\"data\":" + data + "}}");
    }

    private String issueUserToken(Set<String> scopes, Instant now, boolean longLived) {
        String token = settings.tokenPrefix() + "user-" + issued.incrementAndGet() + (longLived ? "-long" : "");
        userTokens.put(token, new UserToken(scopes, now.plus(longLived ? LONG_LIVED : SHORT_LIVED), longLived));
        return token;
    }

    private static HttpResponse tokenAnswer(String token, Duration lifetime) {
        return HttpResponse.json(200, "{\"access_token\":" + json(token) + ",\"token_type\":\"bearer\",\"expires_in\":"
                + lifetime.toSeconds() + "}");
    }

    private static String jsonList(List<String> values) {
        return "[" + String.join(",", values.stream().map(SimulatedFacebookLogin::json).toList()) + "]";
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static String json(String value) {
        return JsonStrings.quote(value);
    }
}
