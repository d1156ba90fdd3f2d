package io.goalpost.plugins.x.sandbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The synthetic history of a sandbox account. Every value is a pure function of the account and a
 * day (for post metrics: the account, the post and the simulated "now"), so repeated and
 * overlapping requests agree, and a demo that steps its clock one day at a time sees a realistic
 * year: a growth trend, a weekly rhythm (followers come on weekdays) and seeded noise.
 */
final class SyntheticX {

    /** Day on which {@link SandboxAccount#followersAtAnchor()} holds. */
    static final LocalDate ANCHOR = LocalDate.of(2025, 1, 1);

    /** X's snowflake epoch (2010-11-04T01:42:54.657Z): post ids encode their creation time. */
    private static final long SNOWFLAKE_EPOCH_MS = 1_288_834_974_657L;

    /** Share of a week's follower growth per day, Monday first; cumulative offsets below. */
    private static final double[] WEEKDAY_WEIGHT = {1.30, 1.35, 1.25, 1.10, 0.95, 0.50, 0.55};
    private static final double[] WEEK_OFFSET = cumulativeOffsets();

    /** Relative chance that a post of the week lands on each weekday, Monday first. */
    private static final double[] POSTING_WEIGHT = {1.2, 1.3, 1.25, 1.2, 1.05, 0.45, 0.55};

    private SyntheticX() {
    }

    /** How a post is illustrated. */
    enum MediaKind { NONE, PHOTO, VIDEO }

    /** A post as published: identity, time and the traits its metrics are drawn from. */
    record Post(long id, Instant createdAt, String text, MediaKind media, boolean hasLink) {
        String idText() {
            return Long.toString(id);
        }
    }

    /** The lifetime metrics of a post at some instant. */
    record Metrics(long impressions, long likes, long replies, long retweets, long quotes, long bookmarks,
            long urlLinkClicks, long userProfileClicks, long videoViews) {
    }

    // ---- account levels -------------------------------------------------------------------

    static long followers(SandboxAccount a, LocalDate day) {
        double rate = Math.log1p(a.annualGrowth()) / 365.0;
        long t = ChronoUnit.DAYS.between(ANCHOR, day);
        double trend = a.followersAtAnchor() * Math.exp(rate * t);
        double dailyGain = trend * rate;
        double weekly = dailyGain * WEEK_OFFSET[day.getDayOfWeek().getValue() - 1];
        double noise = dailyGain * a.noise() * (2 * unit(a, day.toEpochDay(), 1) - 1);
        return Math.max(0, Math.round(trend + weekly + noise));
    }

    static long following(SandboxAccount a, LocalDate day) {
        return a.followingBase() + Math.max(0, ChronoUnit.DAYS.between(a.createdOn(), day)) / 11;
    }

    static long listed(SandboxAccount a, LocalDate day) {
        return Math.round(followers(a, day) / 135.0);
    }

    /** All posts ever, replies and reposts included (which the timeline here does not serve). */
    static long tweetCount(SandboxAccount a, LocalDate day) {
        return Math.round(Math.max(0, ChronoUnit.DAYS.between(a.createdOn(), day)) * 1.9);
    }

    static long likeCount(SandboxAccount a, LocalDate day) {
        return Math.round(Math.max(0, ChronoUnit.DAYS.between(a.createdOn(), day)) * 0.7);
    }

    static long mediaCount(SandboxAccount a, LocalDate day) {
        return Math.round(Math.max(0, ChronoUnit.DAYS.between(a.createdOn(), day)) * 0.45);
    }

    // ---- posts --------------------------------------------------------------------------------

    /** The posts of the ISO week (Monday to Sunday) holding {@code day}: 5 to 10, oldest first. */
    static List<Post> postsOfWeek(SandboxAccount a, LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long week = monday.toEpochDay();
        int count = 5 + (int) (unit(a, week, 2) * 6);
        double total = 0;
        for (double w : POSTING_WEIGHT) {
            total += w;
        }
        List<Post> posts = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            double pick = unit(a, week, 100 + j) * total;
            int weekday = 0;
            while (weekday < 6 && pick >= POSTING_WEIGHT[weekday]) {
                pick -= POSTING_WEIGHT[weekday];
                weekday++;
            }
            LocalDate postDay = monday.plusDays(weekday);
            if (postDay.isBefore(a.createdOn())) {
                continue;
            }
            long secondOfDay = 7 * 3600 + (long) (unit(a, week, 200 + j) * 14 * 3600);
            Instant createdAt = postDay.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(secondOfDay);
            long id = ((createdAt.toEpochMilli() - SNOWFLAKE_EPOCH_MS) << 22) | ((long) a.index() << 17) | j;
            double m = unit(a, week, 300 + j);
            MediaKind media = m < 0.22 ? MediaKind.VIDEO : m < 0.67 ? MediaKind.PHOTO : MediaKind.NONE;
            boolean link = unit(a, week, 400 + j) < 0.45;
            String text = a.texts().get((int) (unit(a, week, 500 + j) * a.texts().size()));
            posts.add(new Post(id, createdAt, link ? text + " https://t.co/" + Long.toString(id % 2_176_782_336L, 36)
                    : text, media, link));
        }
        posts.sort(Comparator.comparing(Post::createdAt).thenComparing(Post::id));
        return List.copyOf(posts);
    }

    /**
     * A post's lifetime metrics at {@code now}: final values drawn per post, reached along a curve
     * (most within two days, a long tail over a month). Monotone in time, 0 before publication.
     */
    static Metrics metrics(SandboxAccount a, Post p, Instant now) {
        double hours = Math.max(0, Duration.between(p.createdAt(), now).getSeconds() / 3600.0);
        double maturity = 0.88 * (1 - Math.exp(-hours / 16)) + 0.12 * (1 - Math.exp(-hours / (24 * 30)));
        long seed = p.id();
        LocalDate day = p.createdAt().atOffset(ZoneOffset.UTC).toLocalDate();
        double gauss = Math.sqrt(-2 * Math.log(1 - unit(a, seed, 10))) * Math.cos(2 * Math.PI * unit(a, seed, 11));
        double reach = a.reachBase() * Math.exp(0.5 * gauss) * (unit(a, seed, 12) < 0.03 ? 4 : 1);
        double mediaFactor = p.media() == MediaKind.VIDEO ? 1.5 : p.media() == MediaKind.PHOTO ? 1.2 : 1.0;
        double impressions = followers(a, day) * reach * mediaFactor;
        double likes = impressions * a.likeRate() * (0.6 + 0.8 * unit(a, seed, 13));
        double replies = likes * (0.04 + 0.10 * unit(a, seed, 14));
        double retweets = likes * (0.06 + 0.12 * unit(a, seed, 15));
        double quotes = retweets * (0.10 + 0.25 * unit(a, seed, 16));
        double bookmarks = likes * (0.05 + 0.15 * unit(a, seed, 17));
        double linkClicks = p.hasLink() ? impressions * (0.004 + 0.012 * unit(a, seed, 18)) : 0;
        double profileClicks = impressions * (0.002 + 0.004 * unit(a, seed, 19));
        double videoViews = p.media() == MediaKind.VIDEO ? impressions * (0.30 + 0.35 * unit(a, seed, 20)) : 0;
        return new Metrics(at(impressions, maturity), at(likes, maturity), at(replies, maturity),
                at(retweets, maturity), at(quotes, maturity), at(bookmarks, maturity), at(linkClicks, maturity),
                at(profileClicks, maturity), at(videoViews, maturity));
    }

    private static long at(double lifetime, double maturity) {
        return (long) Math.floor(lifetime * maturity);
    }

    // ---- randomness ---------------------------------------------------------------------------

    /** A uniform value in [0, 1) fixed by the account, a key and a salt (SplitMix64 finaliser). */
    static double unit(SandboxAccount a, long key, long salt) {
        long z = a.index() * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static double[] cumulativeOffsets() {
        double[] offsets = new double[7];
        double sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += WEEKDAY_WEIGHT[i] - 1;
            offsets[i] = sum;
        }
        return offsets;
    }
}
