package io.goalpost.plugins.tiktok.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The synthetic history of one account: a pure function of the account and the day, so repeated and
 * overlapping requests agree and the demo can build a long history by stepping its clock. The clock
 * only decides which days are already visible and how old each video is.
 *
 * <p>Model: followers grow by daily gains (a slowly rising trend, a weekly rhythm, seeded noise and a
 * bump on days with new videos) minus losses (a share of the gains). Each video has a potential audience
 * proportional to the followers when it was posted, sometimes much more (a video going viral), and
 * collects most of its views in its first days. An account's daily views are the views its videos
 * collected that day plus a baseline from older videos and profile browsing.
 */
final class SyntheticHistory {

    /** Activity by weekday, Monday first: weekends are busier on TikTok. */
    private static final double[] WEEKDAY = {0.92, 0.95, 1.0, 1.02, 1.08, 1.2, 1.15};

    /** Videos keep counting towards an account's daily views for this long. */
    private static final int VIDEO_TAIL_DAYS = 60;

    /** After this age TikTok may drop reach and watch time of an inactive video (modelled as: always). */
    private static final int INACTIVE_AFTER_DAYS = 180;

    /** "Post data will stop updating 365 days after the post is published." */
    private static final int FROZEN_AFTER_DAYS = 365;

    /** Base of the simulated video ids, shaped like TikTok's 19-digit item ids. */
    private static final long VIDEO_ID_BASE = 7_000_000_000_000_000_000L;

    // Salts: one per random quantity, so they are independent of each other.
    private static final long GAIN = 1, LOSS = 2, BASELINE = 3, UNIQUE = 4, PROFILE = 5, LIKES = 6, COMMENTS = 7,
            SHARES = 8, BIO = 9, ENGAGED = 10, WEEK_COUNT = 11, WEEK_SLOT = 12, HOUR = 13, MINUTE = 14,
            POTENTIAL = 15, VIRAL = 16, VIRAL_SIZE = 17, V_REACH = 18, V_LIKES = 19, V_COMMENTS = 20,
            V_SHARES = 21, V_FAVORITES = 22, DURATION = 23, WATCHED = 24, FULL_RATE = 25, V_FOLLOWERS = 26,
            V_PROFILE = 27, V_CLICKS = 28, CAPTION = 29;

    private final SandboxAccount account;

    SyntheticHistory(SandboxAccount account) {
        this.account = Objects.requireNonNull(account, "account is null");
    }

    /**
     * Share of a day's activity TikTok has counted, by the day's age in days (index 0 = today, never
     * served): metrics arrive 24 to 48 hours late, so yesterday and the day before are still growing and
     * a day is final from the third day back (the declared reporting lag of 3 days).
     */
    private static final double[] COUNTED_BY_AGE = {0.0, 0.7, 0.95};

    /**
     * One day of account metrics as TikTok reports them; {@code bioLinkClicks} is null for accounts that
     * are not registered Business accounts.
     */
    record Day(LocalDate date, long followers, long gains, long losses, long videoViews, long uniqueVideoViews,
            long profileViews, long likes, long comments, long shares, Long bioLinkClicks, long engagedAudience) {

        /** This day with only {@code share} of its activity counted, its level moved by the counted net. */
        Day counted(double share, long followersBefore) {
            long g = Math.round(gains * share);
            long l = Math.round(losses * share);
            long views = Math.round(videoViews * share);
            return new Day(date, followersBefore + g - l, g, l, views, Math.min(views, Math.round(uniqueVideoViews * share)),
                    Math.round(profileViews * share), Math.round(likes * share), Math.round(comments * share),
                    Math.round(shares * share), bioLinkClicks == null ? null : Math.round(bioLinkClicks * share),
                    Math.round(engagedAudience * share));
        }
    }

    /** The days of {@code [from, to]} that have data (analytics was on), oldest first. */
    List<Day> days(LocalDate from, LocalDate to) {
        LocalDate start = from.isBefore(account.analyticsSince()) ? account.analyticsSince() : from;
        if (start.isAfter(to)) {
            return List.of();
        }
        Followers followers = new Followers(to);
        List<Day> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(day(d, followers));
        }
        return List.copyOf(days);
    }

    /**
     * The days of {@code [from, to]} as TikTok shows them on {@code today}: final from the third day back,
     * partly counted before, with the follower level of each partly counted day moved by the counted
     * gains and losses from the day before, so {@code followers = previous + new - lost} still holds.
     */
    List<Day> daysAsOf(LocalDate from, LocalDate to, LocalDate today) {
        LocalDate firstPartial = today.minusDays(COUNTED_BY_AGE.length - 1L);
        if (to.isBefore(firstPartial)) {
            return days(from, to);
        }
        LocalDate chainFrom = from.isBefore(firstPartial) ? from : firstPartial.minusDays(1);
        List<Day> shown = new ArrayList<>();
        Day previous = null;
        for (Day day : days(chainFrom, to)) {
            long age = ChronoUnit.DAYS.between(day.date(), today);
            Day reported = day;
            if (age < COUNTED_BY_AGE.length) {
                long before = previous != null && previous.date().equals(day.date().minusDays(1)) ? previous.followers()
                        : day.followers() - day.gains() + day.losses();
                reported = day.counted(COUNTED_BY_AGE[(int) Math.max(0, age)], before);
            }
            if (!day.date().isBefore(from)) {
                shown.add(reported);
            }
            previous = reported;
        }
        return List.copyOf(shown);
    }

    /** Followers at the end of {@code day} (the level before analytics started for earlier days). */
    long followersOn(LocalDate day) {
        return new Followers(day).on(day);
    }

    /** Videos posted on or after the first video day and before {@code ceiling}, newest first, at most {@code limit}. */
    List<SandboxVideo> videosBefore(Instant ceiling, int limit) {
        List<SandboxVideo> videos = new ArrayList<>();
        Instant last = ceiling.minusMillis(1);
        for (LocalDate d = LocalDate.ofInstant(last, ZoneOffset.UTC);
                !d.isBefore(account.videosSince()) && videos.size() < limit; d = d.minusDays(1)) {
            videoOn(d).filter(v -> v.publishedAt().isBefore(ceiling)).ifPresent(videos::add);
        }
        return List.copyOf(videos);
    }

    /** How many videos were posted up to {@code until}. */
    int videosCount(Instant until) {
        int count = 0;
        for (LocalDate d = account.videosSince(); !d.isAfter(LocalDate.ofInstant(until, ZoneOffset.UTC));
                d = d.plusDays(1)) {
            if (videoOn(d).filter(v -> !v.publishedAt().isAfter(until)).isPresent()) {
                count++;
            }
        }
        return count;
    }

    /** The video with that id, if it is one of this account's and already posted at {@code now}. */
    Optional<SandboxVideo> video(String itemId, Instant now) {
        long id;
        try {
            id = Long.parseLong(itemId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long rest = id - VIDEO_ID_BASE - account.number() * 1_000_000_000_000L;
        if (rest < 0 || rest % 10 != 1) {
            return Optional.empty();
        }
        return videoOn(LocalDate.ofEpochDay(rest / 10)).filter(v -> !v.publishedAt().isAfter(now));
    }

    /**
     * The video posted on {@code day}, if any. Every week (Monday to Sunday) has 3 or 4 videos on
     * distinct days, at a daytime hour.
     */
    Optional<SandboxVideo> videoOn(LocalDate day) {
        if (day.isBefore(account.videosSince())) {
            return Optional.empty();
        }
        long epochDay = day.toEpochDay();
        long monday = day.minusDays(day.getDayOfWeek().getValue() - 1L).toEpochDay();
        int count = Noise.unit(seed(), monday, WEEK_COUNT) < 0.5 ? 3 : 4;
        int slot = day.getDayOfWeek().getValue() - 1;
        boolean posts = IntStream.range(0, 7).boxed()
                .sorted(Comparator.comparingDouble(i -> Noise.unit(seed(), monday, WEEK_SLOT, i)))
                .limit(count)
                .anyMatch(i -> i == slot);
        if (!posts) {
            return Optional.empty();
        }
        int hour = 8 + (int) (Noise.unit(seed(), epochDay, HOUR) * 13);
        int second = (int) (Noise.unit(seed(), epochDay, MINUTE) * 3600);
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour)).plusSeconds(second);
        String id = Long.toString(VIDEO_ID_BASE + account.number() * 1_000_000_000_000L + epochDay * 10 + 1);
        List<String> captions = account.captions();
        String caption = captions.get((int) (Noise.unit(seed(), epochDay, CAPTION) * captions.size()));
        double duration = Math.round(Noise.between(9, 60, seed(), epochDay, DURATION) * 10) / 10.0;
        return Optional.of(new SandboxVideo(id, at, caption, duration));
    }

    /** The video's lifetime metrics as of {@code at}. */
    SandboxVideo.Stats stats(SandboxVideo video, Instant at) {
        return stats(List.of(video), at).get(0);
    }

    /** Lifetime metrics of several videos as of {@code at}, in the same order (one follower timeline for all). */
    List<SandboxVideo.Stats> stats(List<SandboxVideo> videos, Instant at) {
        LocalDate newest = videos.stream().map(SandboxVideo::day).max(Comparator.naturalOrder())
                .orElse(account.analyticsSince());
        Followers followers = new Followers(newest);
        return videos.stream().map(v -> stats(v, at, followers.on(v.day().minusDays(1)))).toList();
    }

    private SandboxVideo.Stats stats(SandboxVideo video, Instant at, long followersBefore) {
        long key = video.day().toEpochDay();
        double ageDays = Math.max(0, Duration.between(video.publishedAt(), at).toSeconds() / 86_400.0);
        long views = views(video, at, followersBefore);
        boolean inactive = ageDays > INACTIVE_AFTER_DAYS;
        long likes = Math.round(views * Noise.between(0.05, 0.10, seed(), key, V_LIKES));
        long profileViews = Math.round(views * Noise.between(0.01, 0.025, seed(), key, V_PROFILE));
        double average = Math.round(video.durationSeconds() * Noise.between(0.3, 0.65, seed(), key, WATCHED) * 10)
                / 10.0;
        return new SandboxVideo.Stats(
                views,
                inactive ? null : Math.round(views * Noise.between(0.70, 0.82, seed(), key, V_REACH)),
                likes,
                Math.round(likes * Noise.between(0.03, 0.08, seed(), key, V_COMMENTS)),
                Math.round(likes * Noise.between(0.02, 0.07, seed(), key, V_SHARES)),
                Math.round(likes * Noise.between(0.08, 0.18, seed(), key, V_FAVORITES)),
                inactive ? null : Math.round(views * average),
                inactive ? null : average,
                inactive ? null : Math.round(Noise.between(0.08, 0.38, seed(), key, FULL_RATE) * 1000) / 1000.0,
                Math.round(views * Noise.between(0.001, 0.005, seed(), key, V_FOLLOWERS)),
                profileViews,
                account.registeredBusiness()
                        ? Math.round(profileViews * Noise.between(0.04, 0.10, seed(), key, V_CLICKS)) : null);
    }

    /** Views of a video up to {@code at}: most in the first days, a long tail, frozen after a year. */
    private long views(SandboxVideo video, Instant at, long followersBefore) {
        if (at.isBefore(video.publishedAt())) {
            return 0;
        }
        long key = video.day().toEpochDay();
        double age = Math.min(FROZEN_AFTER_DAYS, Duration.between(video.publishedAt(), at).toSeconds() / 86_400.0);
        double collected = 0.85 * (1 - Math.exp(-age / 2.5)) + 0.15 * (1 - Math.exp(-age / 45));
        double viral = Noise.unit(seed(), key, VIRAL) > 0.93 ? Noise.between(4, 10, seed(), key, VIRAL_SIZE) : 1;
        double potential = Math.max(200, followersBefore) * Noise.between(0.5, 1.6, seed(), key, POTENTIAL) * viral;
        return Math.round(potential * collected);
    }

    private Day day(LocalDate d, Followers followers) {
        long key = d.toEpochDay();
        double weekday = WEEKDAY[d.getDayOfWeek().getValue() - 1];
        Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        double fromVideos = 0;
        for (LocalDate p = d.minusDays(VIDEO_TAIL_DAYS); !p.isAfter(d); p = p.plusDays(1)) {
            Optional<SandboxVideo> video = videoOn(p);
            if (video.isPresent()) {
                long before = followers.on(p.minusDays(1));
                fromVideos += views(video.get(), end, before) - views(video.get(), start, before);
            }
        }
        long level = followers.on(d);
        long videoViews = Math.round(level * Noise.between(0.05, 0.08, seed(), key, BASELINE) * weekday + fromVideos);
        long unique = Math.round(videoViews * Noise.between(0.68, 0.78, seed(), key, UNIQUE));
        long profileViews = Math.round(videoViews * Noise.between(0.02, 0.035, seed(), key, PROFILE));
        long likes = Math.round(videoViews * Noise.between(0.055, 0.085, seed(), key, LIKES));
        long comments = Math.round(likes * Noise.between(0.04, 0.08, seed(), key, COMMENTS));
        long shares = Math.round(likes * Noise.between(0.03, 0.07, seed(), key, SHARES));
        Long bioClicks = account.registeredBusiness()
                ? Math.round(profileViews * Noise.between(0.05, 0.09, seed(), key, BIO)) : null;
        long engaged = Math.min(unique,
                Math.round((likes + comments + shares) * Noise.between(0.72, 0.85, seed(), key, ENGAGED)));
        long[] flow = followers.flow(d);
        return new Day(d, level, flow[0], flow[1], videoViews, unique, profileViews, likes, comments, shares,
                bioClicks, engaged);
    }

    private long seed() {
        return account.number() * 7_919L;
    }

    /**
     * Followers at the end of each day from the day analytics started through {@code until}, built once
     * per request by adding each day's gains and subtracting its losses.
     */
    private final class Followers {
        private final LocalDate first = account.analyticsSince();
        private final long[] levels;

        Followers(LocalDate until) {
            int n = (int) Math.max(0, ChronoUnit.DAYS.between(first, until) + 1);
            levels = new long[n];
            long level = account.startFollowers();
            for (int i = 0; i < n; i++) {
                long[] flow = flow(first.plusDays(i));
                level += flow[0] - flow[1];
                levels[i] = level;
            }
        }

        long on(LocalDate day) {
            if (day.isBefore(first)) {
                return account.startFollowers();
            }
            int i = (int) ChronoUnit.DAYS.between(first, day);
            if (i >= levels.length) {
                throw new IllegalArgumentException(day + " is after the days this timeline covers");
            }
            return levels[i];
        }

        /** Gains and losses of a day: a trend, the weekday, a bump after new videos, and noise. */
        long[] flow(LocalDate d) {
            long key = d.toEpochDay();
            double years = ChronoUnit.DAYS.between(first, d) / 365.0;
            double trend = account.dailyGainBase() * (1 + account.yearlyGrowth() * years);
            double videos = 0.8 * posted(d) + 0.35 * posted(d.minusDays(1)) + 0.15 * posted(d.minusDays(2));
            long gains = Math.round(trend * WEEKDAY[d.getDayOfWeek().getValue() - 1] * (1 + videos)
                    * Noise.between(0.8, 1.2, seed(), key, GAIN));
            long losses = Math.round(gains * Noise.between(0.10, 0.22, seed(), key, LOSS));
            return new long[] {gains, losses};
        }

        private int posted(LocalDate d) {
            return videoOn(d).isPresent() ? 1 : 0;
        }
    }
}
