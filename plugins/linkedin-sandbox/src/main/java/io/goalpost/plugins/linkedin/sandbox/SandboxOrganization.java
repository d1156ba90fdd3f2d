package io.goalpost.plugins.linkedin.sandbox;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated LinkedIn organization page and the shape of its synthetic history.
 *
 * @param key short name used in its sandbox tokens ({@code sandbox-linkedin-<key>})
 * @param id the organization id
 * @param name the page's name
 * @param vanityName the page's vanity name (its handle)
 * @param seed seed of the page's noise, so two pages never move in lockstep
 * @param baseFollowers followers on {@link SyntheticHistory#FIRST_DAY}
 * @param organicGainsPerDay average organic follower gains per day at that date
 * @param paidGainsPerDay average paid follower gains per day (0: the page runs no ads)
 * @param lossShare followers lost per day as a share of the day's organic gains
 * @param impressionsPerDay average daily impressions of the page's posts at that date
 * @param pageViewsPerDay average daily page views at that date
 * @param careersShare share of page views that land on the Careers pages
 * @param growthPerYear relative growth of all activity per year (0.3 = +30 % a year)
 * @param postDays weekdays with a post every week
 * @param occasionalPostDay a weekday with a post about every other week
 */
record SandboxOrganization(String key, long id, String name, String vanityName, long seed, long baseFollowers,
        double organicGainsPerDay, double paidGainsPerDay, double lossShare, double impressionsPerDay,
        double pageViewsPerDay, double careersShare, double growthPerYear, Set<DayOfWeek> postDays,
        DayOfWeek occasionalPostDay) {

    static final SandboxOrganization ACME_CORP = new SandboxOrganization("acme-corp", 90000001L, "Acme Corp",
            "acme-corp", 0x5eed_0001L, 41_000, 28, 3, 0.25, 5_200, 420, 0.18, 0.35,
            Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), DayOfWeek.MONDAY);

    static final SandboxOrganization ACME_CAREERS = new SandboxOrganization("acme-careers", 90000002L,
            "Acme Careers", "acme-careers", 0x5eed_0002L, 9_800, 11, 0, 0.3, 1_600, 260, 0.62, 0.5,
            Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), DayOfWeek.FRIDAY);

    /** Every page the sandbox serves. */
    static final List<SandboxOrganization> ALL = List.of(ACME_CORP, ACME_CAREERS);

    SandboxOrganization {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(name, "name is null");
        postDays = Set.copyOf(postDays);
    }

    /** {@code urn:li:organization:<id>}. */
    String urn() {
        return "urn:li:organization:" + id;
    }

    /** The access token the sandbox issued for this page; obviously fake. */
    String accessToken() {
        return "sandbox-linkedin-" + key;
    }

    /** The refresh token the sandbox issued for this page; obviously fake. */
    String refreshToken() {
        return accessToken() + "-refresh";
    }
}
