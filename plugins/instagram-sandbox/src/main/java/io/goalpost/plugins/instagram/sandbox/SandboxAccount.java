package io.goalpost.plugins.instagram.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One simulated Instagram professional account and the parameters of its synthetic history. Every
 * date here is absolute, so each value is a pure function of (account, day); what the sandbox serves
 * is then cut relative to its clock (two years back, up to yesterday).
 *
 * @param index small number used in ids and seeds (1–99)
 * @param igUserId the Instagram user id
 * @param username the handle, also the token suffix ({@code sandbox-instagram-<username>})
 * @param name the display name
 * @param loginType {@code instagram_login} or {@code facebook_login}: how the demo connects it
 * @param anchorDay the day on which {@link #followersAtAnchor()} holds
 * @param followersAtAnchor followers at the end of the anchor day
 * @param dailyGains average new followers per day at the anchor day
 * @param lossRatio lost followers as a share of new ones
 * @param yearlyGrowth yearly growth of the daily gains (0.2 = 20 % more new followers per day each year)
 * @param viewsPerFollower daily views per follower on an average day
 * @param reelsViewShare the share of daily views that Reels get
 * @param minPostsPerWeek fewest posts in a week
 * @param maxPostsPerWeek most posts in a week
 * @param reelPostShare share of posts that are Reels
 * @param carouselPostShare share of posts that are carousels (the rest are single images)
 * @param firstPostDay the day of the first post
 * @param professionalSince the day the account became a professional account: no insights before it
 * @param captions captions the posts cycle through
 */
record SandboxAccount(int index, String igUserId, String username, String name, String loginType,
        LocalDate anchorDay, long followersAtAnchor, double dailyGains, double lossRatio, double yearlyGrowth,
        double viewsPerFollower, double reelsViewShare, int minPostsPerWeek, int maxPostsPerWeek,
        double reelPostShare, double carouselPostShare, LocalDate firstPostDay, LocalDate professionalSince,
        List<String> captions) {

    static final String INSTAGRAM_LOGIN = "instagram_login";
    static final String FACEBOOK_LOGIN = "facebook_login";

    SandboxAccount {
        if (index < 1 || index > 99) {
            throw new IllegalArgumentException("index must be 1..99: " + index);
        }
        Objects.requireNonNull(igUserId, "igUserId is null");
        Objects.requireNonNull(username, "username is null");
        Objects.requireNonNull(name, "name is null");
        if (!INSTAGRAM_LOGIN.equals(loginType) && !FACEBOOK_LOGIN.equals(loginType)) {
            throw new IllegalArgumentException("loginType: " + loginType);
        }
        if (minPostsPerWeek < 1 || maxPostsPerWeek < minPostsPerWeek || maxPostsPerWeek > 7) {
            throw new IllegalArgumentException("posts per week must satisfy 1 <= min <= max <= 7");
        }
        captions = List.copyOf(captions);
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("captions is empty");
        }
    }

    /** The token the sandbox issues for this account: obviously fake, never shaped like a real one. */
    String demoToken() {
        return "sandbox-instagram-" + username;
    }

    /** True when the account is connected with Instagram Login (its token can be refreshed). */
    boolean instagramLogin() {
        return INSTAGRAM_LOGIN.equals(loginType);
    }

    /** The accounts the sandbox serves. */
    static final List<SandboxAccount> ALL = List.of(
            new SandboxAccount(1, "17841400000000101", "acme.coffee", "Acme Coffee Roasters", INSTAGRAM_LOGIN,
                    LocalDate.of(2024, 1, 1), 8_200, 24, 0.38, 0.25, 0.85, 0.55, 4, 5, 0.45, 0.25,
                    LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 1),
                    List.of("New single origin on the bar today", "Latte art Friday", "Behind the roaster",
                            "Meet our baristas", "Cold brew season is here", "Sunday slow pour-over")),
            new SandboxAccount(2, "17841400000000202", "acme.outdoor", "Acme Outdoor Gear", FACEBOOK_LOGIN,
                    LocalDate.of(2024, 1, 1), 41_000, 55, 0.42, 0.15, 0.6, 0.7, 3, 4, 0.6, 0.2,
                    LocalDate.of(2019, 5, 1), LocalDate.of(2019, 5, 1),
                    List.of("Trail test: the new 30 L pack", "Camp kitchen basics", "Sunrise from the ridge",
                            "How we waterproof our tents", "Gear check before the long weekend")),
            new SandboxAccount(3, "17841400000000303", "acme.bakery", "Acme Corner Bakery", INSTAGRAM_LOGIN,
                    LocalDate.of(2025, 8, 1), 38, 0.16, 0.3, 0.1, 2.5, 0.5, 3, 4, 0.35, 0.2,
                    LocalDate.of(2024, 9, 1), LocalDate.of(2025, 8, 1),
                    List.of("Fresh sourdough at 7", "Croissant lamination, step by step", "Weekend cinnamon buns",
                            "Our rye starter turns three")));

    /** The account with that Instagram user id. */
    static Optional<SandboxAccount> byId(String igUserId) {
        return ALL.stream().filter(a -> a.igUserId.equals(igUserId)).findFirst();
    }

    /** The account with that username. */
    static Optional<SandboxAccount> byUsername(String username) {
        return ALL.stream().filter(a -> a.username.equals(username)).findFirst();
    }

    /** The account with that index. */
    static Optional<SandboxAccount> byIndex(int index) {
        return ALL.stream().filter(a -> a.index == index).findFirst();
    }
}
