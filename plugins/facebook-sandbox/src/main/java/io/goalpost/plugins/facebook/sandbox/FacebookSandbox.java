package io.goalpost.plugins.facebook.sandbox;

import io.goalpost.plugin.sandbox.GraphLists;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * A simulation of the Graph API for four Facebook Pages ("Acme Coffee", "Acme Outdoor", "Acme
 * Careers", the demo accounts, and "Acme Legacy Page", which the demo connects with a revoked token), in Facebook's wire format: the Page node, {@code /{page-id}/insights} (period {@code day}),
 * {@code /{page-id}/published_posts} with cursor paging and inline lifetime insights, and
 * {@code /{post-id}/insights}. It enforces what the real API enforces and the adapter relies on: the
 * Page token (error 190/104), current metric names only (error 100 "valid insights metric"), at most 90
 * days between {@code since} and {@code until}, two years of insights, a day of lag, and {@code limit}
 * at most 100. Every response carries {@code X-App-Usage} and {@code X-Business-Use-Case-Usage}.
 *
 * <p>It also speaks Facebook Login ({@link SandboxLogin}): the Login dialog as a small HTML page, the code
 * and long-lived token exchanges, {@code /debug_token} and {@code /me/accounts}, for the demo app of
 * {@link #demoApp(String)}.
 */
@Extension
public final class FacebookSandbox extends DemoSandbox<SandboxPage> {

    /** The version the demo configuration points at. */
    public static final String API_VERSION = "v25.0";

    static final int LOOKBACK_DAYS = 730;
    static final long MAX_WINDOW_SECONDS = 90 * 86_400L;
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    /** Oldest Graph version still served (older ones answer error 2635). */
    static final int OLDEST_VERSION = 22;

    static final List<String> PAGE_METRICS = List.of("page_media_view", "page_total_media_view_unique",
            "page_post_engagements", "page_follows", "page_daily_follows_unique", "page_daily_unfollows_unique",
            "page_views_total", "page_video_views", "page_actions_post_reactions_total");
    static final List<String> POST_METRICS = List.of("post_media_view", "post_total_media_view_unique",
            "post_clicks", "post_clicks_by_type", "post_video_views", "post_reactions_by_type_total");

    private static final Set<String> PAGE_FIELDS = Set.of("id", "name", "username", "link", "followers_count",
            "fan_count", "category");
    private static final Set<String> POST_FIELDS = Set.of("id", "created_time", "message", "permalink_url",
            "status_type", "full_picture", "shares", "reactions", "comments", "insights");
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)");
    private static final Pattern POST_ID = Pattern.compile("([0-9]+)_([0-9]+)");
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<SandboxPage> pages = SandboxPage.allPages();
    private final SandboxLogin login = new SandboxLogin(mapper, pages);

    /**
     * The demo app is the one the sandbox's Facebook Login accepts, with the sandbox standing in for
     * www.facebook.com and graph.facebook.com.
     */
    public FacebookSandbox() {
        super("facebook", SandboxLogin.APP_ID, SandboxLogin.APP_SECRET, SandboxPage.demoPages());
    }

    @Override
    protected DemoAccount demoAccount(SandboxPage page, String base) {
        return new DemoAccount(page.name(), Map.of("page_id", page.id(), "page_access_token", page.token(),
                "api_base_url", base + "/" + API_VERSION));
    }

    @Override
    public HttpResponse handle(HttpRequest request, Clock clock) {
        String traceId = "Sbx" + Long.toHexString(Noise.mix(request.uri().toString().hashCode())).toUpperCase();
        SandboxPage caller = pageByToken(token(request)).orElse(null);
        HttpResponse response;
        try {
            response = signIn(request, clock).orElse(null);
            if (response == null) {
                response = route(request, clock);
            }
        } catch (GraphFailure failure) {
            response = failure.toResponse(traceId);
        } catch (RuntimeException e) {
            // A request the simulation cannot make sense of (e.g. broken percent-escapes): answer like
            // Facebook's unknown error rather than failing the host's demo server.
            response = GraphFailure.unknownError().toResponse(traceId);
        }
        return withUsageHeaders(response, request, caller).withHeader("x-fb-trace-id", traceId)
                .withHeader("facebook-api-version", API_VERSION);
    }

    /**
     * Facebook Login's paths ({@code /vNN.0/dialog/oauth}, {@code /oauth/access_token}, {@code /debug_token},
     * and {@code /me}, {@code /me/accounts} with a person's token), or empty for every other request.
     */
    private Optional<HttpResponse> signIn(HttpRequest request, Clock clock) throws GraphFailure {
        if (!request.method().equals("GET")) {
            return Optional.empty();
        }
        List<String> path = new ArrayList<>();
        for (String segment : request.uri().getPath().split("/")) {
            if (!segment.isEmpty()) {
                path.add(segment);
            }
        }
        Matcher version = path.isEmpty() ? null : VERSION.matcher(path.get(0));
        if (version == null || !version.matches() || Integer.parseInt(version.group(1)) < OLDEST_VERSION) {
            return Optional.empty();
        }
        return login.handle(path.subList(1, path.size()), request, clock.instant());
    }

    private HttpResponse route(HttpRequest request, Clock clock) throws GraphFailure {
        if (!request.method().equals("GET")) {
            throw GraphFailure.unsupportedMethod(request.method());
        }
        List<String> path = new ArrayList<>();
        for (String segment : request.uri().getPath().split("/")) {
            if (!segment.isEmpty()) {
                path.add(segment);
            }
        }
        Matcher version = path.isEmpty() ? null : VERSION.matcher(path.get(0));
        if (version == null || !version.matches() || path.size() < 2 || path.size() > 3) {
            throw GraphFailure.unknownPath();
        }
        if (Integer.parseInt(version.group(1)) < OLDEST_VERSION) {
            throw GraphFailure.deprecatedVersion(path.get(0));
        }
        String token = token(request);
        if (token == null) {
            throw GraphFailure.noToken();
        }
        SandboxPage page = pageByToken(token).orElseThrow(GraphFailure::invalidToken);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, PageSimulation.ZONE);
        Map<String, String> query = Urls.queryParams(request.uri());
        String node = path.get(1);
        String edge = path.size() == 3 ? path.get(2) : null;
        if (node.equals(page.id()) || node.equals(page.username())) {
            PageSimulation sim = PageSimulation.through(page, today);
            if (edge == null) {
                return ok(pageNode(page, sim, today, query.get("fields")));
            }
            switch (edge) {
                case "insights":
                    return ok(pageInsights(request.uri(), page, sim, today, query));
                case "published_posts":
                    return ok(publishedPosts(request.uri(), sim, now, query));
                default:
                    throw GraphFailure.nonexistingField(edge, "Page");
            }
        }
        SandboxPost post = findPost(page, node, now).orElseThrow(() -> GraphFailure.unknownObject(node));
        if (edge == null) {
            return ok(postJson(post, now,
                    GraphFields.parse(query.get("fields"), List.of("created_time", "message", "id"))));
        }
        if (edge.equals("insights")) {
            ObjectNode root = mapper.createObjectNode();
            root.set("data", postInsights(post, now, metricList(query.get("metric"), POST_METRICS)));
            return ok(root);
        }
        throw GraphFailure.nonexistingField(edge, "PagePost");
    }

    // ---- Page node -------------------------------------------------------------------------------

    private ObjectNode pageNode(SandboxPage page, PageSimulation sim, LocalDate today, String fields)
            throws GraphFailure {
        ObjectNode node = mapper.createObjectNode();
        long followers = sim.day(today).map(PageSimulation.Day::followers).orElse(page.initialFollowers());
        for (GraphFields.Field field : GraphFields.parse(fields, List.of("name", "id")).values()) {
            switch (field.name()) {
                case "id":
                    node.put("id", page.id());
                    break;
                case "name":
                    node.put("name", page.name());
                    break;
                case "username":
                    node.put("username", page.username());
                    break;
                case "link":
                    node.put("link", "https://www.facebook.com/" + page.username());
                    break;
                case "followers_count":
                    node.put("followers_count", followers);
                    break;
                case "fan_count":
                    node.put("fan_count", Math.round(followers * 0.92));
                    break;
                case "category":
                    node.put("category", page.category());
                    break;
                default:
                    throw GraphFailure.nonexistingField(field.name(), "Page");
            }
        }
        if (!node.has("id")) {
            node.put("id", page.id()); // Graph always adds the id
        }
        return node;
    }

    // ---- Page Insights ---------------------------------------------------------------------------

    private ObjectNode pageInsights(URI uri, SandboxPage page, PageSimulation sim, LocalDate today,
            Map<String, String> query) throws GraphFailure {
        String metricParam = query.get("metric");
        if (metricParam == null || metricParam.isBlank()) {
            throw GraphFailure.noMetric();
        }
        List<String> metrics = metricList(metricParam, PAGE_METRICS);
        String period = query.getOrDefault("period", "day");
        if (!period.equals("day")) {
            throw GraphFailure.invalidParameter("period must be day: the sandbox simulates daily Page Insights only");
        }
        long until = query.containsKey("until") ? epochSeconds(query.get("until"), "until")
                : today.atStartOfDay(PageSimulation.ZONE).toEpochSecond();
        long since = query.containsKey("since") ? epochSeconds(query.get("since"), "since") : until - 2 * 86_400L;
        if (since >= until) {
            throw GraphFailure.invalidParameter("The since parameter must be earlier than until");
        }
        if (until - since > MAX_WINDOW_SECONDS) {
            throw GraphFailure.windowTooLong(MAX_WINDOW_SECONDS);
        }
        // A day's value is stamped with the day's END (next Pacific midnight) and served when
        // since < end_time <= until; only the last two years, nothing for today, and yesterday only as
        // counted so far (insights are updated once every 24 hours: final once the day after is over).
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(since), PageSimulation.ZONE);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(until), PageSimulation.ZONE).minusDays(1);
        LocalDate oldest = today.minusDays(LOOKBACK_DAYS);
        if (first.isBefore(oldest)) {
            first = oldest;
        }
        if (last.isAfter(today.minusDays(1))) {
            last = today.minusDays(1);
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode data = root.putArray("data");
        List<PageSimulation.Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            sim.dayAsOf(d, today).ifPresent(days::add); // yesterday is still being counted
        }
        if (days.isEmpty()) {
            return root; // Facebook answers an empty list, not zeros, when it has no data
        }
        for (String metric : metrics) {
            ObjectNode series = data.addObject();
            series.put("name", metric);
            series.put("period", "day");
            ArrayNode values = series.putArray("values");
            for (PageSimulation.Day day : days) {
                ObjectNode value = values.addObject();
                if (metric.equals("page_actions_post_reactions_total")) {
                    // A breakdown: counts per type, only the types that occurred ({} on a day without any).
                    ObjectNode byType = value.putObject("value");
                    day.reactionsByType(page.seed()).forEach(byType::put);
                } else {
                    value.put("value", pageValue(metric, day));
                }
                value.put("end_time", GRAPH_TIME.format(day.date().plusDays(1).atStartOfDay(PageSimulation.ZONE)
                        .toInstant().atOffset(java.time.ZoneOffset.UTC)));
            }
            series.put("title", title(metric));
            series.put("description", "Daily: " + title(metric) + " (sandbox data).");
            series.put("id", page.id() + "/insights/" + metric + "/day");
        }
        ObjectNode paging = root.putObject("paging");
        long width = until - since;
        paging.put("previous", shifted(uri, query, since - width, since));
        paging.put("next", shifted(uri, query, until, until + width));
        return root;
    }

    private static long pageValue(String metric, PageSimulation.Day day) {
        switch (metric) {
            case "page_media_view":
                return day.views();
            case "page_total_media_view_unique":
                return day.reach();
            case "page_post_engagements":
                return day.engagements();
            case "page_follows":
                return day.followers();
            case "page_daily_follows_unique":
                return day.gains();
            case "page_daily_unfollows_unique":
                return day.losses();
            case "page_views_total":
                return day.profileViews();
            default:
                return day.videoViews();
        }
    }

    private static String title(String metric) {
        return metric.replace('_', ' ');
    }

    /** A paging URL like Facebook's: the same query over the neighbouring window (no token in it). */
    private static String shifted(URI uri, Map<String, String> query, long since, long until) {
        return GraphLists.pageUrl(uri, query, "since", Long.toString(since), "until", Long.toString(until));
    }

    // ---- Posts -----------------------------------------------------------------------------------

    private ObjectNode publishedPosts(URI uri, PageSimulation sim, Instant now, Map<String, String> query)
            throws GraphFailure {
        Map<String, GraphFields.Field> fields = GraphFields.parse(query.get("fields"),
                List.of("created_time", "message", "id"));
        for (String name : fields.keySet()) {
            if (!POST_FIELDS.contains(name)) {
                throw GraphFailure.nonexistingField(name, "PagePost");
            }
        }
        int limit = GraphLists.limit(query, DEFAULT_LIMIT, MAX_LIMIT, GraphFailure::invalidParameter);
        long since = query.containsKey("since") ? epochSeconds(query.get("since"), "since") : Long.MIN_VALUE;
        long until = query.containsKey("until") ? epochSeconds(query.get("until"), "until") : Long.MAX_VALUE;
        Comparator<SandboxPost> newestFirst = Comparator.comparing(SandboxPost::createdAt)
                .thenComparingLong(SandboxPost::number).reversed();
        List<SandboxPost> matching = new ArrayList<>();
        for (SandboxPost post : sim.posts()) {
            long created = post.createdAt().getEpochSecond();
            if (!post.createdAt().isAfter(now) && created >= since && created < until) {
                matching.add(post);
            }
        }
        matching.sort(newestFirst);
        int start = 0;
        if (query.containsKey("after")) {
            ListPosition after = decodeCursor(query.get("after"));
            while (start < matching.size() && !after.isBefore(matching.get(start))) {
                start++;
            }
        }
        List<SandboxPost> page = matching.subList(start, Math.min(matching.size(), start + limit));
        ObjectNode root = mapper.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (SandboxPost post : page) {
            data.add(postJson(post, now, fields));
        }
        if (!page.isEmpty()) {
            ObjectNode paging = root.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", encodeCursor(page.get(0)));
            cursors.put("after", encodeCursor(page.get(page.size() - 1)));
            if (start + limit < matching.size()) {
                paging.put("next", GraphLists.pageUrl(uri, query, "limit", Integer.toString(limit), "after",
                        encodeCursor(page.get(page.size() - 1))));
            }
        }
        return root;
    }

    private ObjectNode postJson(SandboxPost post, Instant now, Map<String, GraphFields.Field> fields)
            throws GraphFailure {
        SandboxPost.Metrics m = post.asOf(now);
        ObjectNode node = mapper.createObjectNode();
        for (GraphFields.Field field : fields.values()) {
            switch (field.name()) {
                case "id":
                    node.put("id", post.id());
                    break;
                case "created_time":
                    node.put("created_time", GRAPH_TIME.format(post.createdAt().atOffset(java.time.ZoneOffset.UTC)));
                    break;
                case "message":
                    node.put("message", post.message());
                    break;
                case "permalink_url":
                    node.put("permalink_url", post.permalink());
                    break;
                case "status_type":
                    node.put("status_type", post.kind().statusType());
                    break;
                case "full_picture":
                    if (post.kind() == SandboxPage.PostKind.PHOTO || post.kind() == SandboxPage.PostKind.VIDEO) {
                        node.put("full_picture", "https://sandbox.invalid/facebook/" + post.number() + ".jpg");
                    }
                    break;
                case "shares":
                    if (m.shares() > 0) { // Facebook leaves the field out for a post nobody shared
                        node.putObject("shares").put("count", m.shares());
                    }
                    break;
                case "reactions": {
                    ObjectNode reactions = node.putObject("reactions");
                    reactions.putArray("data");
                    if (field.modifiers().containsKey("summary")) {
                        ObjectNode summary = reactions.putObject("summary");
                        summary.put("total_count", m.reactions());
                        summary.put("viewer_reaction", "NONE");
                    }
                    break;
                }
                case "comments": {
                    ObjectNode comments = node.putObject("comments");
                    comments.putArray("data");
                    if (field.modifiers().containsKey("summary")) {
                        ObjectNode summary = comments.putObject("summary");
                        summary.put("order", "ranked");
                        summary.put("total_count", m.comments());
                        summary.put("can_comment", true);
                    }
                    break;
                }
                case "insights": {
                    String list = String.join(",", field.arguments("metric"));
                    node.putObject("insights").set("data",
                            postInsights(post, now, metricList(list.isEmpty() ? null : list, POST_METRICS)));
                    break;
                }
                default:
                    throw GraphFailure.nonexistingField(field.name(), "PagePost");
            }
        }
        return node;
    }

    private ArrayNode postInsights(SandboxPost post, Instant now, List<String> metrics) {
        SandboxPost.Metrics m = post.asOf(now);
        ArrayNode data = mapper.createArrayNode();
        for (String metric : metrics) {
            ObjectNode series = data.addObject();
            series.put("name", metric);
            series.put("period", "lifetime");
            ObjectNode value = series.putArray("values").addObject();
            switch (metric) {
                case "post_media_view":
                    value.put("value", m.views());
                    break;
                case "post_total_media_view_unique":
                    value.put("value", m.reach());
                    break;
                case "post_clicks":
                    value.put("value", m.clicks());
                    break;
                case "post_clicks_by_type": {
                    // Breakdowns list only the types that occurred.
                    ObjectNode byType = value.putObject("value");
                    putIfPositive(byType, "link clicks", m.linkClicks());
                    putIfPositive(byType, "photo view", m.photoViews());
                    putIfPositive(byType, "other clicks", m.otherClicks());
                    break;
                }
                case "post_reactions_by_type_total": {
                    ObjectNode byType = value.putObject("value");
                    long like = Math.round(m.reactions() * 0.78);
                    long love = Math.round(m.reactions() * 0.14);
                    long wow = Math.round(m.reactions() * 0.05);
                    putIfPositive(byType, "like", like);
                    putIfPositive(byType, "love", love);
                    putIfPositive(byType, "wow", wow);
                    putIfPositive(byType, "haha", m.reactions() - like - love - wow);
                    break;
                }
                default:
                    value.put("value", m.videoViews());
            }
            series.put("title", "Lifetime " + title(metric));
            series.put("description", "Lifetime: " + title(metric) + " (sandbox data).");
            series.put("id", post.id() + "/insights/" + metric + "/lifetime");
        }
        return data;
    }

    private static void putIfPositive(ObjectNode node, String key, long value) {
        if (value > 0) {
            node.put(key, value);
        }
    }

    private Optional<SandboxPost> findPost(SandboxPage page, String id, Instant now) {
        Matcher m = POST_ID.matcher(id);
        if (!m.matches() || !m.group(1).equals(page.id())) {
            return Optional.empty();
        }
        long number;
        try {
            number = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        LocalDate day = SandboxPost.dayOf(number);
        if (day.isBefore(PageSimulation.HISTORY_START) || day.isAfter(LocalDate.ofInstant(now, PageSimulation.ZONE))) {
            return Optional.empty();
        }
        return PageSimulation.through(page, day).posts().stream()
                .filter(p -> p.number() == number && !p.createdAt().isAfter(now)).findFirst();
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    /** The metrics of a {@code metric} list; one unknown or removed name fails the whole request, as on Facebook. */
    private static List<String> metricList(String param, List<String> supported) throws GraphFailure {
        if (param == null || param.isBlank()) {
            return supported;
        }
        List<String> metrics = new ArrayList<>();
        for (String name : param.split(",")) {
            String metric = name.strip();
            if (!supported.contains(metric)) {
                throw GraphFailure.invalidInsightsMetric();
            }
            metrics.add(metric);
        }
        return metrics;
    }

    /** {@code since}/{@code until}: unix seconds, or a date taken as Pacific midnight. */
    private static long epochSeconds(String value, String name) throws GraphFailure {
        try {
            if (value.matches("-?[0-9]+")) {
                return Long.parseLong(value);
            }
            return LocalDate.parse(value).atStartOfDay(PageSimulation.ZONE).toEpochSecond();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw GraphFailure.invalidParameter("The parameter " + name + " is not a valid date or unix timestamp");
        }
    }

    private static String encodeCursor(SandboxPost post) {
        ListPosition position = ListPosition.of(post);
        String raw = position.createdEpochSecond() + ":" + position.number();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A place in the newest-first post list: Facebook's cursors are opaque; these encode time and number. */
    private record ListPosition(long createdEpochSecond, long number) {

        static ListPosition of(SandboxPost post) {
            return new ListPosition(post.createdAt().getEpochSecond(), post.number());
        }

        /** True when the post comes after this position in the newest-first list. */
        boolean isBefore(SandboxPost post) {
            long created = post.createdAt().getEpochSecond();
            return created < createdEpochSecond || (created == createdEpochSecond && post.number() < number);
        }
    }

    private static ListPosition decodeCursor(String cursor) throws GraphFailure {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new ListPosition(Long.parseLong(raw.substring(0, colon)), Long.parseLong(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw GraphFailure.invalidParameter("The after cursor is not valid");
        }
    }

    private static String token(HttpRequest request) {
        String header = request.header("Authorization");
        if (header != null) {
            for (String scheme : List.of("Bearer ", "OAuth ")) {
                if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    return header.substring(scheme.length()).strip();
                }
            }
        }
        return request.queryParam("access_token");
    }

    private Optional<SandboxPage> pageByToken(String token) {
        return token == null ? Optional.empty() : pages.stream().filter(p -> p.token().equals(token)).findFirst();
    }

    private HttpResponse ok(ObjectNode body) {
        return HttpResponse.json(200, body.toString());
    }

    /**
     * Usage headers as Facebook sends them: small, deterministic percentages (the sandbox never
     * throttles; the demo should not stall).
     */
    private HttpResponse withUsageHeaders(HttpResponse response, HttpRequest request, SandboxPage page) {
        long h = Noise.mix(request.uri().getRawPath().hashCode());
        int calls = 1 + (int) Math.floorMod(h, 6L);
        int cpu = 1 + (int) Math.floorMod(h >>> 8, 4L);
        HttpResponse r = response.withHeader("X-App-Usage",
                "{\"call_count\":" + calls + ",\"total_cputime\":" + cpu + ",\"total_time\":" + cpu + "}");
        if (page != null) {
            r = r.withHeader("X-Business-Use-Case-Usage", "{\"" + page.id() + "\":[{\"type\":\"pages\",\"call_count\":"
                    + calls + ",\"total_cputime\":" + cpu + ",\"total_time\":" + cpu
                    + ",\"estimated_time_to_regain_access\":0}]}");
        }
        return r;
    }
}
