package io.goalpost.plugins.x;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one X account through the API v2.
 *
 * <p>X has no account time series: {@code public_metrics} of the user object is a snapshot of now.
 * So a fetch records the follower count (and following, listed, post count) for today, the UTC day
 * of the context clock, and only when today lies in the requested range; earlier days get no
 * account points at all (the host builds history from daily syncs). Posts come from the user
 * timeline with their lifetime metrics; non-public and organic metrics are asked for only for
 * posts of the last {@value PostsCursor#RECENT_DAYS} days plus today, since X gives them for posts
 * under 30 days old only.
 *
 * <p>Each {@link #fetch} makes one API call (two when it must first look up the token's user id,
 * plus a token refresh and one retry after a 401): first the snapshot batch, then one batch per
 * timeline page.
 */
final class XAdapter implements NetworkAdapter {

    static final int PAGE_SIZE = 100;
    static final String TWEET_FIELDS_PUBLIC = "created_at,public_metrics,attachments";
    static final String TWEET_FIELDS_FULL = TWEET_FIELDS_PUBLIC + ",non_public_metrics,organic_metrics";

    private final AdapterContext context;
    private final XConfig config;
    private final XApi api;
    private final XErrors errors;
    private final int cursorVersion;

    // The token owner's id, looked up once when user_id is not configured.
    private volatile String resolvedUserId;

    XAdapter(AdapterContext context, XConfig config, XApi api, XErrors errors, int cursorVersion) {
        this.context = context;
        this.config = config;
        this.api = api;
        this.errors = errors;
        this.cursorVersion = cursorVersion;
        this.resolvedUserId = null;
    }

    @Override
    public CheckResult check() throws AdapterException {
        String path = "/users/me";
        JsonNode body = api.get(path, Map.of("user.fields", "public_metrics"));
        XPayloads.User me = XPayloads.user(api.endpoint(path), body);
        Optional<String> configured = configuredUserId();
        if (configured.isPresent() && !configured.get().equals(me.id())) {
            throw new AdapterException.ConfigInvalid("The access token belongs to @" + me.username() + " (user id "
                    + me.id() + "), not to the configured user id " + config.userId().get()
                    + "; connect the token of that account or clear the user id.");
        }
        resolvedUserId = me.id();
        AccountIdentity identity = new AccountIdentity(me.id(), me.username(), me.name(), ZoneOffset.UTC);
        // Without offline.access X issues no refresh token and the connection ends after 2 hours.
        Set<String> missing = config.refreshToken().isPresent() ? Set.of() : Set.of("offline.access");
        return new CheckResult(identity, Set.of(), missing);
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        if (request.cursor().isPresent()) {
            return postsPage(range, PostsCursor.parse(request.cursor().get(), cursorVersion, range));
        }
        LocalDate today = today();
        Optional<PostsCursor> first = PostsCursor.first(range, today);
        if (range.contains(today)) {
            List<MetricPoint> points = snapshot(today);
            return first.map(c -> FetchResult.partial(points, List.of(), c.toCursor(cursorVersion)))
                    .orElseGet(() -> FetchResult.last(points, List.of()));
        }
        if (first.isEmpty()) {
            return FetchResult.last(List.of(), List.of());
        }
        return postsPage(range, first.get());
    }

    /** Today's account levels: X keeps no history of them. */
    private List<MetricPoint> snapshot(LocalDate today) throws AdapterException {
        String path = configuredUserId().map(id -> "/users/" + id).orElse("/users/me");
        JsonNode body = api.get(path, Map.of("user.fields", "public_metrics"));
        XPayloads.User user = XPayloads.user(api.endpoint(path), body);
        resolvedUserId = user.id();
        return XPayloads.levelPoints(user, today);
    }

    private FetchResult postsPage(DateRange range, PostsCursor segment) throws AdapterException {
        String path = "/users/" + userId() + "/tweets";
        JsonNode body = api.get(path, timelineQuery(segment));
        String endpoint = api.endpoint(path);
        XPayloads.TimelinePage page = XPayloads.timeline(endpoint, body, segment);
        Optional<PostsCursor> next = page.nextToken().map(segment::atPage)
                .or(() -> segment.nextSegment(range));
        FetchResult result = new FetchResult(List.of(), page.posts(),
                next.map(c -> c.toCursor(cursorVersion)), List.of());
        Optional<String> note = errors.partialErrorNote(endpoint, body);
        return note.isPresent() ? result.withNote(note.get()) : result;
    }

    private Map<String, String> timelineQuery(PostsCursor segment) {
        Instant now = context.clock().instant();
        Instant start = segment.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = segment.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("max_results", Integer.toString(PAGE_SIZE));
        q.put("tweet.fields", segment.fields() == PostsCursor.Fields.FULL ? TWEET_FIELDS_FULL : TWEET_FIELDS_PUBLIC);
        q.put("expansions", "attachments.media_keys");
        q.put("media.fields", "public_metrics,type");
        // Reposts carry the original's metrics and replies are conversation, not publishing.
        q.put("exclude", "retweets,replies");
        q.put("start_time", start.toString());
        // A segment that reaches today is open-ended: X may refuse an end_time that is not in the past.
        if (end.isBefore(now.minusSeconds(10))) {
            q.put("end_time", end.toString());
        }
        if (!segment.paginationToken().isEmpty()) {
            q.put("pagination_token", segment.paginationToken());
        }
        return q;
    }

    private String userId() throws AdapterException {
        Optional<String> configured = configuredUserId();
        if (configured.isPresent()) {
            return configured.get();
        }
        String id = resolvedUserId;
        if (id == null) {
            String path = "/users/me";
            id = XPayloads.user(api.endpoint(path), api.get(path, Map.of())).id();
            resolvedUserId = id;
        }
        return id;
    }

    /** The configured user id; it goes into URL paths, so only digits pass. */
    private Optional<String> configuredUserId() throws AdapterException.ConfigInvalid {
        Optional<String> id = config.userId();
        if (id.isPresent() && !XAdapterFactory.isUserId(id.get())) {
            throw new AdapterException.ConfigInvalid("The X user id must be the account's numeric id (digits"
                    + " only), or empty to use the account the token belongs to.");
        }
        return id;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC);
    }
}
