package io.goalpost.plugins.linkedin.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's data: every value is a pure function of (page, day), and a post's lifetime numbers
 * of (post, today), so repeated and overlapping requests always agree. Activity grows along a trend,
 * follows a weekly rhythm (busy Tuesdays, quiet weekends), gets a lift on days with a post, and
 * carries seeded noise.
 */
final class SyntheticHistory {

    /** The first day of every page's synthetic history (followers are counted from here). */
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final long POST_ID_BASE = 7_300_000_000_000_000_000L;

    private SyntheticHistory() {
    }

    /** One day of {@code totalShareStatistics}. */
    record ShareDay(long impressions, long uniqueImpressions, long clicks, long likes, long comments, long shares) {
        double engagementRate() {
            return impressions == 0 ? 0 : Math.round((clicks + likes + comments + shares) * 10_000.0 / impressions)
                    / 10_000.0;
        }
    }

    /** One day of follower movement; LinkedIn reports the gains but not the losses. */
    record FollowerDay(long organicGain, long paidGain, long lost) {
        long net() {
            return organicGain + paidGain - lost;
        }
    }

    /** One day of page views. */
    record PageDay(long all, long allUnique, long desktop, long mobile, long overview, long careers,
            long careersUnique, long jobsClicks) {
    }

    static ShareDay shares(SandboxOrganization org, LocalDate day) {
        double lift = postOn(org, day).isPresent() ? 1.35 : 1.0;
        long impressions = Math.round(org.impressionsPerDay() * trend(org, day) * weekly(day)
                * between(org, day, 1, 0.85, 1.15) * lift);
        return new ShareDay(impressions,
                Math.round(impressions * between(org, day, 2, 0.55, 0.65)),
                Math.round(impressions * between(org, day, 3, 0.010, 0.018)),
                Math.round(impressions * between(org, day, 4, 0.013, 0.021)),
                Math.round(impressions * between(org, day, 5, 0.0012, 0.0024)),
                Math.round(impressions * between(org, day, 6, 0.0008, 0.0016)));
    }

    static FollowerDay followers(SandboxOrganization org, LocalDate day) {
        // Follows react less to the weekday than impressions do.
        long organic = Math.round(org.organicGainsPerDay() * trend(org, day) * (0.6 + 0.4 * weekly(day))
                * between(org, day, 7, 0.7, 1.3));
        long paid = org.paidGainsPerDay() == 0 ? 0
                : Math.round(org.paidGainsPerDay() * between(org, day, 8, 0.0, 2.0));
        long lost = Math.round(organic * org.lossShare() * between(org, day, 9, 0.5, 1.5));
        return new FollowerDay(organic, paid, lost);
    }

    /** Followers at the end of a day: the base plus every day's net change since {@link #FIRST_DAY}. */
    static long followersAt(SandboxOrganization org, LocalDate day) {
        long total = org.baseFollowers();
        for (LocalDate d = FIRST_DAY; !d.isAfter(day); d = d.plusDays(1)) {
            total += followers(org, d).net();
        }
        return total;
    }

    static PageDay pageViews(SandboxOrganization org, LocalDate day) {
        long all = Math.round(org.pageViewsPerDay() * trend(org, day) * weekly(day) * between(org, day, 10, 0.8, 1.2));
        long desktop = Math.round(all * between(org, day, 11, 0.52, 0.64));
        long careers = Math.round(all * org.careersShare() * between(org, day, 12, 0.85, 1.15));
        return new PageDay(all, Math.round(all * between(org, day, 13, 0.62, 0.74)), desktop, all - desktop,
                Math.round(all * between(org, day, 14, 0.45, 0.6)), careers,
                Math.round(careers * between(org, day, 15, 0.7, 0.8)),
                Math.round(careers * between(org, day, 16, 0.04, 0.09)));
    }

    /** The page's post of that day, if it posts that day (2 to 3 posts a week). */
    static Optional<SandboxPost> postOn(SandboxOrganization org, LocalDate day) {
        boolean posts = org.postDays().contains(day.getDayOfWeek())
                || day.getDayOfWeek() == org.occasionalPostDay() && noise(org, day, 20) < 0.5;
        if (!posts) {
            return Optional.empty();
        }
        int minute = (int) Math.floor(noise(org, day, 21) * 8 * 60);
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(8 * 60L + minute, ChronoUnit.MINUTES);
        double pick = noise(org, day, 22);
        String kind = pick < 0.2 ? "video" : pick < 0.6 ? "image" : pick < 0.8 ? "article" : "text";
        long number = POST_ID_BASE + day.toEpochDay() * 1_000L + org.id() % 1_000L;
        String urn = (kind.equals("video") ? "urn:li:ugcPost:" : "urn:li:share:") + number;
        return Optional.of(new SandboxPost(urn, org, day, at, kind, commentary(org, day, kind)));
    }

    /** The post with that URN, if the page published it on a day the sandbox simulates. */
    static Optional<SandboxPost> post(SandboxOrganization org, String urn) {
        int colon = urn.lastIndexOf(':');
        try {
            long number = Long.parseLong(urn.substring(colon + 1));
            long rest = number - POST_ID_BASE;
            if (rest < 0 || rest % 1_000L != org.id() % 1_000L) {
                return Optional.empty();
            }
            return postOn(org, LocalDate.ofEpochDay(rest / 1_000L)).filter(p -> p.urn().equals(urn));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A post's lifetime numbers as of {@code today}: most of a LinkedIn post's audience arrives in its
     * first days, so the totals rise quickly and then settle.
     */
    static ShareDay lifetime(SandboxPost post, LocalDate today) {
        SandboxOrganization org = post.organization();
        long age = Math.max(0, ChronoUnit.DAYS.between(post.day(), today));
        double settled = 1 - Math.exp(-(age + 0.5) / 1.5);
        double format = switch (post.kind()) {
            case "video" -> 1.4;
            case "image" -> 1.15;
            case "article" -> 0.8;
            default -> 0.9;
        };
        long impressions = Math.round(org.impressionsPerDay() * 1.6 * trend(org, post.day()) * format
                * between(org, post.day(), 30, 0.5, 1.6) * settled);
        return new ShareDay(impressions,
                Math.round(impressions * between(org, post.day(), 31, 0.6, 0.72)),
                Math.round(impressions * between(org, post.day(), 32, 0.012, 0.03)),
                Math.round(impressions * between(org, post.day(), 33, 0.015, 0.03)),
                Math.round(impressions * between(org, post.day(), 34, 0.001, 0.004)),
                Math.round(impressions * between(org, post.day(), 35, 0.0005, 0.0025)));
    }

    /** All the page's posts published on days {@code from..to}, newest first. */
    static List<SandboxPost> posts(SandboxOrganization org, LocalDate from, LocalDate to) {
        List<SandboxPost> posts = new ArrayList<>();
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(1)) {
            postOn(org, d).ifPresent(posts::add);
        }
        return posts;
    }

    /** Mentions of the page, for the lifetime share statistics. */
    static long mentions(SandboxOrganization org, LocalDate day, int channel) {
        return Math.round(between(org, day, 40 + channel, 0, 1.4));
    }

    private static double trend(SandboxOrganization org, LocalDate day) {
        double years = ChronoUnit.DAYS.between(FIRST_DAY, day) / 365.0;
        return Math.max(0.3, 1 + org.growthPerYear() * years);
    }

    private static double weekly(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case MONDAY -> 1.08;
            case TUESDAY -> 1.16;
            case WEDNESDAY -> 1.12;
            case THURSDAY -> 1.06;
            case FRIDAY -> 0.9;
            case SATURDAY -> 0.5;
            case SUNDAY -> 0.46;
        };
    }

    private static double between(SandboxOrganization org, LocalDate day, int channel, double low, double high) {
        return low + (high - low) * noise(org, day, channel);
    }

    /** Uniform in [0, 1), fixed for (page, day, channel): a SplitMix64 finaliser over the three. */
    static double noise(SandboxOrganization org, LocalDate day, int channel) {
        long z = org.seed() * 0x9E3779B97F4A7C15L + day.toEpochDay() * 0xBF58476D1CE4E5B9L + channel * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static String commentary(SandboxOrganization org, LocalDate day, String kind) {
        List<String> lines = org.key().equals("acme-careers")
                ? List.of("We're hiring engineers in Berlin", "Meet the team behind our new warehouse",
                        "Five questions for our summer interns", "Open roles this week: design, data and sales",
                        "How we onboard new colleagues")
                : List.of("Our quarterly results are out", "A look inside the Acme lab",
                        "Customer story: how Globex cut its shipping time", "Join our webinar on supply chains",
                        "New in the Acme catalogue this month");
        String line = lines.get((int) Math.floor(noise(org, day, 23) * lines.size()));
        return kind.equals("video") ? line + " (video)" : line;
    }
}
