package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.support.PhasedCursor;
import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one TikTok account through the Accounts API. A range is fetched in two phases, one API call
 * per batch: daily account metrics from {@code /business/get/} in windows of
 * {@value #METRICS_WINDOW_DAYS} days, then the videos published in the range from
 * {@code /business/video/list/}, paging backwards in time with TikTok's cursor.
 */
final class TikTokAdapter implements NetworkAdapter {

    /** TikTok draws day boundaries in UTC. */
    static final ZoneOffset REPORTING_ZONE = ZoneOffset.UTC;

    /** TikTok serves daily account metrics for the last 60 days only. */
    static final int LOOKBACK_DAYS = 60;

    /**
     * Days per {@code /business/get/} call. TikTok caps a call only by its 60-day look-back; 30 days
     * keeps each batch small, so a failure in a backfill costs one small call and resumes from the cursor.
     */
    static final int METRICS_WINDOW_DAYS = 30;

    /** TikTok's largest page of videos. */
    static final int VIDEO_PAGE_SIZE = 20;

    static final String PROFILE_PATH = "/business/get/";
    static final String VIDEOS_PATH = "/business/video/list/";

    private final TikTokConfig config;
    private final TikTokClient client;
    private final Clock clock;

    TikTokAdapter(TikTokConfig config, TikTokClient client, Clock clock) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.client = Objects.requireNonNull(client, "client is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public CheckResult check() throws AdapterException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("business_id", config.businessId());
        query.put("fields", client.jsonArray(TikTokMetrics.PROFILE_FIELDS));
        JsonNode data = client.get(PROFILE_PATH, query);
        String username = data.path("username").asText("");
        String displayName = data.path("display_name").asText("");
        if (username.isBlank() && displayName.isBlank()) {
            throw new AdapterException.BadResponse("TikTok answered " + PROFILE_PATH
                    + " without the account's username or display name");
        }
        return CheckResult.of(new AccountIdentity(config.businessId(), username, displayName, REPORTING_ZONE));
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        // Daily account metrics window by window, then videos below TikTok's own paging cursor
        // (epoch milliseconds), so resuming asks TikTok for exactly the page it would have served next.
        PhasedCursor position = PhasedCursor.of(request, TikTokAdapterFactory.CURSOR_VERSION, "TikTok");
        if (position.phase() == PhasedCursor.Phase.METRICS) {
            return metricsBatch(range, position.from());
        }
        return videosBatch(range, videoCursor(position), List.of());
    }

    /** TikTok's paging cursor in a posts step: a positive epoch millisecond. */
    static long videoCursor(PhasedCursor posts) throws AdapterException.CursorInvalid {
        try {
            long millis = Long.parseLong(posts.page().orElse(""));
            if (millis > 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AdapterException.CursorInvalid("The saved TikTok sync position cannot be read.");
    }

    private static io.goalpost.plugin.api.Cursor videosBefore(long millis) {
        return PhasedCursor.postsPage(Long.toString(millis)).toCursor(TikTokAdapterFactory.CURSOR_VERSION);
    }

    /** One {@code /business/get/} call from {@code from} on, or straight to the videos when no day is left. */
    private FetchResult metricsBatch(DateRange range, LocalDate from) throws AdapterException {
        LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
        LocalDate oldestServed = today.minusDays(LOOKBACK_DAYS);
        LocalDate newestServed = today.minusDays(1);
        List<String> notes = new ArrayList<>();
        LocalDate start = from;
        if (start.isBefore(oldestServed)) {
            LocalDate lostUntil = range.to().isBefore(oldestServed) ? range.to() : oldestServed.minusDays(1);
            notes.add("TikTok keeps daily account metrics for " + LOOKBACK_DAYS + " days only; " + start + " to "
                    + lostUntil + " can no longer be fetched.");
            start = oldestServed;
        }
        LocalDate end = range.to().isAfter(newestServed) ? newestServed : range.to();
        if (start.isAfter(end)) {
            lagNote(range, newestServed).ifPresent(notes::add);
            return videosBatch(range, firstVideoCursor(range), notes);
        }
        LocalDate windowEnd = start.plusDays(METRICS_WINDOW_DAYS - 1L);
        if (windowEnd.isAfter(end)) {
            windowEnd = end;
        }
        DateRange window = new DateRange(start, windowEnd);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("business_id", config.businessId());
        query.put("start_date", window.from().toString());
        query.put("end_date", window.to().toString());
        query.put("fields", client.jsonArray(TikTokMetrics.accountFieldsToRequest()));
        AccountMetricsReader.Result read = AccountMetricsReader.read(client.get(PROFILE_PATH, query), window);
        notes.addAll(read.notes());
        io.goalpost.plugin.api.Cursor next = windowEnd.isBefore(end)
                ? PhasedCursor.metrics(windowEnd.plusDays(1)).toCursor(TikTokAdapterFactory.CURSOR_VERSION)
                : videosBefore(firstVideoCursor(range));
        if (!windowEnd.isBefore(end)) {
            lagNote(range, newestServed).ifPresent(notes::add);
        }
        return withNotes(FetchResult.partial(read.points(), List.of(), next), notes);
    }

    /**
     * One page of videos created before {@code cursorMillis}, keeping those published inside the range.
     * TikTok pages newest first, so the first video older than the range ends the range.
     */
    private FetchResult videosBatch(DateRange range, long cursorMillis, List<String> notes) throws AdapterException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("business_id", config.businessId());
        query.put("fields", client.jsonArray(TikTokMetrics.videoFieldsToRequest()));
        query.put("max_count", Integer.toString(VIDEO_PAGE_SIZE));
        query.put("cursor", Long.toString(cursorMillis));
        VideoReader.Page page = VideoReader.read(client.get(VIDEOS_PATH, query));
        Instant rangeStart = range.from().atStartOfDay(REPORTING_ZONE).toInstant();
        Instant rangeEnd = range.to().plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant();
        Instant pageCeiling = Instant.ofEpochMilli(cursorMillis);
        List<PostSnapshot> posts = new ArrayList<>();
        boolean reachedOlder = false;
        for (PostSnapshot post : page.posts()) {
            Instant published = post.publishedAt();
            if (published.isBefore(rangeStart)) {
                reachedOlder = true;
            } else if (published.isBefore(rangeEnd) && published.isBefore(pageCeiling)) {
                // Only videos strictly older than the cursor asked with: should TikTok's cursor be
                // inclusive, the last video of the previous page is not repeated.
                posts.add(post);
            }
        }
        boolean cursorMoves = page.nextCursor().isPresent() && page.nextCursor().getAsLong() > 0
                && page.nextCursor().getAsLong() < cursorMillis;
        if (reachedOlder || !page.hasMore() || !cursorMoves) {
            return withNotes(FetchResult.last(List.of(), posts), notes);
        }
        return withNotes(FetchResult.partial(List.of(), posts,
                videosBefore(page.nextCursor().getAsLong())), notes);
    }

    /** A remark for the days of the range TikTok has not published yet, if any. */
    private static Optional<String> lagNote(DateRange range, LocalDate newestServed) {
        if (!range.to().isAfter(newestServed)) {
            return Optional.empty();
        }
        LocalDate first = range.from().isAfter(newestServed) ? range.from() : newestServed.plusDays(1);
        String days = first.equals(range.to()) ? first.toString() : first + " to " + range.to();
        return Optional.of("TikTok publishes a day's account metrics one to two days later (UTC); " + days
                + " will be read on a later sync.");
    }

    /** The first video page ends at the end of the range, or now when the range reaches into the future. */
    private long firstVideoCursor(DateRange range) {
        long endOfRange = range.to().plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant().toEpochMilli();
        return Math.max(1, Math.min(endOfRange, clock.millis()));
    }

    private static FetchResult withNotes(FetchResult result, List<String> notes) {
        FetchResult noted = result;
        for (String note : notes) {
            noted = noted.withNote(note);
        }
        return noted;
    }
}
