package io.goalpost.plugins.x.sandbox;

import io.goalpost.plugin.sandbox.ConsentPage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.DemoSandbox;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.Extension;

/**
 * A simulation of the X API v2 endpoints the adapter uses, in X's wire format, over two demo
 * accounts ({@code @acmecoffee}, {@code @acmeoutdoor}) with deterministic synthetic data.
 *
 * <p>Served: {@code GET /2/users/me}, {@code GET /2/users/:id}, {@code GET /2/users/:id/tweets},
 * {@code POST /2/oauth2/token} (the code exchange with its PKCE check, and refresh with rotation) and
 * x.com's consent page {@code GET /i/oauth2/authorize} ({@link SandboxSignIn}). Enforced like X: bearer tokens (401
 * problem), per-user 15-minute rate limits with {@code x-rate-limit-*} headers on every answer (429
 * problem), known query parameters and field names, {@code max_results} 5 to 100, time filters,
 * pagination tokens (400 invalid-request), non-public and organic metrics only for the owner's posts
 * under 30 days old (partial {@code errors[]} inside the 200 otherwise), and the timeline's 3,200
 * most recent posts. The follower count is a snapshot of the simulated clock's day: like X, the
 * sandbox has no follower history.
 */
@Extension
public final class XSandbox extends DemoSandbox<SandboxAccount> {

    static final int TIMELINE_CAP = 3_200;
    static final Duration NON_PUBLIC_MAX_AGE = Duration.ofDays(30);
    private static final Instant MIN_TIME = Instant.parse("2010-11-06T00:00:00Z");
    private static final String PROBLEMS = "https://api.x.com/2/problems/";
    private static final DateTimeFormatter X_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Set<String> USER_FIELDS = Set.of("affiliation", "connection_status", "created_at",
            "description", "entities", "id", "location", "most_recent_tweet_id", "name", "pinned_tweet_id",
            "profile_banner_url", "profile_image_url", "protected", "public_metrics", "receives_your_dm",
            "subscription_type", "url", "username", "verified", "verified_type", "withheld");
    private static final Set<String> TWEET_FIELDS = Set.of("article", "attachments", "author_id", "card_uri",
            "community_id", "context_annotations", "conversation_id", "created_at", "display_text_range",
            "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang",
            "media_metadata", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive",
            "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source", "text",
            "withheld");
    private static final Set<String> MEDIA_FIELDS = Set.of("alt_text", "duration_ms", "height", "media_key",
            "non_public_metrics", "organic_metrics", "preview_image_url", "promoted_metrics", "public_metrics",
            "type", "url", "variants", "width");
    private static final Set<String> TIMELINE_EXPANSIONS = Set.of("article.cover_media", "article.media_entities",
            "attachments.media_keys", "attachments.media_source_tweet", "attachments.poll_ids", "author_id",
            "edit_history_tweet_ids", "entities.mentions.username", "geo.place_id", "in_reply_to_user_id",
            "entities.note.mentions.username", "referenced_tweets.id", "referenced_tweets.id.attachments.media_keys",
            "referenced_tweets.id.author_id");
    private static final Set<String> USER_EXPANSIONS = Set.of("affiliation.user_id", "most_recent_tweet_id",
            "pinned_tweet_id");
    private static final Set<String> USER_PARAMS = Set.of("user.fields", "expansions", "tweet.fields");
    private static final Set<String> TIMELINE_PARAMS = Set.of("max_results", "pagination_token", "since_id",
            "until_id", "start_time", "end_time", "exclude", "expansions", "tweet.fields", "media.fields",
            "user.fields", "place.fields", "poll.fields");

    /** The endpoints served, with X's per-user limit per 15-minute window. */
    private enum Endpoint {
        ME("/2/users/me", 75),
        USER("/2/users/:id", 900),
        TIMELINE("/2/users/:id/tweets", 900),
        // Not in X's published table; the sandbox gives the token endpoint a per-app budget.
        TOKEN("/2/oauth2/token", 300),
        UNKNOWN("unknown", 300);

        final String template;
        final int limit;

        Endpoint(String template, int limit) {
            this.template = template;
            this.limit = limit;
        }
    }

    private record Route(Endpoint endpoint, String userId) {
    }

    /** A 400 in X's invalid-request shape. */
    private static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String parameter;
        final String value;

        InvalidRequest(String parameter, String value, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
            this.value = value;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<SandboxAccount> accounts = SandboxAccount.DEMO;
    private final SandboxTokens tokens = new SandboxTokens(accounts);
    private final RateLimitWindows windows = new RateLimitWindows();
    private final SandboxSignIn signIn = new SandboxSignIn(accounts);

    /** The demo app is a confidential client whose sign-in the consent page and token endpoint accept. */
    public XSandbox() {
        // The X plugin's network id (no compile dependency on it: a separate zip).
        super("x", SandboxTokens.CLIENT_ID, SandboxTokens.CLIENT_SECRET, SandboxAccount.DEMO);
    }

    @Override
    protected DemoAccount demoAccount(SandboxAccount a, String base) {
        return new DemoAccount("@" + a.handle(), Map.of("access_token", SandboxTokens.initialAccessToken(a),
                "refresh_token", SandboxTokens.initialRefreshToken(a), "client_id", SandboxTokens.CLIENT_ID,
                "user_id", a.userId(), "api_base_url", base + "/2"));
    }

    @Override
    public HttpResponse handle(HttpRequest request, Clock clock) {
        Instant now = clock.instant();
        String path = request.uri().getPath();
        if (path != null && (path.equals(SandboxSignIn.AUTHORIZE_PATH) || path.equals(SandboxSignIn.AUTHORIZE_PATH + "/"))) {
            // x.com's consent page: HTML for a browser, not an API call (no rate-limit headers).
            return "GET".equals(request.method()) ? signIn.authorize(request, now)
                    : ConsentPage.error(405, "X", "The consent page only answers GET.");
        }
        Route route = route(request);
        if (route.endpoint() == Endpoint.UNKNOWN) {
            return respond(404, problem("Not Found Error", "Sorry, that page does not exist.", "about:blank", 404),
                    windows.count("app", route.endpoint().template, route.endpoint().limit, now));
        }
        if (route.endpoint() == Endpoint.TOKEN) {
            return token(request, now);
        }
        String auth = request.header("Authorization");
        String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        Optional<SandboxAccount> caller = tokens.authenticate(bearer, now);
        if (caller.isEmpty()) {
            return respond(401, problem("Unauthorized", "Unauthorized", "about:blank", 401),
                    windows.count("app", route.endpoint().template, route.endpoint().limit, now));
        }
        RateLimitWindows.Usage usage = windows.count(caller.get().handle(), route.endpoint().template,
                route.endpoint().limit, now);
        if (usage.exceeded()) {
            return respond(429, problem("Too Many Requests", "Too Many Requests", "about:blank", 429), usage);
        }
        Map<String, String> query = Urls.queryParams(request.uri());
        try {
            switch (route.endpoint()) {
                case ME:
                    return respond(200, userLookup(caller.get(), query, now), usage);
                case USER:
                    return respond(200, userById(route.userId(), query, now), usage);
                case TIMELINE:
                    return respond(200, timeline(caller.get(), route.userId(), query, now), usage);
                default:
                    throw new IllegalStateException("unrouted endpoint " + route.endpoint());
            }
        } catch (InvalidRequest e) {
            ObjectNode body = mapper.createObjectNode();
            ObjectNode error = body.putArray("errors").addObject();
            error.putObject("parameters").putArray(e.parameter).add(e.value);
            error.put("message", e.getMessage());
            body.put("title", "Invalid Request");
            body.put("detail", "One or more parameters to your request was invalid.");
            body.put("type", PROBLEMS + "invalid-request");
            return respond(400, body, usage);
        }
    }

    // ---- routing ------------------------------------------------------------------------------

    private static Route route(HttpRequest request) {
        String path = request.uri().getPath();
        String[] seg = path == null ? new String[0] : Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        boolean get = "GET".equals(request.method());
        if (seg.length == 3 && seg[0].equals("2") && seg[1].equals("oauth2") && seg[2].equals("token")
                && "POST".equals(request.method())) {
            return new Route(Endpoint.TOKEN, null);
        }
        if (get && seg.length == 3 && seg[0].equals("2") && seg[1].equals("users")) {
            return seg[2].equals("me") ? new Route(Endpoint.ME, null) : new Route(Endpoint.USER, seg[2]);
        }
        if (get && seg.length == 4 && seg[0].equals("2") && seg[1].equals("users") && seg[3].equals("tweets")) {
            return new Route(Endpoint.TIMELINE, seg[2]);
        }
        return new Route(Endpoint.UNKNOWN, null);
    }

    // ---- users --------------------------------------------------------------------------------

    private ObjectNode userLookup(SandboxAccount account, Map<String, String> query, Instant now) {
        checkParams(query, USER_PARAMS);
        Set<String> fields = listParam(query, "user.fields", USER_FIELDS);
        listParam(query, "expansions", USER_EXPANSIONS);
        listParam(query, "tweet.fields", TWEET_FIELDS);
        ObjectNode body = mapper.createObjectNode();
        body.set("data", user(account, fields, now));
        return body;
    }

    private ObjectNode userById(String id, Map<String, String> query, Instant now) {
        requireId(id);
        Optional<SandboxAccount> account = accounts.stream().filter(a -> a.userId().equals(id)).findFirst();
        if (account.isPresent()) {
            return userLookup(account.get(), query, now);
        }
        checkParams(query, USER_PARAMS);
        return notFound("user", id, "Could not find user with id: [" + id + "].");
    }

    private ObjectNode user(SandboxAccount a, Set<String> fields, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ObjectNode u = mapper.createObjectNode();
        u.put("id", a.userId());
        u.put("name", a.name());
        u.put("username", a.handle());
        if (fields.contains("created_at")) {
            u.put("created_at", X_TIME.format(a.createdOn().atTime(10, 0).toInstant(ZoneOffset.UTC)));
        }
        if (fields.contains("description")) {
            u.put("description", a.description());
        }
        if (fields.contains("protected")) {
            u.put("protected", false);
        }
        if (fields.contains("verified")) {
            u.put("verified", false);
        }
        if (fields.contains("public_metrics")) {
            ObjectNode pm = u.putObject("public_metrics");
            pm.put("followers_count", SyntheticX.followers(a, today));
            pm.put("following_count", SyntheticX.following(a, today));
            pm.put("tweet_count", SyntheticX.tweetCount(a, today));
            pm.put("listed_count", SyntheticX.listed(a, today));
            pm.put("like_count", SyntheticX.likeCount(a, today));
            pm.put("media_count", SyntheticX.mediaCount(a, today));
        }
        return u;
    }

    // ---- timeline -----------------------------------------------------------------------------

    private ObjectNode timeline(SandboxAccount caller, String id, Map<String, String> query, Instant now) {
        requireId(id);
        checkParams(query, TIMELINE_PARAMS);
        Set<String> tweetFields = listParam(query, "tweet.fields", TWEET_FIELDS);
        Set<String> mediaFields = listParam(query, "media.fields", MEDIA_FIELDS);
        Set<String> expansions = listParam(query, "expansions", TIMELINE_EXPANSIONS);
        listParam(query, "exclude", Set.of("retweets", "replies"));
        int maxResults = maxResults(query.get("max_results"));
        Instant start = time(query, "start_time");
        Instant end = time(query, "end_time");
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRequest("start_time", query.get("start_time"), "The `start_time` query parameter value ["
                    + query.get("start_time") + "] must be before the `end_time` query parameter value ["
                    + query.get("end_time") + "]");
        }
        long untilId = paginationToken(query.get("pagination_token"));
        Optional<SandboxAccount> owner = accounts.stream().filter(a -> a.userId().equals(id)).findFirst();
        if (owner.isEmpty()) {
            return notFound("user", id, "Could not find user with id: [" + id + "].");
        }
        SandboxAccount account = owner.get();

        Instant lower = max(start == null ? MIN_TIME : start, oldestServed(account, now));
        Instant upper = end == null || end.isAfter(now) ? now.plusMillis(1) : end; // exclusive
        List<SyntheticX.Post> page = newestFirst(account, lower, upper, untilId, maxResults + 1);
        boolean more = page.size() > maxResults;
        if (more) {
            page = page.subList(0, maxResults);
        }

        boolean isOwner = account.handle().equals(caller.handle());
        boolean withMedia = expansions.contains("attachments.media_keys");
        ObjectNode body = mapper.createObjectNode();
        ArrayNode data = mapper.createArrayNode();
        ArrayNode media = mapper.createArrayNode();
        ArrayNode errors = mapper.createArrayNode();
        for (SyntheticX.Post p : page) {
            SyntheticX.Metrics m = SyntheticX.metrics(account, p, now);
            data.add(tweet(account, p, m, tweetFields, withMedia));
            boolean recent = Duration.between(p.createdAt(), now).compareTo(NON_PUBLIC_MAX_AGE) < 0;
            for (String privateField : List.of("non_public_metrics", "organic_metrics")) {
                if (!tweetFields.contains(privateField)) {
                    continue;
                }
                ObjectNode tweet = (ObjectNode) data.get(data.size() - 1);
                if (isOwner && recent) {
                    tweet.set(privateField, privateMetrics(privateField, p, m));
                } else {
                    errors.add(fieldError(p.idText(), privateField));
                }
            }
            if (withMedia && p.media() != SyntheticX.MediaKind.NONE) {
                ObjectNode item = media.addObject();
                item.put("media_key", mediaKey(p));
                item.put("type", p.media() == SyntheticX.MediaKind.VIDEO ? "video" : "photo");
                if (p.media() == SyntheticX.MediaKind.VIDEO && mediaFields.contains("public_metrics")) {
                    item.putObject("public_metrics").put("view_count", m.videoViews());
                }
            }
        }
        if (!data.isEmpty()) {
            body.set("data", data);
        }
        if (!media.isEmpty()) {
            body.putObject("includes").set("media", media);
        }
        if (!errors.isEmpty()) {
            body.set("errors", errors);
        }
        ObjectNode meta = body.putObject("meta");
        meta.put("result_count", page.size());
        if (!page.isEmpty()) {
            meta.put("newest_id", page.get(0).idText());
            meta.put("oldest_id", page.get(page.size() - 1).idText());
            if (more) {
                meta.put("next_token", "sbx" + Long.toString(page.get(page.size() - 1).id(), 36));
            }
        }
        return body;
    }

    private ObjectNode tweet(SandboxAccount a, SyntheticX.Post p, SyntheticX.Metrics m, Set<String> fields,
            boolean withMedia) {
        ObjectNode t = mapper.createObjectNode();
        t.put("id", p.idText());
        t.put("text", p.text());
        t.putArray("edit_history_tweet_ids").add(p.idText());
        if (fields.contains("created_at")) {
            t.put("created_at", X_TIME.format(p.createdAt()));
        }
        if (fields.contains("author_id")) {
            t.put("author_id", a.userId());
        }
        if (fields.contains("conversation_id")) {
            t.put("conversation_id", p.idText());
        }
        if (fields.contains("lang")) {
            t.put("lang", "en");
        }
        if (fields.contains("possibly_sensitive")) {
            t.put("possibly_sensitive", false);
        }
        if (fields.contains("reply_settings")) {
            t.put("reply_settings", "everyone");
        }
        if ((fields.contains("attachments") || withMedia) && p.media() != SyntheticX.MediaKind.NONE) {
            t.putObject("attachments").putArray("media_keys").add(mediaKey(p));
        }
        if (fields.contains("public_metrics")) {
            ObjectNode pm = t.putObject("public_metrics");
            pm.put("retweet_count", m.retweets());
            pm.put("reply_count", m.replies());
            pm.put("like_count", m.likes());
            pm.put("quote_count", m.quotes());
            pm.put("bookmark_count", m.bookmarks());
            pm.put("impression_count", m.impressions());
        }
        return t;
    }

    /** Non-public and organic metrics; {@code url_link_clicks} only for posts that carry a link. */
    private ObjectNode privateMetrics(String field, SyntheticX.Post p, SyntheticX.Metrics m) {
        ObjectNode n = mapper.createObjectNode();
        n.put("impression_count", m.impressions());
        if (field.equals("organic_metrics")) {
            n.put("like_count", m.likes());
            n.put("reply_count", m.replies());
            n.put("retweet_count", m.retweets());
        }
        if (p.hasLink()) {
            n.put("url_link_clicks", m.urlLinkClicks());
        }
        n.put("user_profile_clicks", m.userProfileClicks());
        return n;
    }

    private ObjectNode fieldError(String id, String field) {
        ObjectNode e = mapper.createObjectNode();
        e.put("value", id);
        e.put("detail", "Sorry, you are not authorized to access '" + field + "' on the Tweet with ids: [" + id + "].");
        e.put("title", "Field Authorization Error");
        e.put("resource_type", "tweet");
        e.put("field", field);
        e.put("parameter", "tweet.fields");
        e.put("resource_id", id);
        e.put("type", PROBLEMS + "not-authorized-for-field");
        return e;
    }

    private static String mediaKey(SyntheticX.Post p) {
        return (p.media() == SyntheticX.MediaKind.VIDEO ? "7_" : "3_") + p.idText();
    }

    /**
     * Posts created in {@code [lower, upper)} with an id below {@code untilId}, newest first, at most
     * {@code limit}.
     */
    private static List<SyntheticX.Post> newestFirst(SandboxAccount a, Instant lower, Instant upper, long untilId,
            int limit) {
        List<SyntheticX.Post> out = new ArrayList<>();
        LocalDate first = max(LocalDate.ofInstant(lower, ZoneOffset.UTC), a.createdOn());
        Map<LocalDate, List<SyntheticX.Post>> weeks = new HashMap<>();
        for (LocalDate day = LocalDate.ofInstant(upper, ZoneOffset.UTC); !day.isBefore(first) && out.size() < limit;
                day = day.minusDays(1)) {
            LocalDate d = day;
            List<SyntheticX.Post> week = weeks.computeIfAbsent(d.with(java.time.DayOfWeek.MONDAY),
                    k -> SyntheticX.postsOfWeek(a, k));
            for (int i = week.size() - 1; i >= 0 && out.size() < limit; i--) {
                SyntheticX.Post p = week.get(i);
                if (!p.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().equals(d)) {
                    continue;
                }
                if (!p.createdAt().isBefore(lower) && p.createdAt().isBefore(upper) && p.id() < untilId) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** The creation time of the oldest post the timeline still serves (its 3,200 most recent). */
    private static Instant oldestServed(SandboxAccount a, Instant now) {
        int seen = 0;
        for (LocalDate week = LocalDate.ofInstant(now, ZoneOffset.UTC).with(java.time.DayOfWeek.MONDAY);
                !week.plusDays(6).isBefore(a.createdOn()); week = week.minusWeeks(1)) {
            List<SyntheticX.Post> posts = SyntheticX.postsOfWeek(a, week);
            for (int i = posts.size() - 1; i >= 0; i--) {
                if (!posts.get(i).createdAt().isAfter(now) && ++seen == TIMELINE_CAP) {
                    return posts.get(i).createdAt();
                }
            }
        }
        return MIN_TIME;
    }

    // ---- token endpoint -----------------------------------------------------------------------

    private HttpResponse token(HttpRequest request, Instant now) {
        RateLimitWindows.Usage usage = windows.count("app", Endpoint.TOKEN.template, Endpoint.TOKEN.limit, now);
        if (usage.exceeded()) {
            return respond(429, problem("Too Many Requests", "Too Many Requests", "about:blank", 429), usage);
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            return respond(400, oauthError("invalid_request", "Missing required parameter [grant_type]."), usage);
        }
        Map<String, String> form = Urls.queryParams(URI.create("http://form/?" + request.bodyText()));
        String grantType = form.get("grant_type");
        if (!"refresh_token".equals(grantType) && !"authorization_code".equals(grantType)) {
            return respond(400, oauthError("invalid_request", "Value passed for the grant type was invalid."), usage);
        }
        // Client authentication: HTTP Basic when sent (a confidential client, always for the sign-in of the
        // sandbox's confidential app), else client_id alone (a public client, as the demo's pasted accounts).
        String authorization = request.header("Authorization");
        boolean basic = authorization != null;
        if ((basic && !validBasic(authorization))
                || (form.containsKey("client_id") && !SandboxTokens.CLIENT_ID.equals(form.get("client_id")))
                || (!basic && ("authorization_code".equals(grantType) || !form.containsKey("client_id")))) {
            return respond(401, oauthError("unauthorized_client", "Missing valid authorization header"), usage);
        }
        Optional<SandboxTokens.Issued> issued;
        String scope;
        if ("authorization_code".equals(grantType)) {
            SandboxSignIn.Redeemed redeemed = signIn.redeem(form, SandboxTokens.CLIENT_ID, now);
            if (!redeemed.ok()) {
                return respond(400, oauthError(redeemed.error(), redeemed.description()), usage);
            }
            var grant = redeemed.grant();
            issued = Optional.of(tokens.issue(grant.account(), redeemed.grantId(),
                    grant.scopes().contains("offline.access"), now));
            scope = String.join(" ", grant.scopes());
        } else {
            issued = tokens.refresh(form.get("refresh_token"), now);
            if (issued.isEmpty()) {
                return respond(400, oauthError("invalid_request", "Value passed for the token was invalid."), usage);
            }
            scope = "tweet.read users.read offline.access";
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("token_type", "bearer");
        body.put("expires_in", SandboxTokens.ACCESS_LIFETIME_SECONDS);
        body.put("access_token", issued.get().accessToken());
        body.put("scope", scope);
        issued.get().refreshToken().ifPresent(r -> body.put("refresh_token", r));
        return respond(200, body, usage);
    }

    /** True for {@code Basic base64(client_id:client_secret)} of the sandbox's app. */
    private static boolean validBasic(String authorization) {
        String expected = Base64.getEncoder().encodeToString((SandboxTokens.CLIENT_ID + ":" + SandboxTokens.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        return authorization.regionMatches(true, 0, "Basic ", 0, 6) && authorization.substring(6).trim().equals(expected);
    }

    // ---- parameters ---------------------------------------------------------------------------

    private static void checkParams(Map<String, String> query, Set<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidRequest(name, query.get(name), "The query parameter [" + name
                        + "] is not one of " + new TreeSet<>(allowed));
            }
        }
    }

    private static Set<String> listParam(Map<String, String> query, String name, Set<String> allowed) {
        String raw = query.get(name);
        if (raw == null) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String v : raw.split(",", -1)) {
            if (!allowed.contains(v)) {
                throw new InvalidRequest(name, raw, "The `" + name + "` query parameter value [" + v
                        + "] is not one of " + new TreeSet<>(allowed));
            }
            values.add(v);
        }
        return values;
    }

    private static int maxResults(String raw) {
        if (raw == null) {
            return 10;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 5 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequest("max_results", raw, "The `max_results` query parameter value [" + raw
                + "] is not between 5 and 100");
    }

    private static Instant time(Map<String, String> query, String name) {
        String raw = query.get(name);
        if (raw == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(name, raw, "The `" + name + "` query parameter value [" + raw
                    + "] is not a valid RFC3339 date-time");
        }
        if (t.isBefore(MIN_TIME)) {
            throw new InvalidRequest(name, raw, "The `" + name + "` query parameter value [" + raw
                    + "] must be on or after 2010-11-06T00:00Z");
        }
        return t;
    }

    private static long paginationToken(String raw) {
        if (raw == null) {
            return Long.MAX_VALUE;
        }
        if (raw.startsWith("sbx") && raw.length() > 3) {
            try {
                return Long.parseLong(raw.substring(3), 36);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidRequest("pagination_token", raw, "The `pagination_token` query parameter value [" + raw
                + "] is not valid");
    }

    private static void requireId(String id) {
        if (id == null || !id.matches("[0-9]{1,19}")) {
            throw new InvalidRequest("id", id, "The `id` query parameter value [" + id + "] does not match ^[0-9]{1,19}$");
        }
    }

    // ---- bodies -------------------------------------------------------------------------------

    private ObjectNode notFound(String resourceType, String id, String detail) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode e = body.putArray("errors").addObject();
        e.put("value", id);
        e.put("detail", detail);
        e.put("title", "Not Found Error");
        e.put("resource_type", resourceType);
        e.put("parameter", "id");
        e.put("resource_id", id);
        e.put("type", PROBLEMS + "resource-not-found");
        return body;
    }

    private ObjectNode problem(String title, String detail, String type, int status) {
        ObjectNode body = mapper.createObjectNode();
        body.put("title", title);
        body.put("detail", detail);
        body.put("type", type);
        body.put("status", status);
        return body;
    }

    private ObjectNode oauthError(String error, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    private HttpResponse respond(int status, ObjectNode body, RateLimitWindows.Usage usage) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sandbox JSON", e);
        }
        return HttpResponse.json(status, json)
                .withHeader("x-rate-limit-limit", Integer.toString(usage.limit()))
                .withHeader("x-rate-limit-remaining", Integer.toString(usage.remaining()))
                .withHeader("x-rate-limit-reset", Long.toString(usage.resetEpochSecond()));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
