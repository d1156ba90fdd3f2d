package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.sync.Blocking;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where each account's stored data begins and ends: kept by the database as points come and go
 * (V180), read again from the points for an account with days after the day asked for, and in
 * parallel parts for many accounts. Every account's extent is the one its own points give.
 */
final class ReportingExtentsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static AnalyticsHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = AnalyticsHarness.start(TODAY);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void theExtentsOfMoreAccountsThanOneStatementReadsAreEachAccountsOwn() throws Exception {
        int accounts = ReportingExtents.PAIRS_PER_QUERY * 2 + 137;
        List<Long> ids = new ArrayList<>();
        try (var c = h.jdbc(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO account (network, name) SELECT 'x', 'Extent ' || g FROM generate_series(1, " + accounts + ") g");
            try (ResultSet rs = st.executeQuery("SELECT id FROM account WHERE name LIKE 'Extent %' ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            // Account k (0-based) has views from 40 - k % 30 days ago up to k % 7 days ago, and one day in
            // the future (a scheduled import), which a load up to today must not count.
            st.execute("INSERT INTO metric_point (account_id, metric, day, value) SELECT a.id, 'views', d::date, 1 "
                    + "FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM account WHERE name LIKE 'Extent %') a, "
                    + "generate_series(DATE '" + TODAY + "' - (40 - a.k % 30)::int, DATE '" + TODAY + "' - (a.k % 7)::int, "
                    + "interval '1 day') d");
            st.execute("INSERT INTO metric_point (account_id, metric, day, value) SELECT id, 'views', DATE '" + TODAY
                    + "' + 3, 1 FROM account WHERE name LIKE 'Extent %'");
        }
        ReportingExtents extents = Blocking.await(ReportingExtents.load(h.db().pool(), ids,
                List.of(KpiCatalog.byId("views").orElseThrow()), TODAY));
        for (int k = 0; k < accounts; k++) {
            assertThat(extents.extent(ids.get(k), "views")).as("account %d of %d", k + 1, accounts)
                    .isEqualTo(new ReportingExtents.Extent(TODAY.minusDays(40 - k % 30), TODAY.minusDays(k % 7)));
        }
        // Up to an earlier day: the last stored day on or before it; accounts with nothing by then have no extent.
        LocalDate upTo = TODAY.minusDays(20);
        ReportingExtents earlier = Blocking.await(ReportingExtents.load(h.db().pool(), ids,
                List.of(KpiCatalog.byId("views").orElseThrow()), upTo));
        for (int k = 0; k < accounts; k++) {
            LocalDate first = TODAY.minusDays(40 - k % 30);
            assertThat(earlier.extent(ids.get(k), "views")).as("account %d up to %s", k + 1, upTo)
                    .isEqualTo(first.isAfter(upTo) ? null : new ReportingExtents.Extent(first, upTo));
        }
    }

    @Test
    void theKeptExtentsFollowEveryWriteOfThePoints() throws Exception {
        long a = account("Kept A");
        long b = account("Kept B");
        KpiDefinition views = KpiCatalog.byId("views").orElseThrow();
        KpiDefinition followers = KpiCatalog.byId("followers").orElseThrow();
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) SELECT " + a + ", 'views', d::date, 1"
                + " FROM generate_series(DATE '2026-06-01', DATE '2026-06-20', interval '1 day') d",
                "INSERT INTO metric_point (account_id, metric, day, value) SELECT " + b + ", 'followers', d::date, 100"
                + " FROM generate_series(DATE '2026-05-10', DATE '2026-06-28', interval '1 day') d");
        assertKeptAsThePoints(a, b);
        // Later and earlier days (a sync, a backfill), and a day in the middle: the ends move outward only.
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) VALUES (" + a + ", 'views', DATE '2026-06-25', 1), ("
                + a + ", 'views', DATE '2026-05-20', 1)");
        assertThat(load(List.of(a), views, TODAY).extent(a, "views"))
                .isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 5, 20), LocalDate.of(2026, 6, 25)));
        // Deleting the first and the last day (a re-import that replaces them): the next ones stored.
        h.sql("DELETE FROM metric_point WHERE account_id = " + a + " AND day IN (DATE '2026-05-20', DATE '2026-06-25')");
        assertThat(load(List.of(a), views, TODAY).extent(a, "views"))
                .isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 20)));
        // An update that moves a day, and one that changes only values.
        h.sql("UPDATE metric_point SET day = DATE '2026-06-27' WHERE account_id = " + a + " AND day = DATE '2026-06-20'",
                "UPDATE metric_point SET value = value + 1 WHERE account_id = " + b);
        assertThat(load(List.of(a), views, TODAY).extent(a, "views"))
                .isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 27)));
        assertKeptAsThePoints(a, b);
        // Every point of a metric gone: no extent, as if it had never been stored.
        h.sql("DELETE FROM metric_point WHERE account_id = " + b + " AND metric = 'followers'");
        assertThat(load(List.of(b), followers, TODAY).extent(b, "followers")).isNull();
        assertKeptAsThePoints(a, b);
        // A deleted account takes its extents with it.
        h.sql("DELETE FROM account WHERE id = " + a);
        assertThat(count("SELECT count(*) FROM metric_extent WHERE account_id = " + a)).isZero();
    }

    @Test
    void oneInstanceAskedAgainForOtherDaysKpisAndScopesAnswersEachAsIfAskedFirst() throws Exception {
        long e = account("Remembered E");
        long f = account("Remembered F");
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) SELECT " + e + ", m, g::date, 1 FROM"
                + " unnest(ARRAY['views', 'engagements']) m, generate_series(DATE '2026-06-01', DATE '2026-06-28', interval '1 day') g",
                "INSERT INTO metric_point (account_id, metric, day, value) SELECT " + f + ", 'views', g::date, 1"
                + " FROM generate_series(DATE '2026-06-05', DATE '2026-06-12', interval '1 day') g");
        List<KpiDefinition> kpis = List.of(KpiCatalog.byId("views").orElseThrow(), KpiCatalog.byId("engagement_rate_views").orElseThrow());
        ReportingExtents extents = Blocking.await(ReportingExtents.load(h.db().pool(), List.of(e, f), kpis, TODAY));
        Capabilities caps = new Capabilities(null);
        AccountRef accountE = new AccountRef(e, "x", "Remembered E");
        AccountRef accountF = new AccountRef(f, "x", "Remembered F");
        ResolvedScope both = new ResolvedScope(List.of(), List.of(), List.of(accountE, accountF));
        ResolvedScope onlyF = new ResolvedScope(List.of(), List.of(), List.of(accountF));
        // Each account's extent for a KPI is worked out once per KPI and days, then remembered: every
        // later question, in whatever order, gets what a first question would.
        for (LocalDate cap : List.of(TODAY, LocalDate.of(2026, 6, 20), TODAY, LocalDate.of(2026, 6, 10))) {
            for (LocalDate today : List.of(TODAY, LocalDate.of(2026, 6, 25))) {
                for (KpiDefinition kpi : kpis) {
                    for (ResolvedScope scope : List.of(onlyF, both)) {
                        ReportingExtents.Reporting rep = extents.reporting(kpi, scope, caps, today, cap, null);
                        for (AccountRef a : scope.accounts()) {
                            assertThat(rep.extents().get(a.id())).as("%s, %s, today %s, up to %s", a.name(), kpi.id(), today, cap)
                                    .isEqualTo(extents.forKpi(a, kpi, caps, today, cap));
                        }
                    }
                }
            }
        }
        assertThat(extents.reporting(kpis.get(0), both, caps, TODAY, LocalDate.of(2026, 6, 10), null).through())
                .as("up to an earlier day, the data goes through that day").isEqualTo(LocalDate.of(2026, 6, 10));
        assertThat(extents.reporting(kpis.get(1), both, caps, TODAY, TODAY, null).extents()).as("F stored no engagements")
                .containsOnlyKeys(e);
    }

    @Test
    void aDayAfterTheDayAskedForIsReadFromThePoints() throws Exception {
        long c = account("Kept C");
        long d = account("Kept D");
        KpiDefinition views = KpiCatalog.byId("views").orElseThrow();
        h.sql("INSERT INTO metric_point (account_id, metric, day, value) SELECT id, 'views', g::date, 1 FROM account,"
                + " generate_series(DATE '2026-06-01', DATE '2026-06-29', interval '1 day') g WHERE id IN (" + c + ", " + d + ")",
                "INSERT INTO metric_point (account_id, metric, day, value) VALUES (" + d + ", 'views', DATE '2026-07-04', 1)");
        ReportingExtents today = load(List.of(c, d), views, TODAY);
        assertThat(today.extent(c, "views")).isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 29)));
        assertThat(today.extent(d, "views")).as("the scheduled day after today is not counted")
                .isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 29)));
        ReportingExtents earlier = load(List.of(c, d), views, LocalDate.of(2026, 6, 10));
        assertThat(earlier.extent(c, "views")).isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 10)));
        assertThat(earlier.extent(d, "views")).isEqualTo(new ReportingExtents.Extent(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 10)));
        assertThat(load(List.of(c), views, LocalDate.of(2026, 5, 31)).extent(c, "views")).as("nothing stored by then").isNull();
    }

    @Test
    void upToAnyEarlierDayEveryAccountsExtentIsWhatItsOwnPointsGiveGapsAndAll() throws Exception {
        // 60 accounts with gaps of every kind: single days at different rhythms, whole weeks missing, days
        // after the day asked for in its own week, and days stored after all of it (the kept extent ends later).
        h.sql("INSERT INTO account (network, name) SELECT 'x', 'Gaps ' || g FROM generate_series(0, 59) g",
                "INSERT INTO metric_point (account_id, metric, day, value) SELECT a.id, m.metric, d::date, 1"
                + " FROM (SELECT id, substr(name, 6)::int AS k FROM account WHERE name LIKE 'Gaps %') a"
                + " CROSS JOIN (VALUES ('views'), ('followers')) m(metric)"
                + " CROSS JOIN generate_series(DATE '2026-04-01', DATE '2026-06-28', interval '1 day') d"
                + " WHERE ((d::date - DATE '2026-04-01') + a.k + length(m.metric)) % (a.k % 9 + 2) <> 0"
                + "   AND NOT (a.k % 4 = 0 AND (extract(week FROM d)::int + a.k) % 3 = 0)"
                + "   AND NOT (a.k % 5 = 1 AND d::date < DATE '2026-05-10')");
        List<Long> ids = new ArrayList<>();
        try (var c = h.jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM account WHERE name LIKE 'Gaps %' ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        String in = ids.toString().replace('[', '(').replace(']', ')');
        List<KpiDefinition> kpis = List.of(KpiCatalog.byId("views").orElseThrow(), KpiCatalog.byId("followers").orElseThrow());
        int compared = 0;
        for (LocalDate upTo = LocalDate.of(2026, 4, 20); !upTo.isAfter(LocalDate.of(2026, 6, 27)); upTo = upTo.plusDays(1)) {
            ReportingExtents extents = Blocking.await(ReportingExtents.load(h.db().pool(), ids, kpis, upTo));
            java.util.Map<String, ReportingExtents.Extent> expected = new java.util.HashMap<>();
            try (var c = h.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT account_id, metric, min(day), max(day) FROM metric_point WHERE account_id IN " + in
                    + " AND day <= DATE '" + upTo + "' GROUP BY 1, 2")) {
                while (rs.next()) {
                    expected.put(rs.getLong(1) + "/" + rs.getString(2), new ReportingExtents.Extent(
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
                }
            }
            for (long id : ids) {
                for (String metric : List.of("views", "followers")) {
                    assertThat(extents.extent(id, metric)).as("account %d's %s up to %s", id, metric, upTo)
                            .isEqualTo(expected.get(id + "/" + metric));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(69 * 60 * 2);
    }

    private static long account(String name) throws Exception {
        try (var c = h.jdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("INSERT INTO account (network, name) VALUES ('x', '" + name + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ReportingExtents load(List<Long> ids, KpiDefinition kpi, LocalDate upTo) throws Exception {
        return Blocking.await(ReportingExtents.load(h.db().pool(), ids, List.of(kpi), upTo));
    }

    private static long count(String sql) throws Exception {
        try (var c = h.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The kept rows of these accounts are exactly the first and last day their points give. */
    private static void assertKeptAsThePoints(long... accounts) throws Exception {
        String in = java.util.Arrays.toString(accounts).replace('[', '(').replace(']', ')');
        assertThat(count("SELECT count(*) FROM (SELECT account_id, metric, first_day, last_day FROM metric_extent WHERE account_id IN "
                + in + " EXCEPT SELECT account_id, metric, min(day), max(day) FROM metric_point WHERE account_id IN " + in
                + " GROUP BY 1, 2) x")).as("kept rows that differ from the points").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT account_id, metric, min(day), max(day) FROM metric_point WHERE account_id IN "
                + in + " GROUP BY 1, 2 EXCEPT SELECT account_id, metric, first_day, last_day FROM metric_extent WHERE account_id IN "
                + in + ") x")).as("extents of the points that are not kept").isZero();
    }
}
