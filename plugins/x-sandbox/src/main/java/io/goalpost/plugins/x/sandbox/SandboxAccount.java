package io.goalpost.plugins.x.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The fixed profile of one simulated X account: who it is and the parameters its synthetic history
 * is drawn from.
 *
 * @param index small number of the account, part of its post ids and random seeds
 * @param handle the {@code username}, also the account part of its sandbox tokens
 * @param userId numeric X user id
 * @param name display name
 * @param description profile text
 * @param createdOn day the account was created; no post before it
 * @param followersAtAnchor follower count on {@link SyntheticX#ANCHOR}
 * @param annualGrowth follower growth per year, e.g. 0.22 for 22 %
 * @param noise day-to-day jitter of the follower count, in days of average growth
 * @param reachBase typical impressions of a post per follower
 * @param likeRate typical likes per impression
 * @param followingBase accounts it followed when created
 * @param texts post texts it draws from
 */
record SandboxAccount(int index, String handle, String userId, String name, String description,
        LocalDate createdOn, long followersAtAnchor, double annualGrowth, double noise, double reachBase,
        double likeRate, int followingBase, List<String> texts) {

    SandboxAccount {
        Objects.requireNonNull(handle, "handle is null");
        Objects.requireNonNull(userId, "userId is null");
        Objects.requireNonNull(createdOn, "createdOn is null");
        texts = List.copyOf(texts);
        if (index < 0 || index > 31) {
            throw new IllegalArgumentException("index must fit in 5 bits of a post id: " + index);
        }
        if (!handle.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("handle must be lower-case letters, digits or _: " + handle);
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("account " + handle + " has no post texts");
        }
    }

    /** The two demo accounts. */
    static final List<SandboxAccount> DEMO = List.of(
            new SandboxAccount(1, "acmecoffee", "1124712846502117376", "Acme Coffee",
                    "Small-batch roasters. Fresh beans every Monday.", LocalDate.of(2019, 5, 1),
                    12_480, 0.22, 0.7, 0.11, 0.018, 180, List.of(
                            "Monday roast is out: a washed Ethiopian with notes of jasmine and lemon.",
                            "Cold brew season is back at every Acme counter.",
                            "How we pick green coffee, a thread from our head roaster.",
                            "Latte art Friday: show us yours.",
                            "New single origin from Huila, Colombia. Limited run.",
                            "Brewing guide: the 1:16 pour-over in four steps.",
                            "Our second shop opens next week. Free cortado on day one.",
                            "Behind the scenes at the roastery this morning.")),
            new SandboxAccount(2, "acmeoutdoor", "1437880210374094848", "Acme Outdoor",
                    "Gear for people who like weather.", LocalDate.of(2021, 9, 14),
                    3_920, 0.48, 0.9, 0.19, 0.024, 95, List.of(
                            "Trail report: the ridge loop is dry and the larches are turning.",
                            "Packing list for a two-night hut trip.",
                            "Rain shell test: 40 km of drizzle, zero regrets.",
                            "Repair, don't replace: free patch clinic this Saturday.",
                            "Our new 28 L daypack is in stores.",
                            "Five knots everyone should know.",
                            "Sunrise from the summit, shot by one of you.",
                            "Layering 101 for the shoulder season.")));
}
