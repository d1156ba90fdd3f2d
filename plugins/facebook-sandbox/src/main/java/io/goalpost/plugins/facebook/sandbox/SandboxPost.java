package io.goalpost.plugins.facebook.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A simulated post with the lifetime metrics it reaches once it has run its course. What the API
 * reports at a given moment grows towards those final values over the first days after publishing.
 *
 * @param page the Page that published it
 * @param number the post's own number (second part of the Graph id {@code <page-id>_<number>})
 * @param createdAt when it was published
 * @param kind photo, video, link or status
 * @param finalMetrics lifetime metrics after the post has run its course
 */
record SandboxPost(SandboxPage page, long number, Instant createdAt, SandboxPage.PostKind kind,
        Metrics finalMetrics) {

    /** Hours over which a post collects about two thirds of its lifetime numbers. */
    private static final double MATURITY_HOURS = 30;
    private static final long NUMBER_BASE = 900_000_000_000_000L;
    private static final List<String> MESSAGES = List.of(
            "Something new is waiting for you this week", "Thank you for 5 years with us",
            "Behind the scenes with our team", "Quick tip for the weekend", "Meet the people who make it happen",
            "Our spring collection is live", "Three things we learned this month", "Join us on Saturday");

    SandboxPost {
        Objects.requireNonNull(page, "page is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(finalMetrics, "finalMetrics is null");
    }

    /**
     * Lifetime metrics. Clicks split into {@code link clicks}, {@code photo view} and {@code other
     * clicks} as in {@code post_clicks_by_type}.
     */
    record Metrics(long views, long reach, long reactions, long comments, long shares, long linkClicks,
            long photoViews, long otherClicks, long videoViews) {

        long clicks() {
            return linkClicks + photoViews + otherClicks;
        }
    }

    /** The post number of the {@code index}-th post published on {@code day}. */
    static long number(LocalDate day, int index) {
        return NUMBER_BASE + day.toEpochDay() * 10 + index;
    }

    /** The day encoded in a post number. */
    static LocalDate dayOf(long number) {
        return LocalDate.ofEpochDay((number - NUMBER_BASE) / 10);
    }

    /** The Graph id, {@code <page-id>_<number>}. */
    String id() {
        return page.id() + "_" + number;
    }

    /** The public link Facebook gives the post. */
    String permalink() {
        return "https://www.facebook.com/" + page.id() + "/posts/" + number;
    }

    /** The post's text. */
    String message() {
        return MESSAGES.get((int) Math.floorMod(Noise.mix(page.seed() ^ number), (long) MESSAGES.size()));
    }

    /** What the API reports at {@code now}: the final values scaled by how long the post has run. */
    Metrics asOf(Instant now) {
        double hours = Math.max(0, Duration.between(createdAt, now).toSeconds() / 3600.0);
        double m = 1 - Math.exp(-hours / MATURITY_HOURS);
        Metrics f = finalMetrics;
        long views = Math.round(f.views() * m);
        long link = Math.round(f.linkClicks() * m);
        long photo = Math.round(f.photoViews() * m);
        long other = Math.round(f.otherClicks() * m);
        return new Metrics(views, Math.min(views, Math.round(f.reach() * m)), Math.round(f.reactions() * m),
                Math.round(f.comments() * m), Math.round(f.shares() * m), link, photo, other,
                Math.min(views, Math.round(f.videoViews() * m)));
    }

    /** Final metrics of a post published when the Page had {@code followers} followers. */
    static Metrics simulate(SandboxPage page, long number, SandboxPage.PostKind kind, long followers) {
        long seed = page.seed();
        double viral = Noise.uniform(seed, number, "viral") < 0.02 ? Noise.between(seed, number, "viral-x", 4, 8) : 1;
        double reach = followers * Noise.between(seed, number, "reach", 0.18, 0.30) * kind.reachFactor()
                * Noise.logNormal(seed, number, "reach-n", 0.45) * viral;
        double views = reach * Noise.between(seed, number, "views", 1.15, 1.6);
        double reactions = views * Noise.between(seed, number, "reactions", 0.02, 0.045);
        double comments = reactions * Noise.between(seed, number, "comments", 0.05, 0.2);
        // About one post in five is never shared; Facebook then leaves the shares field out entirely.
        double shares = Noise.uniform(seed, number, "shared") < 0.2 ? 0
                : Math.max(1, reactions * Noise.between(seed, number, "shares", 0.02, 0.12));
        double clicks = views * Noise.between(seed, number, "clicks", 0.03, 0.07);
        double link = kind == SandboxPage.PostKind.LINK ? clicks * Noise.between(seed, number, "link", 0.4, 0.7) : 0;
        double photo = kind == SandboxPage.PostKind.PHOTO ? clicks * Noise.between(seed, number, "photo", 0.3, 0.6) : 0;
        double video = kind == SandboxPage.PostKind.VIDEO ? views * Noise.between(seed, number, "video", 0.35, 0.6) : 0;
        long v = Math.round(views);
        return new Metrics(v, Math.min(v, Math.round(reach)), Math.round(reactions), Math.round(comments),
                Math.round(shares), Math.round(link), Math.round(photo), Math.round(clicks - link - photo),
                Math.round(video));
    }
}
