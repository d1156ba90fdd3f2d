package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.NetworkMetric;
import io.goalpost.plugin.support.PhasedCursor;
import io.goalpost.plugin.support.meta.GraphAnswer;
import io.goalpost.plugin.support.meta.GraphError;
import io.goalpost.plugin.support.meta.GraphSession;
import io.goalpost.plugin.support.meta.MetaUsage;
import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one Facebook Page through the Graph API.
 *
 * <p>A range is read in two phases, one Graph call per batch: first Page Insights in windows Facebook
 * accepts (at most 90 days), then the Page's published posts, page by page, with their lifetime
 * metrics inline. The cursor ({@link PhasedCursor}: {@code metrics|<day>}, {@code posts|<after>}) says
 * which window or which post page comes next. Facebook's paging cursors are opaque base64 strings; they
 * are not secrets (the token travels in a header).
 *
 * <p>Every call goes through plugin-support's {@link GraphSession}, with the Page token (which does not
 * expire, so unlike Instagram there is nothing to refresh). When an answer says the Page's or the app's
 * call budget is used up, the session sends nothing more until Meta's wait is over: the next batch fails as
 * {@code RateLimited} before its call is sent, and the host resumes it then.
 */
final class FacebookAdapter implements NetworkAdapter {

    /**
     * Posts per page. Facebook allows 100, but every post carries inline insights and Facebook answers
     * heavy queries with "reduce the amount of data" (code 1); 50 keeps each call light.
     */
    static final int POSTS_PER_PAGE = 50;

    /** Cursor format version; bump on incompatible change. */
    static final int CURSOR_VERSION = 1;

    /** Characters Facebook uses in paging cursors (base64, URL-safe base64, percent escapes). */
    static final Pattern AFTER = Pattern.compile("[A-Za-z0-9_\\-+/=%.~]{1,2048}");

    static final String POST_FIELDS = "id,created_time,message,permalink_url,status_type,shares,"
            + "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),"
            + "insights.metric(" + NetworkMetric.names(PostMetric.values()) + ")";

    private final AdapterContext context;
    private final FacebookConfig config;
    private final GraphSession graph;

    FacebookAdapter(AdapterContext context, FacebookConfig config, GraphSession graph) {
        this.context = context;
        this.config = config;
        this.graph = graph;
    }

    @Override
    public CheckResult check() throws AdapterException {
        GraphAnswer reply = get(pagePath(), Map.of("fields", "id,name,username,link"));
        JsonNode page = reply.bodyOrThrow();
        String id = page.path("id").asText("");
        if (id.isBlank()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + reply.endpoint() + " has no Page id.");
        }
        String handle = page.path("username").asText("");
        if (handle.isBlank()) {
            handle = handleFromLink(page.path("link").asText(""));
        }
        AccountIdentity identity = new AccountIdentity(id, handle, page.path("name").asText(""), PacificTime.ZONE);
        // The Page fields answer with any valid token; only an insights call shows whether the token may
        // read insights (read_insights, pages_read_engagement), the most common setup mistake.
        LocalDate today = PacificTime.dayOf(context.clock().instant());
        get(insightsPath(), Map.of("metric", PageMetric.PAGE_FOLLOWS.networkName(), "period", "day",
                "since", Long.toString(PacificTime.startOfDay(today.minusDays(2))),
                "until", Long.toString(PacificTime.startOfDay(today)))).bodyOrThrow();
        return CheckResult.of(identity);
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        PhasedCursor position = PhasedCursor.of(request, CURSOR_VERSION, "Facebook");
        if (position.phase() == PhasedCursor.Phase.METRICS) {
            return fetchInsights(range, position.from());
        }
        String after = position.page().orElse(null);
        if (after != null && !AFTER.matcher(after).matches()) {
            throw new AdapterException.CursorInvalid("The saved Facebook sync position is not a Facebook paging cursor.");
        }
        return fetchPosts(range, after);
    }

    /** One insights window from {@code from}, plus today's follower level when the window reaches today. */
    private FetchResult fetchInsights(DateRange range, LocalDate from) throws AdapterException {
        DateRange window = InsightWindow.from(from, range.to());
        GraphAnswer reply = get(insightsPath(), insightsQuery(NetworkMetric.names(PageMetric.values()), window));
        if (reply.failedWith(GraphError::isRejectedMetric)) {
            throw removedMetrics(window, reply);
        }
        InsightsParser.Parsed parsed = InsightsParser.parse(reply.bodyOrThrow(), window, reply.endpoint());
        List<MetricPoint> points = new ArrayList<>(parsed.points());
        List<String> notes = new ArrayList<>(parsed.notes());
        List<MetaUsage> usage = new ArrayList<>(List.of(reply.usage()));
        if (points.isEmpty()) {
            notes.add("Facebook returned no Page Insights for " + window + ". It keeps insights for the last 2 years "
                    + "only, and only for Pages with at least 100 followers.");
        }
        LocalDate today = PacificTime.dayOf(context.clock().instant());
        if (window.contains(today) && points.stream().noneMatch(p -> p.day().equals(today)
                && p.metric().equals(CanonicalMetric.FOLLOWERS.id()))) {
            // Insights lag a day; the Page's followers_count is the level right now. The host re-reads the
            // days inside the reporting lag, so this provisional value is replaced once insights have it.
            GraphAnswer snapshot = get(pagePath(), Map.of("fields", "followers_count"));
            Double followers = InsightsParser.number(snapshot.bodyOrThrow().get("followers_count"), "followers_count",
                    snapshot.endpoint());
            if (followers != null && followers >= 0) {
                points.add(MetricPoint.of(CanonicalMetric.FOLLOWERS, today, followers));
            }
            usage.add(snapshot.usage());
        }
        Cursor next = PhasedCursor.afterMetrics(window.to(), range).toCursor(CURSOR_VERSION);
        return result(points, List.of(), Optional.of(next), notes, usage);
    }

    /** One page of posts published in the range. */
    private FetchResult fetchPosts(DateRange range, String after) throws AdapterException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", POST_FIELDS);
        query.put("since", Long.toString(PacificTime.startOfDay(range.from())));
        query.put("until", Long.toString(PacificTime.startOfDay(range.to().plusDays(1))));
        query.put("limit", Integer.toString(POSTS_PER_PAGE));
        query.put("after", after);
        GraphAnswer reply = get(pagePath() + "/published_posts", query);
        JsonNode root = reply.bodyOrThrow();
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new AdapterException.BadResponse("Facebook's answer to " + reply.endpoint() + " has no 'data' list.");
        }
        List<PostSnapshot> posts = new ArrayList<>();
        for (JsonNode entry : data) {
            PostSnapshot post = PostParser.parse(entry, reply.endpoint());
            // since/until narrow the list, but the range is what the host asked for: keep exactly its days.
            if (range.contains(PacificTime.dayOf(post.publishedAt()))) {
                posts.add(post);
            }
        }
        Optional<Cursor> next = Optional.empty();
        JsonNode paging = root.path("paging");
        if (paging.hasNonNull("next")) {
            String nextAfter = paging.path("cursors").path("after").asText("");
            if (nextAfter.isEmpty()) {
                nextAfter = afterOf(paging.get("next").asText(""));
            }
            if (nextAfter == null || nextAfter.equals(after) || !AFTER.matcher(nextAfter).matches()) {
                throw new AdapterException.BadResponse("Facebook's answer to " + reply.endpoint()
                        + " announces another page of posts without a usable paging cursor.");
            }
            next = Optional.of(PhasedCursor.postsPage(nextAfter).toCursor(CURSOR_VERSION));
        }
        return result(List.of(), posts, next, List.of(), List.of(reply.usage()));
    }

    /**
     * Finds which metrics Facebook no longer accepts: the error does not say, so each metric is asked
     * for alone over the same window (a bounded number of calls, only on this rare error).
     */
    private AdapterException removedMetrics(DateRange window, GraphAnswer failed) throws AdapterException {
        List<String> removed = new ArrayList<>();
        for (PageMetric metric : PageMetric.values()) {
            GraphAnswer single = get(insightsPath(), insightsQuery(metric.networkName(), window));
            if (single.failed()) {
                if (!single.failedWith(GraphError::isRejectedMetric)) {
                    throw single.failure();
                }
                removed.add(metric.networkName());
            }
        }
        if (removed.isEmpty()) {
            return failed.failure();
        }
        return new AdapterException.ConfigInvalid("Facebook no longer accepts the Page Insights metric(s) "
                + String.join(", ", removed) + " (\"The value must be a valid insights metric\"): Meta has removed "
                + "them. Update the Facebook plugin; until then this Page cannot be synced.");
    }

    private static Map<String, String> insightsQuery(String metrics, DateRange window) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("metric", metrics);
        query.put("period", "day");
        // Unix seconds of Pacific midnights: values whose end_time lies in (since, until] are the days
        // window.from() .. window.to().
        query.put("since", Long.toString(PacificTime.startOfDay(window.from())));
        query.put("until", Long.toString(PacificTime.startOfDay(window.to().plusDays(1))));
        return query;
    }

    private static FetchResult result(List<MetricPoint> points, List<PostSnapshot> posts, Optional<Cursor> next,
            List<String> notes, List<MetaUsage> usage) {
        FetchResult result = new FetchResult(points, posts, next, notes);
        for (MetaUsage report : usage) {
            String warning = report.warning("Facebook", "this Page's");
            if (warning != null && !result.notes().contains(warning)) {
                result = result.withNote(warning);
            }
        }
        return result;
    }

    /**
     * GETs a path of the Page below {@code api_base_url}. Messages name the call by its path: a Page id is no
     * secret, and the token travels in a header.
     */
    private GraphAnswer get(String path, Map<String, String> query) throws AdapterException {
        return graph.get("GET " + path, path, query);
    }

    private String pagePath() {
        return "/" + config.pageId();
    }

    private String insightsPath() {
        return pagePath() + "/insights";
    }

    /** The {@code after} parameter of a paging URL (used only when Facebook sent no cursors object). */
    private static String afterOf(String nextUrl) {
        try {
            return Urls.queryParams(URI.create(nextUrl)).get("after");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The last path segment of the Page link, e.g. {@code acmecoffee} of https://www.facebook.com/acmecoffee. */
    private static String handleFromLink(String link) {
        if (link.isBlank()) {
            return null;
        }
        try {
            String path = URI.create(link).getPath();
            if (path == null) {
                return null;
            }
            String[] parts = path.split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                if (!parts[i].isBlank()) {
                    // profile.php?id=... links carry no handle
                    return parts[i].endsWith(".php") ? null : parts[i];
                }
            }
        } catch (IllegalArgumentException e) {
            // no handle then
        }
        return null;
    }
}
