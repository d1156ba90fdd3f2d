package io.goalpost.plugins.pinterest;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.support.PhasedCursor;
import io.goalpost.plugin.api.Urls;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * Reads one Pinterest business account through API v5.
 *
 * <p>A range is fetched in two phases, one step per {@link #fetch} call: first the account's daily
 * analytics in windows of at most {@value #MAX_DAYS_PER_CALL} days, clamped to Pinterest's
 * {@value #LOOKBACK_DAYS}-day look-back (plus today's follower count, which Pinterest only gives as a
 * snapshot); then the pins created in the range, one page of {@value #PINS_PAGE_SIZE} at a time,
 * each with its lifetime metrics (so one call costs at most {@value #PINS_PAGE_SIZE} + 1 requests).
 */
final class PinterestAdapter implements NetworkAdapter {

    /** Pinterest draws day boundaries in UTC. */
    static final ZoneId REPORTING_ZONE = ZoneOffset.UTC;
    /** {@code start_date} may be at most this many days before today. */
    static final int LOOKBACK_DAYS = 90;
    /** Days per analytics call; Pinterest allows {@code end_date} up to 90 days after {@code start_date}. */
    static final int MAX_DAYS_PER_CALL = 90;
    /** Pinterest's default page size: keeps one batch at a bounded 26 requests. */
    static final int PINS_PAGE_SIZE = 25;

    private final AdapterContext context;
    private final PinterestClient client;
    // Set once Pinterest rejects the unconfirmed pin metrics, so later pins skip the failing request.
    private volatile boolean extendedPinMetricsRejected;

    PinterestAdapter(AdapterContext context, PinterestClient client) {
        this.context = context;
        this.client = client;
    }

    @Override
    public CheckResult check() throws AdapterException {
        JsonNode account = userAccount();
        String id = account.path("id").asText("");
        if (id.isBlank()) {
            throw new AdapterException.BadResponse("Pinterest's response from /user_account lacks the field 'id'.");
        }
        AccountIdentity identity = new AccountIdentity(id, account.path("username").asText(null),
                account.path("business_name").asText(null), REPORTING_ZONE);
        String type = account.path("account_type").asText("");
        // Personal accounts connect, but Pinterest answers their analytics with 403.
        Set<String> missing = type.isEmpty() || type.equals("BUSINESS") ? Set.of() : Set.of("business_account");
        return new CheckResult(identity, Set.of(), missing);
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        LocalDate today = LocalDate.now(context.clock().withZone(REPORTING_ZONE));
        DateRange servable = range.intersect(new DateRange(today.minusDays(LOOKBACK_DAYS), today));
        // Phase 1, account metrics window by window; phase 2, pins page by page (bookmarks).
        PhasedCursor step = request.cursor().isPresent()
                ? PhasedCursor.parse(request.cursor().get(), range, PinterestAdapterFactory.CURSOR_VERSION, "Pinterest")
                : servable != null ? PhasedCursor.metrics(servable.from()) : PhasedCursor.firstPostsPage();

        FetchResult result;
        if (step.phase() == PhasedCursor.Phase.METRICS) {
            result = metricsWindow(range, servable, step.from(), today);
        } else {
            result = pinsPage(range, step.page().orElse(null), today);
        }
        if (request.cursor().isEmpty() && range.from().isBefore(today.minusDays(LOOKBACK_DAYS))) {
            result = result.withNote("Pinterest keeps account analytics for " + LOOKBACK_DAYS + " days only: days before "
                    + today.minusDays(LOOKBACK_DAYS) + " have no account metrics.");
        }
        return result;
    }

    /** Phase 1: one analytics window, and today's follower snapshot when the window reaches today. */
    private FetchResult metricsWindow(DateRange range, DateRange servable, LocalDate requestedFrom, LocalDate today)
            throws AdapterException {
        // The look-back moves with the clock: a cursor from yesterday may point one day too far back.
        if (servable == null || requestedFrom.isAfter(servable.to())) {
            return pinsPage(range, null, today);
        }
        LocalDate from = requestedFrom.isBefore(servable.from()) ? servable.from() : requestedFrom;
        DateRange window = new DateRange(from, min(from.plusDays(MAX_DAYS_PER_CALL - 1L), servable.to()));

        Map<String, String> query = new LinkedHashMap<>();
        query.put("start_date", window.from().toString());
        query.put("end_date", window.to().toString());
        query.put("metric_types", String.join(",", PinterestMetrics.ACCOUNT_METRIC_TYPES));
        query.put("split_field", "NO_SPLIT");
        ApiCall call = ApiCall.of("/user_account/analytics", query, ApiCall.SCOPE_USER_ACCOUNTS);
        ApiReply reply = client.get(call);
        PinterestResponses.DailyMetrics daily = PinterestResponses.accountDaily(reply.json(), window,
                PinterestMetrics.ACCOUNT_METRIC_TYPES, call.path());

        List<MetricPoint> points = new ArrayList<>(daily.points());
        if (window.contains(today) && range.contains(today)) {
            OptionalDouble followers = PinterestResponses.followerCount(userAccount(), "/user_account");
            if (followers.isPresent()) {
                points.add(MetricPoint.of(CanonicalMetric.FOLLOWERS, today, followers.getAsDouble()));
            }
        }

        PhasedCursor next = window.to().isBefore(servable.to())
                ? PhasedCursor.metrics(window.to().plusDays(1))
                : PhasedCursor.firstPostsPage();
        FetchResult result = FetchResult.partial(points, List.of(), next.toCursor(PinterestAdapterFactory.CURSOR_VERSION));
        for (Map.Entry<String, SortedSet<LocalDate>> entry : daily.notReady().entrySet()) {
            result = result.withNote(notReadyNote(entry.getKey(), entry.getValue()));
        }
        return result;
    }

    /** Phase 2: one page of pins; those created in the range come back with lifetime metrics. */
    private FetchResult pinsPage(DateRange range, String bookmark, LocalDate today) throws AdapterException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page_size", Integer.toString(PINS_PAGE_SIZE));
        query.put("bookmark", bookmark);
        ApiCall call = ApiCall.of("/pins", query, ApiCall.SCOPE_PINS);
        PinterestResponses.PinPage page = PinterestResponses.pinPage(client.get(call).json(), call.path());

        List<PostSnapshot> posts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PinterestResponses.Pin pin : page.pins()) {
            // Pins saved from other people are not this account's posts.
            if (pin.owned() && range.contains(pin.createdDay())) {
                posts.add(post(pin, today, notes));
            }
        }
        boolean olderPagesOnly = page.newestFirst() && !page.pins().isEmpty()
                && page.pins().get(page.pins().size() - 1).createdDay().isBefore(range.from());
        FetchResult result = page.bookmark() == null || olderPagesOnly
                ? FetchResult.last(List.of(), posts)
                : FetchResult.partial(List.of(), posts,
                        PhasedCursor.postsPage(page.bookmark()).toCursor(PinterestAdapterFactory.CURSOR_VERSION));
        for (String note : notes) {
            result = result.withNote(note);
        }
        return result;
    }

    private PostSnapshot post(PinterestResponses.Pin pin, LocalDate today, List<String> notes)
            throws AdapterException {
        LocalDate created = pin.createdDay();
        LocalDate lookbackStart = today.minusDays(LOOKBACK_DAYS);
        LocalDate start = created.isBefore(lookbackStart) ? lookbackStart : min(created, today);
        boolean coversWholeLife = !start.isAfter(created);

        List<String> metricTypes = new ArrayList<>(PinterestMetrics.PIN_CORE_METRIC_TYPES);
        if (!extendedPinMetricsRejected) {
            metricTypes.addAll(PinterestMetrics.PIN_EXTENDED_METRIC_TYPES);
        }
        ApiReply reply = client.get(pinAnalytics(pin.id(), start, today, metricTypes));
        if (reply.status() == 400 && !extendedPinMetricsRejected) {
            // metric_types is a strict enum: retry with the confirmed names only.
            extendedPinMetricsRejected = true;
            notes.add("Pinterest rejected the engagement, video, comment and reaction metrics for pins; posts are"
                    + " reported without them.");
            metricTypes = PinterestMetrics.PIN_CORE_METRIC_TYPES;
            reply = client.get(pinAnalytics(pin.id(), start, today, metricTypes));
        }
        Map<MetricId, Double> metrics;
        if (reply.status() == 404) {
            notes.add("Pinterest has no analytics for pin " + pin.id() + " (deleted or not available); it is"
                    + " listed without metrics.");
            metrics = Map.of();
        } else if (!reply.ok()) {
            throw new AdapterException.BadResponse("Pinterest rejected the analytics request for pin " + pin.id()
                    + " as invalid (" + reply.error().describe(client.redactor()) + ").");
        } else {
            metrics = PinterestResponses.pinLifetime(reply.json(), metricTypes, coversWholeLife,
                    "/pins/" + pin.id() + "/analytics");
        }
        return new PostSnapshot(pin.id(), pin.createdAt(), pin.mediaType().isEmpty() ? "pin" : pin.mediaType(),
                "https://www.pinterest.com/pin/" + Urls.encode(pin.id()) + "/", metrics, pin.text());
    }

    private static ApiCall pinAnalytics(String pinId, LocalDate start, LocalDate end, List<String> metricTypes) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("start_date", start.toString());
        query.put("end_date", end.toString());
        query.put("metric_types", String.join(",", metricTypes));
        query.put("app_types", "ALL");
        query.put("split_field", "NO_SPLIT");
        return ApiCall.of("/pins/" + Urls.encode(pinId) + "/analytics", query, ApiCall.SCOPE_PINS)
                .passingThrough(400, 404);
    }

    private JsonNode userAccount() throws AdapterException {
        JsonNode json = client.get(ApiCall.of("/user_account", Map.of(), ApiCall.SCOPE_USER_ACCOUNTS)).json();
        if (!json.isObject()) {
            throw new AdapterException.BadResponse("Pinterest's response from /user_account is not an object.");
        }
        return json;
    }

    private static String notReadyNote(String status, SortedSet<LocalDate> days) {
        String list = days.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
        if (status.equals("PROCESSING")) {
            return "Pinterest is still processing " + list + ": " + (days.size() == 1 ? "that day has" : "those days have")
                    + " no metrics yet and will be read again on a later sync.";
        }
        return "Pinterest reports no final metrics for " + list + " (status " + status + ").";
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
