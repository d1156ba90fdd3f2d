package io.goalpost.plugins.pinterest.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The deterministic history of one {@link SandboxAccount}. Every value is a pure function of the
 * account and the day (pins: of the account and the week), so repeated, overlapping and
 * clock-stepped requests always agree. Noise comes from a hash of (seed, purpose, day), never from
 * a stateful random generator.
 */
final class SyntheticHistory {

    /** Day 0 of the follower curves. */
    static final LocalDate FOLLOWER_EPOCH = LocalDate.of(2024, 1, 1);

    /** How long a pin keeps adding to the account's daily impressions. */
    static final int PIN_INFLUENCE_DAYS = 120;

    /** Pin metric names the sandbox knows; video ones only exist on video pins. */
    static final Set<String> PIN_METRIC_TYPES = Set.of("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK",
            "ENGAGEMENT", "TOTAL_COMMENTS", "TOTAL_REACTIONS", "VIDEO_MRC_VIEW", "VIDEO_START", "VIDEO_10S_VIEW",
            "QUARTILE_95_PERCENT_VIEW", "VIDEO_AVG_WATCH_TIME");

    /** Account metric names the sandbox knows (the documented ones). */
    static final Set<String> ACCOUNT_METRIC_TYPES = Set.of("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK",
            "ENGAGEMENT", "ENGAGEMENT_RATE", "OUTBOUND_CLICK_RATE", "PIN_CLICK_RATE", "SAVE_RATE");

    // Pinterest traffic leans towards the weekend; Monday first.
    private static final double[] WEEKDAY_FACTOR = {0.97, 0.93, 0.95, 0.98, 1.00, 1.08, 1.12};

    private static final int SALT_FOLLOWERS = 1;
    private static final int SALT_VIEWS = 2;
    private static final int SALT_SAVES = 3;
    private static final int SALT_PIN_CLICKS = 4;
    private static final int SALT_OUTBOUND = 5;
    private static final int SALT_OTHER_ENGAGEMENT = 6;
    private static final int SALT_PIN_COUNT = 10;
    private static final int SALT_PIN_DAY = 11;
    private static final int SALT_PIN_TIME = 12;
    private static final int SALT_PIN_SHAPE = 13;
    private static final int SALT_SAVED_PIN = 14;

    private final SandboxAccount account;

    SyntheticHistory(SandboxAccount account) {
        this.account = account;
    }

    /** Followers at the end of the day. */
    long followers(LocalDate day) {
        SandboxAccount.FollowerCurve curve = account.followers();
        double t = Math.max(0, day.toEpochDay() - FOLLOWER_EPOCH.toEpochDay());
        double trend = curve.base() + curve.perDay() * t + curve.acceleration() * t * t;
        return Math.max(0, Math.round(trend * (1 + 0.0004 * signed(SALT_FOLLOWERS, day.toEpochDay()))));
    }

    /**
     * Account metrics of each day in {@code [from, to]} (counts and rates, by Pinterest metric name).
     * Pins computed once for the whole span, since each day sums the pins of the 120 days before it.
     */
    SortedMap<LocalDate, Map<String, Double>> accountDays(LocalDate from, LocalDate to) {
        List<SandboxPin> pins = pinsCreatedBetween(from.minusDays(PIN_INFLUENCE_DAYS), to).stream()
                .filter(SandboxPin::owned).toList();
        SortedMap<LocalDate, Map<String, Double>> days = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.put(day, accountDay(day, pins));
        }
        return days;
    }

    private Map<String, Double> accountDay(LocalDate day, List<SandboxPin> pins) {
        SandboxAccount.Traffic traffic = account.traffic();
        long key = day.toEpochDay();
        double organic = followers(day) * traffic.viewsPerFollower() * weekdayFactor(day) * seasonFactor(day)
                * (1 + 0.10 * signed(SALT_VIEWS, key));
        double impressions = Math.round(organic);
        double saves = Math.round(organic * traffic.saveRate() * (1 + 0.2 * signed(SALT_SAVES, key)));
        double pinClicks = Math.round(organic * traffic.pinClickRate() * (1 + 0.2 * signed(SALT_PIN_CLICKS, key)));
        double outbound = Math.round(organic * traffic.outboundClickRate() * (1 + 0.25 * signed(SALT_OUTBOUND, key)));
        for (SandboxPin pin : pins) {
            if (pin.createdDay().isAfter(day) || pin.createdDay().isBefore(day.minusDays(PIN_INFLUENCE_DAYS))) {
                continue;
            }
            Map<String, Double> pinDay = pinDay(pin, day);
            impressions += pinDay.getOrDefault("IMPRESSION", 0.0);
            saves += pinDay.getOrDefault("SAVE", 0.0);
            pinClicks += pinDay.getOrDefault("PIN_CLICK", 0.0);
            outbound += pinDay.getOrDefault("OUTBOUND_CLICK", 0.0);
        }
        double other = Math.round(impressions * 0.0025 * (1 + 0.2 * signed(SALT_OTHER_ENGAGEMENT, key)));
        double engagement = saves + pinClicks + outbound + other;

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("IMPRESSION", impressions);
        metrics.put("SAVE", saves);
        metrics.put("PIN_CLICK", pinClicks);
        metrics.put("OUTBOUND_CLICK", outbound);
        metrics.put("ENGAGEMENT", engagement);
        metrics.put("ENGAGEMENT_RATE", rate(engagement, impressions));
        metrics.put("OUTBOUND_CLICK_RATE", rate(outbound, impressions));
        metrics.put("PIN_CLICK_RATE", rate(pinClicks, impressions));
        metrics.put("SAVE_RATE", rate(saves, impressions));
        return metrics;
    }

    /** Every pin (own and saved) created on a day in {@code [from, to]}, oldest first. */
    List<SandboxPin> pinsCreatedBetween(LocalDate from, LocalDate to) {
        List<SandboxPin> pins = new ArrayList<>();
        for (long week = weekOf(from); week <= weekOf(to); week++) {
            for (SandboxPin pin : pinsOfWeek(week)) {
                LocalDate day = pin.createdDay();
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    pins.add(pin);
                }
            }
        }
        pins.sort(Comparator.comparing(SandboxPin::createdAt).thenComparing(SandboxPin::id));
        return pins;
    }

    /** Every pin visible at {@code now}: created since the account's first pin and not in the future. */
    List<SandboxPin> pinsUntil(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (today.isBefore(account.pinsSince())) {
            return List.of();
        }
        return pinsCreatedBetween(account.pinsSince(), today).stream()
                .filter(p -> !p.createdAt().isAfter(now)).toList();
    }

    /**
     * A pin's counts from creation to the end of {@code day}, by Pinterest metric name; video metrics
     * only for video pins. {@code VIDEO_AVG_WATCH_TIME} is an average, not a count.
     */
    Map<String, Double> pinCumulative(SandboxPin pin, LocalDate day) {
        double impressions = pin.cumulativeImpressions(day);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("IMPRESSION", Math.floor(impressions));
        m.put("SAVE", Math.floor(impressions * pin.saveRate()));
        m.put("PIN_CLICK", Math.floor(impressions * pin.pinClickRate()));
        m.put("OUTBOUND_CLICK", Math.floor(impressions * pin.outboundClickRate()));
        m.put("TOTAL_COMMENTS", Math.floor(impressions * 0.0006));
        m.put("TOTAL_REACTIONS", Math.floor(impressions * 0.003));
        m.put("ENGAGEMENT", m.get("SAVE") + m.get("PIN_CLICK") + m.get("OUTBOUND_CLICK") + m.get("TOTAL_COMMENTS")
                + m.get("TOTAL_REACTIONS"));
        if (pin.video()) {
            m.put("VIDEO_MRC_VIEW", Math.floor(impressions * 0.32));
            m.put("VIDEO_START", Math.floor(impressions * 0.5));
            m.put("VIDEO_10S_VIEW", Math.floor(impressions * 0.12));
            m.put("QUARTILE_95_PERCENT_VIEW", Math.floor(impressions * 0.05));
            m.put("VIDEO_AVG_WATCH_TIME", (double) Math.round(pin.avgWatchTimeMs()));
        }
        return m;
    }

    /** A pin's counts of one day: the difference of consecutive cumulative counts. */
    Map<String, Double> pinDay(SandboxPin pin, LocalDate day) {
        Map<String, Double> today = pinCumulative(pin, day);
        Map<String, Double> before = pinCumulative(pin, day.minusDays(1));
        Map<String, Double> m = new LinkedHashMap<>();
        today.forEach((name, value) -> m.put(name,
                name.equals("VIDEO_AVG_WATCH_TIME") ? value : value - before.getOrDefault(name, 0.0)));
        return m;
    }

    private List<SandboxPin> pinsOfWeek(long week) {
        LocalDate monday = LocalDate.ofEpochDay(week * 7 - 3);
        int count = 3 + (int) (unit(SALT_PIN_COUNT, week) * 3);
        int[] offsets = {0, 1, 2, 3, 4, 5, 6};
        for (int i = offsets.length - 1; i > 0; i--) { // Fisher-Yates with hashed draws
            int j = (int) (unit(SALT_PIN_DAY, week * 16 + i) * (i + 1));
            int swap = offsets[i];
            offsets[i] = offsets[j];
            offsets[j] = swap;
        }
        List<SandboxPin> pins = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            pins.add(pin(monday.plusDays(offsets[k]), 1, true));
        }
        if (Math.floorMod(week, 2) == 1) {
            pins.add(pin(monday.plusDays((long) (unit(SALT_SAVED_PIN, week) * 7)), 7, false));
        }
        return pins.stream().filter(p -> !p.createdDay().isBefore(account.pinsSince())).toList();
    }

    private SandboxPin pin(LocalDate day, int slot, boolean owned) {
        long key = day.toEpochDay() * 10 + slot;
        SandboxAccount.Traffic traffic = account.traffic();
        int secondOfDay = 7 * 3600 + (int) (unit(SALT_PIN_TIME, key) * 14 * 3600);
        Instant createdAt = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(secondOfDay);
        boolean video = unit(SALT_PIN_SHAPE, key * 8) < traffic.videoShare();
        String title = account.pinTitles().get((int) (unit(SALT_PIN_SHAPE, key * 8 + 1) * account.pinTitles().size()));
        String board = account.boardIds().get((int) (unit(SALT_PIN_SHAPE, key * 8 + 2) * account.boardIds().size()));
        double dailyOrganic = followers(day) * traffic.viewsPerFollower() * seasonFactor(day);
        double potential = dailyOrganic * 1.5 * (0.3 + 1.7 * unit(SALT_PIN_SHAPE, key * 8 + 3)) * (video ? 1.4 : 1.0);
        double decayDays = 12 + 28 * unit(SALT_PIN_SHAPE, key * 8 + 4);
        // Pins that get saved more get clicked through less: one draw moves both, in opposite directions.
        double spread = 0.6 + unit(SALT_PIN_SHAPE, key * 8 + 5);
        return new SandboxPin(Long.toString(account.pinIdBase() + key), createdAt, owned, video,
                owned ? title : "Saved: " + title.toLowerCase(java.util.Locale.ROOT), board, potential, decayDays,
                traffic.saveRate() * spread, traffic.pinClickRate() * spread,
                traffic.outboundClickRate() * (2.2 - spread), 2500 + 6500 * unit(SALT_PIN_SHAPE, key * 8 + 6));
    }

    private static long weekOf(LocalDate day) {
        return Math.floorDiv(day.toEpochDay() + 3, 7);
    }

    private static double weekdayFactor(LocalDate day) {
        return WEEKDAY_FACTOR[day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()];
    }

    private double seasonFactor(LocalDate day) {
        SandboxAccount.Traffic traffic = account.traffic();
        double angle = 2 * Math.PI * (day.getDayOfYear() - traffic.peakDayOfYear()) / 365.25;
        return 1 + traffic.seasonality() * Math.cos(angle);
    }

    private static double rate(double part, double whole) {
        return whole == 0 ? 0 : Math.round(part / whole * 10_000) / 10_000.0;
    }

    /** A uniform draw in [0, 1) that depends only on (seed, salt, key). */
    private double unit(int salt, long key) {
        long z = account.seed() * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + key * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A uniform draw in [-1, 1). */
    private double signed(int salt, long key) {
        return unit(salt, key) * 2 - 1;
    }
}
