package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads one LinkedIn organization page. A fetch of a date range runs in three phases, one batch per
 * call:
 * <ol>
 *   <li>daily statistics in windows of {@link #STATS_WINDOW_DAYS} days (three calls per window:
 *       follower, share and page statistics), clipped to the days LinkedIn answers for
 *       ({@link ReportingWindow});
 *   <li>when the range contains today, the follower count ({@code networkSizes}) as today's
 *       {@code followers} level;
 *   <li>the posts list, one page per batch, with the lifetime statistics of the page's posts that
 *       were published in the range (one more call per page).
 * </ol>
 *
 * <p>Followers are a level LinkedIn only gives for "now". The adapter does not rebuild past levels by
 * walking daily gains backwards: LinkedIn reports gains but no losses, so such levels would be wrong.
 * The host's history of {@code followers} therefore grows from the day the page is connected, while
 * {@code follower_gains} covers the last 12 months.
 */
final class LinkedInAdapter implements NetworkAdapter {

    /**
     * Days per statistics call. LinkedIn documents no maximum below 12 months; 90 daily elements keep
     * each answer small and each batch cheap to repeat, and a year takes five windows.
     */
    static final int STATS_WINDOW_DAYS = 90;
    /** Posts per page ({@code count}: LinkedIn allows up to 100). */
    static final int POSTS_PAGE_SIZE = 50;

    private final LinkedInConfig config;
    private final LinkedInClient client;
    private final Clock clock;

    LinkedInAdapter(AdapterContext context, LinkedInConfig config, ObjectMapper mapper) {
        this.config = config;
        this.clock = context.clock();
        this.client = new LinkedInClient(context, config, mapper);
    }

    /**
     * Looks the organization up and makes one small share-statistics call: statistics need the
     * ADMINISTRATOR role, which content administrators lack, and that is better learnt when connecting
     * than at the first sync.
     */
    @Override
    public CheckResult check() throws AdapterException {
        JsonNode organization = client.get(Endpoint.ORGANIZATION, "/organizations/" + config.organizationId());
        String name = organization.path("localizedName").asText("");
        String vanity = organization.path("vanityName").asText("");
        ReportingWindow window = ReportingWindow.at(clock);
        LocalDate probe = window.lastDay();
        client.get(Endpoint.SHARE_STATISTICS, statisticsPath(Endpoint.SHARE_STATISTICS, new DateRange(probe, probe)));
        return CheckResult.of(new AccountIdentity(config.organizationUrn(), vanity, name, ZoneOffset.UTC));
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        ReportingWindow window = ReportingWindow.at(clock);
        FetchCursor step = request.cursor().isPresent()
                ? FetchCursor.parse(request.cursor().get(), range)
                : new FetchCursor.Stats(range.from());
        FetchResult result = run(settle(step, range, window), range, window);
        return request.cursor().isPresent() ? result : withAvailabilityNotes(result, range, window);
    }

    /**
     * Moves past steps with nothing to do (no statistics days left in the window, today not in the
     * range), so every returned batch made at least one call or is the last.
     */
    private static FetchCursor settle(FetchCursor step, DateRange range, ReportingWindow window) {
        if (step instanceof FetchCursor.Stats stats) {
            Optional<DateRange> days = window.clip(range);
            if (days.isPresent() && !stats.from().isAfter(days.get().to())) {
                return stats;
            }
            step = new FetchCursor.Followers();
        }
        if (step instanceof FetchCursor.Followers && !range.contains(window.today())) {
            step = new FetchCursor.Posts(0, null);
        }
        return step;
    }

    private FetchResult run(FetchCursor step, DateRange range, ReportingWindow window) throws AdapterException {
        if (step instanceof FetchCursor.Stats stats) {
            return statistics(stats, range, window);
        }
        if (step instanceof FetchCursor.Followers) {
            return followers(range, window);
        }
        return posts((FetchCursor.Posts) step, range);
    }

    private FetchResult statistics(FetchCursor.Stats step, DateRange range, ReportingWindow window)
            throws AdapterException {
        DateRange days = window.clip(range).orElseThrow();
        // A cursor from before midnight may point at a day that has since left the 12 months.
        LocalDate from = step.from().isBefore(days.from()) ? days.from() : step.from();
        LocalDate to = from.plusDays(STATS_WINDOW_DAYS - 1L);
        DateRange chunk = new DateRange(from, to.isAfter(days.to()) ? days.to() : to);

        List<MetricPoint> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        points.addAll(StatisticsReader.followerPoints(
                client.get(Endpoint.FOLLOWER_STATISTICS, statisticsPath(Endpoint.FOLLOWER_STATISTICS, chunk)), chunk,
                notes));
        points.addAll(StatisticsReader.sharePoints(
                client.get(Endpoint.SHARE_STATISTICS, statisticsPath(Endpoint.SHARE_STATISTICS, chunk)), chunk));
        points.addAll(StatisticsReader.pagePoints(
                client.get(Endpoint.PAGE_STATISTICS, statisticsPath(Endpoint.PAGE_STATISTICS, chunk)), chunk));

        FetchCursor next = settle(new FetchCursor.Stats(chunk.to().plusDays(1)), range, window);
        return new FetchResult(points, List.of(), Optional.of(next.toCursor()), notes);
    }

    private FetchResult followers(DateRange range, ReportingWindow window) throws AdapterException {
        JsonNode size = client.get(Endpoint.NETWORK_SIZES, "/networkSizes/" + RestLi.encode(config.organizationUrn())
                + "?edgeType=COMPANY_FOLLOWED_BY_MEMBER");
        JsonNode first = size.get("firstDegreeSize");
        if (first == null || !first.canConvertToLong() || first.asLong() < 0
                || first.asLong() > MetricPoint.MAX_VALUE) {
            throw new AdapterException.BadResponse("LinkedIn " + Endpoint.NETWORK_SIZES.path()
                    + " returned no firstDegreeSize");
        }
        MetricPoint today = MetricPoint.of(CanonicalMetric.FOLLOWERS, window.today(), first.asLong());
        return FetchResult.partial(List.of(today), List.of(), new FetchCursor.Posts(0, null).toCursor());
    }

    /**
     * One page of the posts list, newest created first. Posts already seen (created at or after the
     * oldest post of earlier pages: new posts push the list down while we page) are skipped. Paging
     * stops at the first page reaching posts created before the range.
     */
    private FetchResult posts(FetchCursor.Posts step, DateRange range) throws AdapterException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("author", RestLi.encode(config.organizationUrn()));
        query.put("q", "author");
        query.put("count", String.valueOf(POSTS_PAGE_SIZE));
        query.put("start", String.valueOf(step.start()));
        query.put("sortBy", "CREATED");
        PostsPage page = PostsPage.read(client.get(Endpoint.POSTS, "/posts?" + RestLi.query(query)),
                step.start(), POSTS_PAGE_SIZE);

        Instant rangeStart = range.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<PostsPage.Post> wanted = new ArrayList<>();
        Long oldestSeen = step.seenBefore();
        for (PostsPage.Post post : page.posts()) {
            long created = post.createdAt().toEpochMilli();
            if (step.seenBefore() != null && created >= step.seenBefore()) {
                continue;
            }
            oldestSeen = oldestSeen == null ? created : Math.min(oldestSeen, created);
            LocalDate day = post.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (post.published() && range.contains(day)) {
                wanted.add(post);
            }
        }
        Map<String, Map<MetricId, Double>> metrics = postStatistics(wanted);
        List<PostSnapshot> snapshots = new ArrayList<>();
        for (PostsPage.Post post : wanted) {
            snapshots.add(post.snapshot(metrics.getOrDefault(post.urn(), Map.of())));
        }

        OptionalInt next = page.nextStart();
        boolean reachedOlderPosts = oldestSeen != null && oldestSeen < rangeStart.toEpochMilli();
        if (next.isEmpty() || reachedOlderPosts) {
            return FetchResult.last(List.of(), snapshots);
        }
        return FetchResult.partial(List.of(), snapshots, new FetchCursor.Posts(next.getAsInt(), oldestSeen).toCursor());
    }

    /**
     * Lifetime statistics of the given posts in one call: shares in {@code shares=List(...)}, ugcPosts
     * in {@code ugcPosts=List(...)} (LinkedIn answers 403 or nothing when a post is in the wrong list).
     */
    private Map<String, Map<MetricId, Double>> postStatistics(List<PostsPage.Post> posts) throws AdapterException {
        List<String> shares = new ArrayList<>();
        List<String> ugcPosts = new ArrayList<>();
        for (PostsPage.Post post : posts) {
            if (post.isShare()) {
                shares.add(post.urn());
            } else if (post.hasStatistics()) {
                ugcPosts.add(post.urn());
            }
        }
        if (shares.isEmpty() && ugcPosts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", "organizationalEntity");
        query.put("organizationalEntity", RestLi.encode(config.organizationUrn()));
        if (!shares.isEmpty()) {
            query.put("shares", RestLi.list(shares));
        }
        if (!ugcPosts.isEmpty()) {
            query.put("ugcPosts", RestLi.list(ugcPosts));
        }
        JsonNode body = client.get(Endpoint.SHARE_STATISTICS,
                "/organizationalEntityShareStatistics?" + RestLi.query(query));
        JsonNode elements = body.get("elements");
        if (elements == null || !elements.isArray()) {
            throw new AdapterException.BadResponse("LinkedIn " + Endpoint.SHARE_STATISTICS.path()
                    + " returned no elements array");
        }
        Map<String, Map<MetricId, Double>> byPost = new HashMap<>();
        for (JsonNode element : elements) {
            String urn = element.hasNonNull("share") ? element.path("share").asText()
                    : element.path("ugcPost").asText("");
            if (!urn.isEmpty()) {
                byPost.putIfAbsent(urn, StatisticsReader.shareMetrics(element.get("totalShareStatistics")));
            }
        }
        return byPost;
    }

    private String statisticsPath(Endpoint endpoint, DateRange days) {
        // Page statistics name the organization "organization"; the other two "organizationalEntity".
        String finder = endpoint == Endpoint.PAGE_STATISTICS ? "organization" : "organizationalEntity";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", finder);
        query.put(finder, RestLi.encode(config.organizationUrn()));
        query.put("timeIntervals", RestLi.dailyIntervals(days));
        String resource = endpoint.path().substring("/rest".length());
        return resource + "?" + RestLi.query(query);
    }

    /** Tells the user, once per range, which days LinkedIn cannot answer for yet or any more. */
    private static FetchResult withAvailabilityNotes(FetchResult result, DateRange range, ReportingWindow window) {
        FetchResult noted = result;
        if (range.from().isBefore(window.firstDay())) {
            noted = noted.withNote("LinkedIn keeps daily statistics for 12 months only: no account metrics before "
                    + window.firstDay() + ".");
        }
        if (range.to().isAfter(window.lastDay())) {
            LocalDate firstPending = range.from().isAfter(window.lastDay()) ? range.from() : window.lastDay().plusDays(1);
            noted = noted.withNote("LinkedIn publishes daily statistics with a 2-day delay: account metrics from "
                    + firstPending + " on are read by a later sync.");
        }
        return noted;
    }
}
