package io.goalpost.plugins.pinterest.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulated Pinterest business account: who it is and the parameters its synthetic history is drawn
 * from. The history itself is computed by {@link SyntheticHistory}.
 *
 * @param handle username, also the suffix of its sandbox tokens
 * @param id Pinterest-style numeric account id
 * @param businessName display name
 * @param about profile text
 * @param websiteUrl claimed website
 * @param seed seed of all its noise
 * @param pinsSince day of its first pin
 * @param followers how its audience grows
 * @param traffic how its impressions and interactions behave
 * @param pinIdBase base of its pin ids (pin id = base + epoch day * 10 + slot)
 * @param pinTitles titles its pins draw from
 * @param boardIds ids of its boards
 */
record SandboxAccount(String handle, String id, String businessName, String about, String websiteUrl, long seed,
        LocalDate pinsSince, FollowerCurve followers, Traffic traffic, long pinIdBase, List<String> pinTitles,
        List<String> boardIds) {

    /** The sandbox's app credentials for the token endpoint's Basic auth. */
    static final String CLIENT_ID = "sandbox-pinterest-client";
    static final String CLIENT_SECRET = "sandbox-pinterest-client-secret";

    SandboxAccount {
        Objects.requireNonNull(handle, "handle is null");
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(pinsSince, "pinsSince is null");
        Objects.requireNonNull(followers, "followers is null");
        Objects.requireNonNull(traffic, "traffic is null");
        pinTitles = List.copyOf(pinTitles);
        boardIds = List.copyOf(boardIds);
        if (pinTitles.isEmpty() || boardIds.isEmpty()) {
            throw new IllegalArgumentException("account " + handle + " needs pin titles and boards");
        }
    }

    /**
     * Followers on day t (days since {@link SyntheticHistory#FOLLOWER_EPOCH}) = base + perDay * t +
     * acceleration * t^2, plus a little noise.
     */
    record FollowerCurve(double base, double perDay, double acceleration) {
    }

    /**
     * How impressions and interactions behave.
     *
     * @param viewsPerFollower organic impressions a day per follower
     * @param saveRate saves per impression
     * @param pinClickRate pin clicks per impression
     * @param outboundClickRate outbound clicks per impression
     * @param videoShare share of pins that are videos
     * @param peakDayOfYear day of the year with the most traffic
     * @param seasonality relative swing of traffic over the year
     */
    record Traffic(double viewsPerFollower, double saveRate, double pinClickRate, double outboundClickRate,
            double videoShare, int peakDayOfYear, double seasonality) {
    }

    /** The access token the sandbox issues for this account (obviously fake). */
    String accessToken() {
        return "sandbox-pinterest-" + handle;
    }

    /** The refresh token the sandbox issues for this account. */
    String refreshToken() {
        return "sandbox-pinterest-" + handle + "-refresh";
    }

    /** A token of this account the sandbox treats as expired (answers 401), to demonstrate renewal. */
    String expiredAccessToken() {
        return "sandbox-pinterest-" + handle + "-expired";
    }

    /** The demo accounts. */
    static final List<SandboxAccount> ALL = List.of(
            new SandboxAccount("acmecoffee", "549755885101", "Acme Coffee Roasters",
                    "Small-batch coffee, brewing guides and cafe recipes", "https://acmecoffee.example", 0x5EED_C0FFEEL,
                    LocalDate.of(2025, 1, 6), new FollowerCurve(2400, 2.1, 0.0009),
                    new Traffic(0.8, 0.012, 0.028, 0.011, 0.2, 15, 0.10), 813744226400000000L,
                    List.of("Cold brew at home in 3 steps", "Pour-over ratio cheat sheet", "Oat milk latte art",
                            "Autumn spice syrup recipe", "Which grind for which brewer", "Cafe corner ideas",
                            "Espresso tonic for summer", "Single origin tasting notes"),
                    List.of("549755885201", "549755885202", "549755885203")),
            new SandboxAccount("acmeoutdoor", "549755885102", "Acme Outdoor Gear",
                    "Trail guides, packing lists and gear care", "https://acmeoutdoor.example", 0x5EED_0D00L,
                    LocalDate.of(2025, 3, 3), new FollowerCurve(9800, 4.5, 0.0005),
                    new Traffic(1.1, 0.016, 0.024, 0.014, 0.3, 170, 0.18), 813744226500000000L,
                    List.of("Ultralight packing list", "5 alpine lakes worth the climb", "How to wax a rain jacket",
                            "Camp breakfast in 10 minutes", "Layering for shoulder season", "Family hiking checklist",
                            "Choosing a 3-season tent", "Leave no trace basics"),
                    List.of("549755885301", "549755885302")));

    /** The account with that handle. */
    static Optional<SandboxAccount> byHandle(String handle) {
        return ALL.stream().filter(a -> a.handle.equals(handle)).findFirst();
    }
}
