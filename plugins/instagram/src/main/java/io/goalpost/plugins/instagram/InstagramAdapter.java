package io.goalpost.plugins.instagram;

import io.goalpost.plugin.support.meta.GraphAnswer;
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
import io.goalpost.plugins.instagram.MediaInsights.Media;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one Instagram professional account. Each {@link #fetch} call makes one small, bounded set of
 * calls and returns a cursor to resume from (see {@link FetchStep} for the phases):
 * reach as a daily time series per ≤ 30-day window; then, per day, the day totals (engagement, likes,
 * comments, shares, saves, contact taps, accounts engaged), views with their Reels share, follows and
 * unfollows, plus today's {@code followers_count} as the followers level of today; then the media
 * published in the range with their lifetime insights. Only numbers Instagram printed become points.
 */
final class InstagramAdapter implements NetworkAdapter {

    /** Media insights calls per batch: keeps a batch to at most 11 calls (one list page + 10 posts). */
    static final int MAX_MEDIA_INSIGHTS_PER_BATCH = 10;

    private final AdapterContext context;
    private final InstagramConfig config;
    private final GraphClient client;
    private final int cursorVersion;

    InstagramAdapter(AdapterContext context, InstagramConfig config, int cursorVersion) {
        this.context = context;
        this.config = config;
        this.client = new GraphClient(context, config);
        this.cursorVersion = cursorVersion;
    }

    @Override
    public CheckResult check() throws AdapterException {
        JsonNode user = client.get("GET /{ig-user-id}", "/" + config.igUserId(),
                Map.of("fields", "id,username,name,followers_count,media_count"));
        String id = user.path("id").asText("");
        if (id.isEmpty()) {
            throw new AdapterException.BadResponse("Instagram's answer from GET /{ig-user-id} has no account id.");
        }
        // Reading the profile needs only the basic permission; one insights call proves the insights one.
        client.get(AccountInsights.ENDPOINT, AccountInsights.path(config.igUserId()), AccountInsights.probeQuery());
        AccountIdentity identity = new AccountIdentity(id, user.path("username").asText(""),
                user.path("name").asText(""), PacificDays.ZONE);
        return CheckResult.of(identity);
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        FetchStep step = request.cursor().isPresent() ? decode(request.cursor().get(), range)
                : new FetchStep.Reach(range.from());
        LocalDate today = PacificDays.today(context.clock());
        LocalDate lastMetricDay = range.to().isAfter(today) ? today : range.to();
        step = skipFutureDays(step, range, lastMetricDay);
        if (step instanceof FetchStep.Reach reach) {
            return reach(reach, range, lastMetricDay);
        }
        if (step instanceof FetchStep.Day day) {
            return day(day.day(), range, today, lastMetricDay);
        }
        return posts((FetchStep.Posts) step, range);
    }

    private FetchStep decode(Cursor cursor, DateRange range) throws AdapterException.CursorInvalid {
        if (cursor.version() != cursorVersion) {
            throw new AdapterException.CursorInvalid("The saved Instagram sync position has format version "
                    + cursor.version() + "; this plugin writes version " + cursorVersion
                    + ". The range is read again from its start.");
        }
        return FetchStep.parse(cursor.token(), range);
    }

    /** Days after today have no insights yet: go straight to the posts. */
    private static FetchStep skipFutureDays(FetchStep step, DateRange range, LocalDate lastMetricDay) {
        if (step instanceof FetchStep.Reach reach && reach.from().isAfter(lastMetricDay)) {
            step = new FetchStep.Day(range.from());
        }
        if (step instanceof FetchStep.Day day && day.day().isAfter(lastMetricDay)) {
            step = FetchStep.Posts.start();
        }
        return step;
    }

    private FetchResult reach(FetchStep.Reach step, DateRange range, LocalDate lastMetricDay) throws AdapterException {
        LocalDate end = AccountInsights.reachWindowEnd(step.from(), lastMetricDay);
        PointCollector out = new PointCollector(new DateRange(step.from(), end));
        JsonNode body = client.get(AccountInsights.ENDPOINT, AccountInsights.path(config.igUserId()),
                AccountInsights.reachSeriesQuery(step.from(), end));
        AccountInsights.readReachSeries(body, out);
        FetchStep next = end.isBefore(lastMetricDay) ? new FetchStep.Reach(end.plusDays(1))
                : new FetchStep.Day(range.from());
        return result(out.points(), List.of(), Optional.of(next), out.notes());
    }

    private FetchResult day(LocalDate day, DateRange range, LocalDate today, LocalDate lastMetricDay)
            throws AdapterException {
        PointCollector out = new PointCollector(new DateRange(day, day));
        String path = AccountInsights.path(config.igUserId());
        AccountInsights.readDailyTotals(
                client.get(AccountInsights.ENDPOINT, path, AccountInsights.dailyTotalsQuery(day)), day, out);
        AccountInsights.readViews(client.get(AccountInsights.ENDPOINT, path, AccountInsights.viewsQuery(day)), day, out);
        AccountInsights.readFollows(
                client.get(AccountInsights.ENDPOINT, path, AccountInsights.followsQuery(day)), day, out);
        if (day.equals(today)) {
            // Instagram has no follower history: today's snapshot is the level of today (docs/kpis.md §1:
            // a level is the state at the end of the day).
            JsonNode user = client.get("GET /{ig-user-id}", "/" + config.igUserId(), Map.of("fields", "followers_count"));
            JsonNode followers = user.get("followers_count");
            if (followers != null && followers.isNumber()) {
                out.add(CanonicalMetric.FOLLOWERS.id(), day, followers.asDouble());
            }
        }
        FetchStep next = day.isBefore(lastMetricDay) ? new FetchStep.Day(day.plusDays(1)) : FetchStep.Posts.start();
        return result(out.points(), List.of(), Optional.of(next), out.notes());
    }

    private FetchResult posts(FetchStep.Posts step, DateRange range) throws AdapterException {
        JsonNode page = client.get(MediaInsights.LIST_ENDPOINT, "/" + config.igUserId() + "/media",
                MediaInsights.listQuery(step.after()));
        List<Media> items = new ArrayList<>();
        for (JsonNode item : AccountInsights.data(page)) {
            items.add(MediaInsights.read(item));
        }
        List<PostSnapshot> posts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int insightsCalls = 0;
        for (int i = resumeIndex(items, step); i < items.size(); i++) {
            Media media = items.get(i);
            LocalDate day = PacificDays.dayOf(media.publishedAt());
            if (day.isAfter(range.to())) {
                continue; // newer than the range: the list is newest first
            }
            if (day.isBefore(range.from())) {
                return result(List.of(), posts, Optional.empty(), notes); // everything after is older still
            }
            if (insightsCalls == MAX_MEDIA_INSIGHTS_PER_BATCH) {
                Media last = items.get(i - 1);
                FetchStep next = new FetchStep.Posts(step.after(), last.id(), last.publishedAt().getEpochSecond());
                return result(List.of(), posts, Optional.of(next), notes);
            }
            insightsCalls++;
            GraphAnswer insights = client.get(MediaInsights.INSIGHTS_ENDPOINT, "/" + media.id() + "/insights",
                    MediaInsights.insightsQuery(media.productType()),
                    e -> e.isNotEnoughViewers() || e.isMediaBeforeConversion());
            if (insights.failed()) {
                notes.add("Instagram has no insights for post " + media.id() + " ("
                        + (insights.error().isMediaBeforeConversion()
                                ? "it was posted before the account became a professional account"
                                : "too few viewers") + "); only its like and comment counts were stored.");
            }
            posts.add(MediaInsights.snapshot(media, insights.body()));
        }
        JsonNode paging = page.path("paging");
        String nextAfter = paging.path("cursors").path("after").asText("");
        // An empty page or a cursor that does not move would loop forever: both end the list.
        if (paging.hasNonNull("next") && !nextAfter.isEmpty() && !items.isEmpty() && !nextAfter.equals(step.after())) {
            return result(List.of(), posts, Optional.of(new FetchStep.Posts(nextAfter, "", 0)), notes);
        }
        return result(List.of(), posts, Optional.empty(), notes);
    }

    /**
     * Where to continue in a page: after the last post handled. If that post is gone (deleted), after the
     * posts at least as new as it was.
     */
    private static int resumeIndex(List<Media> items, FetchStep.Posts step) {
        if (step.lastId().isEmpty()) {
            return 0;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(step.lastId())) {
                return i + 1;
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).publishedAt().getEpochSecond() < step.lastEpochSecond()) {
                return i;
            }
        }
        return items.size();
    }

    private FetchResult result(List<MetricPoint> points, List<PostSnapshot> posts, Optional<FetchStep> next,
            List<String> notes) {
        Optional<Cursor> cursor = next.map(s -> new Cursor(cursorVersion, s.token()));
        return new FetchResult(points, posts, cursor, notes);
    }
}
