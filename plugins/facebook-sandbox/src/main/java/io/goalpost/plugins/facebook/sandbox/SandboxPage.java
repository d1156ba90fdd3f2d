package io.goalpost.plugins.facebook.sandbox;

import io.goalpost.plugin.sandbox.SimulatedFacebookLogin;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Objects;

/**
 * One simulated Facebook Page and the parameters of its synthetic audience.
 *
 * @param id the numeric Page id
 * @param name the Page name
 * @param username the Page's vanity name
 * @param category Facebook's Page category
 * @param initialFollowers followers on the day before {@link PageSimulation#HISTORY_START}
 * @param gainsPerDay average new followers per day at the start
 * @param growthPerYear how much faster the Page gains followers per year (0.4 = 40 % more each year)
 * @param churn lost followers as a share of new ones
 * @param viewsPerFollower daily media views per follower without posts
 * @param engagementRate engagements per media view
 * @param videoShare share of media views that are 3-second video plays
 * @param weekly rhythm factors Monday..Sunday, averaging about 1
 * @param postKinds the kinds of posts this Page publishes, weighted by repetition
 */
record SandboxPage(String id, String name, String username, String category, long initialFollowers,
        double gainsPerDay, double growthPerYear, double churn, double viewsPerFollower, double engagementRate,
        double videoShare, List<Double> weekly, List<PostKind> postKinds) implements SimulatedFacebookLogin.ManagedPage {

    SandboxPage {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(username, "username is null");
        weekly = List.copyOf(weekly);
        postKinds = List.copyOf(postKinds);
        if (weekly.size() != 7) {
            throw new IllegalArgumentException("weekly rhythm needs 7 factors");
        }
        if (postKinds.isEmpty()) {
            throw new IllegalArgumentException("a page publishes at least one kind of post");
        }
    }

    /** The token the sandbox issues for this Page: obviously fake, never shaped like a real one. */
    public String token() {
        return "sandbox-facebook-" + username;
    }

    /** The seed of all of this Page's noise. */
    long seed() {
        return Noise.mix(id.hashCode() * 31L + username.hashCode());
    }

    /** The rhythm factor of a weekday. */
    double weekly(DayOfWeek day) {
        return weekly.get(day.getValue() - 1);
    }

    /** What a Page publishes, with Facebook's {@code status_type}. */
    enum PostKind {
        PHOTO("added_photos", 1.0),
        VIDEO("added_video", 1.4),
        LINK("shared_story", 0.75),
        STATUS("mobile_status_update", 0.55);

        private final String statusType;
        private final double reachFactor;

        PostKind(String statusType, double reachFactor) {
            this.statusType = statusType;
            this.reachFactor = reachFactor;
        }

        String statusType() {
            return statusType;
        }

        double reachFactor() {
            return reachFactor;
        }
    }

    /**
     * Acme Legacy Page: the sandbox's person manages it and the sandbox serves it like the others, but it
     * is no demo account. The demo connects it with a token its owner revoked (its Page id is Acme
     * Coffee's with a 9 appended, as the platform's demo makes it), so reconnecting it through
     * "Connect with Facebook" is what makes it sync.
     */
    static SandboxPage legacyPage() {
        return new SandboxPage("1048576000000019", "Acme Legacy Page", "acmelegacy", "Coffee Shop", 900, 1.5, 0.10,
                0.20, 0.25, 0.030, 0.05, List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1),
                List.of(PostKind.PHOTO, PostKind.LINK, PostKind.STATUS));
    }

    /** Every Page the sandbox serves and its person manages: the demo Pages and {@link #legacyPage()}. */
    static List<SandboxPage> allPages() {
        List<SandboxPage> all = new java.util.ArrayList<>(demoPages());
        all.add(legacyPage());
        return List.copyOf(all);
    }

    /** The three demo Pages. */
    static List<SandboxPage> demoPages() {
        return List.of(
                new SandboxPage("104857600000001", "Acme Coffee", "acmecoffee", "Coffee Shop", 2_800, 6.0, 0.35,
                        0.25, 0.30, 0.045, 0.12, List.of(0.90, 0.90, 0.95, 1.00, 1.10, 1.30, 1.20),
                        List.of(PostKind.PHOTO, PostKind.PHOTO, PostKind.PHOTO, PostKind.VIDEO, PostKind.LINK,
                                PostKind.STATUS)),
                new SandboxPage("104857600000002", "Acme Outdoor", "acmeoutdoor", "Outdoor & Sporting Goods Company",
                        4_100, 9.0, 0.50, 0.30, 0.35, 0.050, 0.25, List.of(0.80, 0.85, 0.90, 0.95, 1.05, 1.40, 1.35),
                        List.of(PostKind.PHOTO, PostKind.PHOTO, PostKind.VIDEO, PostKind.VIDEO, PostKind.LINK)),
                new SandboxPage("104857600000003", "Acme Careers", "acmecareers", "Employment Agency", 1_900, 4.0, 0.25,
                        0.20, 0.20, 0.030, 0.05, List.of(1.15, 1.25, 1.20, 1.10, 0.90, 0.60, 0.60),
                        List.of(PostKind.LINK, PostKind.LINK, PostKind.PHOTO, PostKind.STATUS)));
    }
}
