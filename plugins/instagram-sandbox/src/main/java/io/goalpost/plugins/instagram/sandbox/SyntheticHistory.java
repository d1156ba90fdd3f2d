package io.goalpost.plugins.instagram.sandbox;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The daily account figures of one simulated account: followers that grow with a trend, a weekly
 * rhythm (busier midweek, quieter at weekends), seeded noise, an occasional viral day, and more views
 * on and after posting days. Every value is a pure function of (account, day).
 */
final class SyntheticHistory {

    /** Days the model covers; outside them the followers level stays at its edge value. */
    static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2045, 12, 31);

    /** Monday to Sunday. */
    private static final double[] WEEKLY_RHYTHM = {1.00, 1.04, 1.07, 1.03, 0.97, 0.88, 0.91};

    private final SandboxAccount account;
    private final long[] cumulativeNet;

    SyntheticHistory(SandboxAccount account) {
        this.account = account;
        int days = (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
        this.cumulativeNet = new long[days];
        long sum = 0;
        for (int i = 0; i < days; i++) {
            LocalDate d = FIRST_DAY.plusDays(i);
            sum += gains(d) - losses(d);
            cumulativeNet[i] = sum;
        }
    }

    /**
     * Share of a day's activity the insights have counted, by the day's age in days (index 0 = today,
     * never served): Instagram's numbers arrive up to 48 hours late, so yesterday and the day before are
     * still growing; from the third day on a day is final.
     */
    private static final double[] COUNTED_BY_AGE = {0.0, 0.7, 0.95};

    /** The figures of one day. */
    record Day(long follows, long unfollows, long views, long reelsViews, long feedViews, long storyViews, long reach,
            long likes, long comments, long shares, long saves, long accountsEngaged, long profileLinksTaps) {

        long totalInteractions() {
            return likes + comments + shares + saves;
        }

        /** This day with only {@code share} of its activity counted. */
        Day counted(double share) {
            long v = Math.round(views * share);
            long reels = Math.min(v, Math.round(reelsViews * share));
            long story = Math.min(v - reels, Math.round(storyViews * share));
            return new Day(Math.round(follows * share), Math.round(unfollows * share), v, reels, v - reels - story,
                    story, Math.round(reach * share), Math.round(likes * share), Math.round(comments * share),
                    Math.round(shares * share), Math.round(saves * share), Math.round(accountsEngaged * share),
                    Math.round(profileLinksTaps * share));
        }
    }

    SandboxAccount account() {
        return account;
    }

    /** Followers at the end of a day. */
    long followers(LocalDate day) {
        long value = account.followersAtAnchor() + cumulative(day) - cumulative(account.anchorDay());
        return Math.max(0, value);
    }

    private long cumulative(LocalDate day) {
        int i = (int) ChronoUnit.DAYS.between(FIRST_DAY, day);
        return cumulativeNet[Math.max(0, Math.min(cumulativeNet.length - 1, i))];
    }

    /** New followers that day. */
    long gains(LocalDate day) {
        long e = day.toEpochDay();
        int a = account.index();
        double viral = Noise.unit(a, e, 1) < 0.015 ? Noise.between(a, e, 2, 2.0, 4.0) : 1.0;
        double expected = account.dailyGains() * growth(day) * rhythm(day) * Noise.between(a, e, 3, 0.75, 1.25) * viral;
        return Noise.stochasticRound(expected, a, e, 4);
    }

    /** Followers lost that day. */
    long losses(LocalDate day) {
        long e = day.toEpochDay();
        int a = account.index();
        double expected = account.dailyGains() * growth(day) * account.lossRatio() * Noise.between(a, e, 5, 0.6, 1.4);
        return Noise.stochasticRound(expected, a, e, 6);
    }

    /** All figures of one day. */
    Day day(LocalDate day) {
        long e = day.toEpochDay();
        int a = account.index();
        double postBoost = 1.0 + (PostSchedule.on(account, day).isPresent() ? 0.35 : 0)
                + (PostSchedule.on(account, day.minusDays(1)).isPresent() ? 0.15 : 0);
        long views = Math.round(followers(day) * account.viewsPerFollower() * rhythm(day)
                * Noise.between(a, e, 20, 0.8, 1.2) * postBoost);
        long reels = Math.min(views, Math.round(views * account.reelsViewShare() * Noise.between(a, e, 21, 0.85, 1.15)));
        long story = Math.round((views - reels) * 0.25);
        long feed = views - reels - story;
        long reach = Math.round(views * 0.46 * Noise.between(a, e, 22, 0.9, 1.1));
        long likes = Math.round(views * 0.031 * Noise.between(a, e, 23, 0.8, 1.2));
        long comments = Math.round(likes * 0.055 * Noise.between(a, e, 24, 0.7, 1.3));
        long shares = Math.round(likes * 0.11 * Noise.between(a, e, 25, 0.7, 1.3));
        long saves = Math.round(likes * 0.085 * Noise.between(a, e, 26, 0.7, 1.3));
        long engaged = Math.round((likes + comments + shares + saves) * 0.74 * Noise.between(a, e, 27, 0.95, 1.02));
        long taps = Math.round(views * 0.0016 * Noise.between(a, e, 28, 0.6, 1.4));
        return new Day(gains(day), losses(day), views, reels, feed, story, reach, likes, comments, shares, saves,
                engaged, taps);
    }

    /**
     * The figures of a day as the insights show them on {@code today}: final from the third day back,
     * partly counted before (the declared reporting lag of 3 days).
     */
    Day dayAsOf(LocalDate day, LocalDate today) {
        long age = ChronoUnit.DAYS.between(day, today);
        Day figures = day(day);
        return age >= COUNTED_BY_AGE.length ? figures : figures.counted(COUNTED_BY_AGE[(int) Math.max(0, age)]);
    }

    private double growth(LocalDate day) {
        double years = ChronoUnit.DAYS.between(account.anchorDay(), day) / 365.25;
        return Math.max(0.2, 1 + account.yearlyGrowth() * years);
    }

    private static double rhythm(LocalDate day) {
        return WEEKLY_RHYTHM[day.getDayOfWeek().getValue() - 1];
    }
}
