package io.goalpost.plugins.facebook.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The synthetic history of one Page: daily Page Insights and the posts it published. Every value is a
 * pure function of the Page and the day (the simulation always starts at {@link #HISTORY_START}), so
 * overlapping requests agree and a later clock only adds days. The audience follows a growth trend
 * with a weekly rhythm and seeded noise; followers satisfy
 * {@code followers(day) = followers(day - 1) + gains(day) - losses(day)}, and days with posts see more
 * views and more new followers.
 */
final class PageSimulation {

    /** The day the simulated Pages were created; there is no data before it. */
    static final LocalDate HISTORY_START = LocalDate.of(2023, 6, 1);
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    /** Share of a post's lifetime views that land on its first, second and third day. */
    private static final double[] POST_VIEW_SHARE = {0.55, 0.25, 0.10};

    /**
     * Share of a day's activity Page Insights have counted while the day is still inside the reporting
     * lag (Facebook updates insights once every 24 hours): yesterday shows most of its numbers, not all.
     */
    static final double PROVISIONAL_SHARE = 0.9;

    private static final String[] OTHER_REACTIONS = {"love", "wow", "haha", "sorry", "anger"};
    private static final double[] OTHER_REACTION_SHARES = {0.14, 0.04, 0.03, 0.01, 0.005};

    /** One day of Page Insights. */
    record Day(LocalDate date, long followers, long gains, long losses, long views, long reach, long engagements,
            long profileViews, long videoViews, long reactions) {

        /** This day with only {@code share} of its activity counted; the level moves by the counted net. */
        Day counted(double share) {
            long g = Math.round(gains * share);
            long l = Math.round(losses * share);
            long v = Math.round(views * share);
            return new Day(date, followers - gains + losses + g - l, g, l, v, Math.min(v, Math.round(reach * share)),
                    Math.round(engagements * share), Math.round(profileViews * share),
                    Math.min(v, Math.round(videoViews * share)), Math.round(reactions * share));
        }

        /**
         * Reactions by type as {@code page_actions_post_reactions_total} gives them: mostly likes, then
         * love, wow, haha, the odd sad or angry one; only types that occurred are listed.
         */
        Map<String, Long> reactionsByType(long seed) {
            long key = date.toEpochDay();
            Map<String, Long> byType = new LinkedHashMap<>();
            byType.put("like", 0L);
            long others = 0;
            for (int i = 0; i < OTHER_REACTIONS.length; i++) {
                long n = Math.min(reactions - others, Math.round(reactions * OTHER_REACTION_SHARES[i]
                        * Noise.between(seed, key, OTHER_REACTIONS[i], 0.5, 1.5)));
                byType.put(OTHER_REACTIONS[i], n);
                others += n;
            }
            byType.put("like", reactions - others);
            byType.values().removeIf(n -> n == 0);
            return byType;
        }
    }

    /**
     * A day as Page Insights show it on {@code today}: as simulated once it is final, with only part of
     * its activity counted while it is inside the reporting lag (today is never served).
     */
    Optional<Day> dayAsOf(LocalDate date, LocalDate today) {
        Optional<Day> day = day(date);
        return date.isBefore(today.minusDays(1)) ? day : day.map(d -> d.counted(PROVISIONAL_SHARE));
    }

    private final Map<LocalDate, Day> days = new TreeMap<>();
    private final List<SandboxPost> posts = new ArrayList<>();

    private PageSimulation() {
    }

    /** Simulates the Page from its creation through {@code last}. */
    static PageSimulation through(SandboxPage page, LocalDate last) {
        PageSimulation sim = new PageSimulation();
        long seed = page.seed();
        long followers = page.initialFollowers();
        List<List<SandboxPost>> recent = new ArrayList<>();
        for (LocalDate d = HISTORY_START; !d.isAfter(last); d = d.plusDays(1)) {
            long key = d.toEpochDay();
            double years = ChronoUnit.DAYS.between(HISTORY_START, d) / 365.0;
            double rhythm = page.weekly(d.getDayOfWeek());
            List<PostSlot> slots = slotsOn(page, d);
            double spike = Noise.uniform(seed, key, "spike") < 0.02 ? Noise.between(seed, key, "spike-x", 2.5, 6) : 1;
            double postLift = slots.isEmpty() ? 1 : 1.15;
            long gains = Math.round(page.gainsPerDay() * (1 + page.growthPerYear() * years) * rhythm
                    * Noise.between(seed, key, "gains", 0.7, 1.3) * spike * postLift);
            long losses = Math.min(followers, Math.round(
                    gains * page.churn() * Noise.between(seed, key, "losses", 0.5, 1.5)
                            + Noise.between(seed, key, "losses-base", 0, 2)));
            followers = followers + gains - losses;

            List<SandboxPost> today = new ArrayList<>();
            for (PostSlot slot : slots) {
                long number = SandboxPost.number(d, slot.index());
                today.add(new SandboxPost(page, number, slot.createdAt(), slot.kind(),
                        SandboxPost.simulate(page, number, slot.kind(), followers)));
            }
            sim.posts.addAll(today);
            recent.add(0, today);
            if (recent.size() > POST_VIEW_SHARE.length) {
                recent.remove(recent.size() - 1);
            }
            double postViews = 0;
            double postVideoViews = 0;
            for (int age = 0; age < recent.size(); age++) {
                for (SandboxPost post : recent.get(age)) {
                    postViews += post.finalMetrics().views() * POST_VIEW_SHARE[age];
                    postVideoViews += post.finalMetrics().videoViews() * POST_VIEW_SHARE[age];
                }
            }
            long views = Math.round(followers * page.viewsPerFollower() * rhythm
                    * Noise.between(seed, key, "views", 0.8, 1.2) + postViews);
            long reach = Math.min(views, Math.round(views * Noise.between(seed, key, "reach", 0.55, 0.7)));
            long engagements = Math.round(views * page.engagementRate() * Noise.logNormal(seed, key, "eng", 0.2));
            long profileViews = Math.round(views * 0.015 * Noise.between(seed, key, "profile", 0.7, 1.3) + gains * 0.6);
            long videoViews = Math.min(views, Math.round(views * page.videoShare()
                    * Noise.between(seed, key, "video", 0.8, 1.2) + postVideoViews));
            // Reactions are the larger part of engagements. A Page with only a handful of engagements
            // has the odd day without any reaction (Insights then show an empty breakdown, {}).
            double quiet = slots.isEmpty() ? Math.max(0, 0.25 * (1 - engagements / 30.0)) : 0;
            long reactions = Noise.uniform(seed, key, "no-reactions") < quiet ? 0
                    : Math.min(engagements, Math.round(engagements * Noise.between(seed, key, "reactions", 0.45, 0.65)));
            sim.days.put(d, new Day(d, followers, gains, losses, views, reach, engagements, profileViews, videoViews,
                    reactions));
        }
        return sim;
    }

    /** The insights of a day, if the Page existed and the simulation reached it. */
    Optional<Day> day(LocalDate date) {
        return Optional.ofNullable(days.get(date));
    }

    /** All posts, oldest first. */
    List<SandboxPost> posts() {
        return List.copyOf(posts);
    }

    /** When a post goes out and what it is. */
    record PostSlot(int index, Instant createdAt, SandboxPage.PostKind kind) {
    }

    /**
     * The posts published on a day: each ISO week gets 3 to 5 posts on distinct days, at office-ish
     * hours, all a pure function of (Page, week).
     */
    static List<PostSlot> slotsOn(SandboxPage page, LocalDate day) {
        if (day.isBefore(HISTORY_START)) {
            return List.of();
        }
        long seed = page.seed();
        long week = day.get(IsoFields.WEEK_BASED_YEAR) * 100L + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int count = 3 + (int) (Noise.uniform(seed, week, "posts-per-week") * 3);
        // Rank the seven weekdays by a per-week hash; the first `count` get a post.
        List<DayOfWeek> order = new ArrayList<>(List.of(DayOfWeek.values()));
        order.sort((a, b) -> Double.compare(Noise.uniform(seed, week * 10 + a.getValue(), "post-day"),
                Noise.uniform(seed, week * 10 + b.getValue(), "post-day")));
        if (!order.subList(0, count).contains(day.getDayOfWeek())) {
            return List.of();
        }
        long key = day.toEpochDay();
        int minute = 7 * 60 + (int) (Noise.uniform(seed, key, "post-time") * 12 * 60);
        int second = (int) (Noise.uniform(seed, key, "post-second") * 60);
        Instant at = day.atStartOfDay(ZONE).plusMinutes(minute).plusSeconds(second).toInstant();
        SandboxPage.PostKind kind = page.postKinds().get(
                (int) (Noise.uniform(seed, key, "post-kind") * page.postKinds().size()));
        return List.of(new PostSlot(0, at, kind));
    }
}
