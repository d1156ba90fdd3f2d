package io.goalpost.plugins.tiktok.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One simulated TikTok account and the parameters of its synthetic history.
 *
 * @param username the handle, also the key in tokens; lower-case letters and digits only
 * @param displayName the display name
 * @param number a small number unique per account, part of video ids and of the noise seed
 * @param analyticsSince the first day with daily metrics (TikTok Analytics turned on); fixed, so the
 *     history is a pure function of the account and the day
 * @param startFollowers followers at the end of the day before {@code analyticsSince}
 * @param dailyGainBase typical new followers per day when analytics started
 * @param yearlyGrowth how much faster the account gains followers after a year (0.5 = 50 %)
 * @param registeredBusiness a registered Business account: TikTok reports link clicks only for those
 * @param captions captions its videos cycle through
 */
record SandboxAccount(String username, String displayName, int number, LocalDate analyticsSince,
        long startFollowers, double dailyGainBase, double yearlyGrowth, boolean registeredBusiness,
        List<String> captions) {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9]*");

    SandboxAccount {
        Objects.requireNonNull(username, "username is null");
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("sandbox usernames are lower-case letters and digits: " + username);
        }
        Objects.requireNonNull(displayName, "displayName is null");
        if (number < 1 || number > 999) {
            throw new IllegalArgumentException("account number must be 1..999: " + number);
        }
        Objects.requireNonNull(analyticsSince, "analyticsSince is null");
        if (startFollowers < 0 || dailyGainBase <= 0 || yearlyGrowth < 0) {
            throw new IllegalArgumentException("growth parameters of " + username + " are out of range");
        }
        captions = List.copyOf(captions);
        if (captions.isEmpty()) {
            throw new IllegalArgumentException(username + " has no captions");
        }
    }

    /** The account's open_id, which the Accounts API calls business_id. Obviously not a real one. */
    String openId() {
        return "sandbox-openid-" + username;
    }

    /** The first day with videos: the account posted for a month before turning analytics on. */
    LocalDate videosSince() {
        return analyticsSince.minusDays(30);
    }

    /** Accounts the sandbox serves. */
    static final List<SandboxAccount> ALL = List.of(
            new SandboxAccount("acmecoffee", "Acme Coffee Roasters", 311, LocalDate.of(2024, 3, 4), 4_200, 16.0,
                    0.55, true, List.of(
                            "Pour-over in 60 seconds", "How we roast our Ethiopia Guji", "Latte art fails, part 3",
                            "Behind the counter at 6am", "Cold brew vs iced coffee: taste test",
                            "Meet our new espresso machine", "What a coffee cupping looks like",
                            "Packing 500 bags before lunch")),
            new SandboxAccount("acmeoutdoor", "Acme Outdoor Gear", 512, LocalDate.of(2025, 5, 12), 1_350, 9.0,
                    0.9, false, List.of(
                            "Pitching our 2-person tent in the rain", "What's in my day pack",
                            "Trail test: the new hiking boots", "3 knots every camper should know",
                            "Sunrise from the ridge", "Packing light for a 3-day trek",
                            "How we test waterproof jackets")));

    /** The account with that username, or null. */
    static SandboxAccount byUsername(String username) {
        return ALL.stream().filter(a -> a.username.equals(username)).findFirst().orElse(null);
    }

    /** The account with that open_id, or null. */
    static SandboxAccount byOpenId(String openId) {
        return ALL.stream().filter(a -> a.openId().equals(openId)).findFirst().orElse(null);
    }
}
