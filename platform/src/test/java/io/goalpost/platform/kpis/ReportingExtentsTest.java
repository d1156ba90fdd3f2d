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
 * Where each account's stored data begins and ends, read in parallel parts for many accounts: every
 * account's extent is the one its own points give, whichever part read it.
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
        int accounts = ReportingExtents.ACCOUNTS_PER_QUERY * 2 + 137;
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
}
