package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run of five or six days of one ISO week is read as the week's roll-up row less its other days
 * ({@link Periods#cover}). Checked here against the stored points themselves, for every start day of
 * three weeks and lengths from 3 to 45 days (partial weeks at either end; February whole in the
 * longest, with a week of January read less its February day), with accounts whose other days are
 * stored when the bucket's are not and the other way round: per account and bucket, whether each
 * input was reported (and, for daily series, on every day), the sums, and the last level.
 */
class WeekCoverTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static final LocalDate FROM = LocalDate.of(2025, 12, 1);
    static final LocalDate TO = LocalDate.of(2026, 2, 27);
    static AnalyticsHarness h;
    static KpiService kpis;
    static final List<AccountRef> accounts = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(TODAY);
        kpis = new KpiService(h.db().pool(), new Capabilities(AnalyticsHarness.catalog()));
        long every = add("Every day");
        h.daily(every, "views", FROM, TO, i -> 100 + i);
        h.daily(every, "engagements", FROM, TO, i -> 10 + i % 5);
        h.daily(every, "followers", FROM, TO, i -> 5000 + 7 * i);
        // Stored only on the days a partial week's run usually leaves out (Mondays and Tuesdays) for
        // followers; views miss every third day; engagements miss Fridays.
        long gaps = add("Gaps");
        store(gaps, "views", d -> d.toEpochDay() % 3 != 0, d -> 300 + d.getDayOfMonth());
        store(gaps, "engagements", d -> d.getDayOfWeek() != DayOfWeek.FRIDAY, d -> 7);
        store(gaps, "followers", d -> d.getDayOfWeek().getValue() <= 2, d -> 800 + d.getDayOfYear());
        // Weekends only: most runs of five weekdays store nothing, their weeks' other days everything.
        long weekends = add("Weekends");
        store(weekends, "views", d -> d.getDayOfWeek().getValue() >= 6, d -> 40);
        store(weekends, "engagements", d -> d.getDayOfWeek().getValue() >= 6, d -> 4);
        store(weekends, "followers", d -> d.getDayOfWeek() == DayOfWeek.SUNDAY, d -> 2000 - d.getDayOfMonth());
        // Halves, and a start in the middle of a week.
        long halves = add("Halves, late start");
        store(halves, "views", d -> !d.isBefore(LocalDate.of(2026, 1, 7)), d -> d.getDayOfMonth() + 0.5);
        store(halves, "engagements", d -> !d.isBefore(LocalDate.of(2026, 1, 7)), d -> 1.5);
        store(halves, "followers", d -> !d.isBefore(LocalDate.of(2026, 1, 7)), d -> 100.5 + d.getDayOfMonth());
    }

    static long add(String name) throws Exception {
        long id = h.account("facebook", name);
        accounts.add(new AccountRef(id, "facebook", name));
        return id;
    }

    static void store(long account, String metric, java.util.function.Predicate<LocalDate> stored,
            java.util.function.ToDoubleFunction<LocalDate> value) throws Exception {
        List<Double> values = new ArrayList<>();
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            values.add(stored.test(d) ? value.applyAsDouble(d) : null);
        }
        h.series(account, metric, FROM, values.toArray(Double[]::new));
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static List<Bucket> buckets() {
        List<Bucket> out = new ArrayList<>();
        for (LocalDate start = LocalDate.of(2026, 1, 1); !start.isAfter(LocalDate.of(2026, 1, 21)); start = start.plusDays(1)) {
            for (int len : new int[] {3, 5, 6, 7, 8, 10, 13, 20, 28, 45}) {
                out.add(new Bucket(out.size(), start, start.plusDays(len - 1L)));
            }
        }
        return out;
    }

    /** What the points say for one account, metric and bucket: days stored, their sum, the last day's value. */
    record Truth(int days, double sum, Double last) {
    }

    static Map<String, Truth> truth(List<Bucket> buckets) throws Exception {
        Map<String, Truth> out = new HashMap<>();
        try (Connection c = h.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT account_id, metric, count(*), sum(value), (array_agg(value ORDER BY day DESC))[1] FROM metric_point "
                        + "WHERE day BETWEEN ? AND ? GROUP BY account_id, metric")) {
            for (Bucket b : buckets) {
                ps.setObject(1, b.from());
                ps.setObject(2, b.to());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(b.index() + "/" + rs.getLong(1) + "/" + rs.getString(2),
                                new Truth(rs.getInt(3), rs.getDouble(4), rs.getDouble(5)));
                    }
                }
            }
        }
        return out;
    }

    static Truth of(Map<String, Truth> truth, AccountRow r, String metric) {
        return truth.getOrDefault(r.bucket() + "/" + r.accountId() + "/" + metric, new Truth(0, 0, null));
    }

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void partialWeeksReadAsAWeekLessItsOtherDaysAnswerAsThePointsDo() throws Exception {
        List<Bucket> buckets = buckets();
        ResolvedScope scope = new ResolvedScope(List.of(), List.of(), accounts);
        Map<String, Truth> truth = truth(buckets);
        KpiDefinition views = KpiCatalog.byId("views").orElseThrow();
        KpiDefinition followers = KpiCatalog.byId("followers").orElseThrow();
        KpiDefinition rate = KpiCatalog.byId("engagement_rate_views").orElseThrow();
        // Alone, views and the rate read only sums (every partial week may be read whole); followers reads
        // last values (only weeks whose other days come before the bucket); together they share the latter.
        Map<String, List<AccountRow>> alone = Map.of("views", await(kpis.accountRows(null, views, scope, buckets)),
                "followers", await(kpis.accountRows(null, followers, scope, buckets)),
                "engagement_rate_views", await(kpis.accountRows(null, rate, scope, buckets)));
        Map<String, List<AccountRow>> together = await(kpis.accountRows(null, List.of(views, followers, rate), scope, buckets));
        int checked = 0;
        for (Map<String, List<AccountRow>> answer : List.of(alone, together)) {
            checked += check(answer.get("views"), truth, buckets, scope, List.of("views"), r -> of(truth, r, "views").sum(),
                    r -> 1.0);
            checked += check(answer.get("followers"), truth, buckets, scope, List.of("followers"),
                    r -> of(truth, r, "followers").last(), r -> 1.0);
            checked += check(answer.get("engagement_rate_views"), truth, buckets, scope, List.of("engagements", "views"),
                    r -> of(truth, r, "engagements").sum(), r -> of(truth, r, "views").sum());
        }
        assertThat(checked).as("account rows checked").isGreaterThan(3000);
    }

    /**
     * Every (bucket, account) that stored any input has a row, and none other; a row reports every
     * input exactly when each has a stored day; its numbers are the points' where it does.
     */
    private static int check(List<AccountRow> rows, Map<String, Truth> truth, List<Bucket> buckets, ResolvedScope scope,
            List<String> inputs, java.util.function.Function<AccountRow, Double> num,
            java.util.function.Function<AccountRow, Double> den) {
        Map<String, AccountRow> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.bucket() + "/" + r.accountId(), r));
        int checked = 0;
        for (Bucket b : buckets) {
            for (AccountRef a : scope.accounts()) {
                String key = b.index() + "/" + a.id();
                List<Integer> days = inputs.stream().map(m -> truth.getOrDefault(key + "/" + m, new Truth(0, 0, null)).days()).toList();
                boolean any = days.stream().anyMatch(n -> n > 0);
                boolean all = days.stream().allMatch(n -> n > 0);
                AccountRow r = byKey.get(key);
                String where = a.name() + " " + b.from() + ".." + b.to() + " " + inputs;
                assertThat(r != null).as("a row for %s", where).isEqualTo(any);
                if (r == null) {
                    continue;
                }
                assertThat(r.hasAll()).as("reported every input: %s", where).isEqualTo(all);
                // Complete: every daily series (levels are not) stored on every day of the bucket.
                boolean everyDay = true;
                for (int i = 0; i < inputs.size(); i++) {
                    everyDay &= KpiCatalog.isLevel(inputs.get(i)) || days.get(i) == b.days();
                }
                assertThat(r.complete()).as("complete: %s", where).isEqualTo(all && everyDay);
                if (all) {
                    assertThat(r.num()).as("numerator: %s", where).isCloseTo(num.apply(r), org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(r.den()).as("denominator: %s", where).isCloseTo(den.apply(r), org.assertj.core.data.Offset.offset(1e-9));
                }
                checked++;
            }
        }
        return checked;
    }
}
