package io.goalpost.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V30 on a database that stored values outside 0..10^15 before the rule: they are deleted, the
 * roll-ups of their periods are exact again (also where a huge total had absorbed small values), and
 * the database refuses such values afterwards.
 */
class OutOfRangeMigrationTest {

    @Test
    void deletesOutOfRangeValuesRebuildsTheirPeriodsAndRefusesThemAfterwards() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            DatabaseUrl u = DatabaseUrl.parse(db.url());
            Flyway.configure().dataSource(u.jdbcUrl(), u.user(), u.password()).locations("classpath:db/migration")
                    .target("13").load().migrate();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO account (id, network, name) VALUES (1, 'manual', 'Website'), (2, 'manual', 'Shop')");
                // Account 1: ordinary views all January; 1e308 on Jan 7 (week of Jan 5) absorbs that week's
                // other values in the roll-up total; -5 on Jan 20; NaN and Infinity as a COPY could store them.
                st.execute("INSERT INTO metric_point (account_id, metric, day, value) "
                        + "SELECT 1, 'views', d::date, 10 FROM generate_series('2026-01-01'::date, '2026-01-31', '1 day') d");
                st.execute("UPDATE metric_point SET value = 1e308 WHERE account_id = 1 AND day = '2026-01-07'");
                st.execute("UPDATE metric_point SET value = -5 WHERE account_id = 1 AND day = '2026-01-20'");
                st.execute("UPDATE metric_point SET value = 'NaN' WHERE account_id = 1 AND day = '2026-01-25'");
                st.execute("UPDATE metric_point SET value = 'Infinity' WHERE account_id = 1 AND day = '2026-01-31'");
                // Account 2: one value of 1e16 alone in its week (the week's roll-up row goes) and ordinary ones.
                st.execute("INSERT INTO metric_point (account_id, metric, day, value) VALUES "
                        + "(2, 'leads', '2026-02-02', 1e16), (2, 'leads', '2026-02-10', 3), (2, 'leads', '2026-02-11', 1e15)");
                st.execute("INSERT INTO post (account_id, post_id, published_at, published_day, type) "
                        + "VALUES (1, 'p1', '2026-01-03T10:00:00Z', '2026-01-03', 'post')");
                st.execute("INSERT INTO post_metric (account_id, post_id, metric, seen_on, value) VALUES "
                        + "(1, 'p1', 'views', '2026-01-03', 1e308), (1, 'p1', 'views', '2026-01-04', 120), "
                        + "(1, 'p1', 'reach', '2026-01-04', -1)");
                assertThat(count(st, "SELECT count(*) FROM metric_week WHERE total > 1e300")).isPositive();
            }

            Flyway.configure().dataSource(u.jdbcUrl(), u.user(), u.password()).locations("classpath:db/migration")
                    .load().migrate();

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                assertThat(count(st, "SELECT count(*) FROM metric_point WHERE account_id = 1")).isEqualTo(27);
                assertThat(count(st, "SELECT count(*) FROM metric_point WHERE account_id = 2")).isEqualTo(2);
                assertThat(count(st, "SELECT count(*) FROM metric_point WHERE NOT (value >= 0 AND value <= 1e15)")).isZero();
                assertThat(count(st, "SELECT count(*) FROM post_metric")).isEqualTo(1);
                // Both roll-ups equal a fresh aggregation of metric_point, row for row.
                for (String[] t : new String[][] {{"metric_week", "rollup_week_of"}, {"metric_month", "rollup_month_of"}}) {
                    assertThat(count(st, "SELECT count(*) FROM (SELECT metric, " + t[1] + "(day) AS period, account_id, "
                            + "sum(value) AS total, count(*) AS days, max(day) AS last_day, "
                            + "(max(ARRAY[(day - DATE '2000-01-01')::float8, value]))[2] AS last_value "
                            + "FROM metric_point GROUP BY 1, 2, 3) a FULL JOIN " + t[0] + " r "
                            + "ON a.metric = r.metric AND a.period = r.period AND a.account_id = r.account_id "
                            + "WHERE a.metric IS NULL OR r.metric IS NULL OR a.total <> r.total OR a.days <> r.days "
                            + "OR a.last_day <> r.last_day OR a.last_value <> r.last_value")).as(t[0]).isZero();
                }
                // The week of Jan 5 holds its six ordinary days again (60), not 1e308 − 1e308 = 0.
                assertThat(count(st, "SELECT total FROM metric_week WHERE account_id = 1 AND period = '2026-01-05'")).isEqualTo(60);
                assertThat(count(st, "SELECT total FROM metric_month WHERE account_id = 1")).isEqualTo(270);
                assertThat(count(st, "SELECT count(*) FROM metric_week WHERE account_id = 2 AND period = '2026-02-02'")).isZero();

                assertThatThrownBy(() -> st.execute("INSERT INTO metric_point (account_id, metric, day, value) "
                        + "VALUES (2, 'leads', '2026-02-12', 1e16)")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("metric_point_value_range");
                assertThatThrownBy(() -> st.execute("INSERT INTO metric_point (account_id, metric, day, value) "
                        + "VALUES (2, 'leads', '2026-02-12', -1)")).hasMessageContaining("metric_point_value_range");
                assertThatThrownBy(() -> st.execute("UPDATE post_metric SET value = 'NaN'"))
                        .hasMessageContaining("post_metric_value_range");
                st.execute("INSERT INTO metric_point (account_id, metric, day, value) VALUES (2, 'leads', '2026-02-12', 1e15)");
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
