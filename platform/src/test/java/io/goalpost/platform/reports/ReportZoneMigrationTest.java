package io.goalpost.platform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.storage.Database;
import io.goalpost.platform.storage.DatabaseUrl;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * V72 on a database that already has the team settings (V80 and later): it runs out of order, a
 * report-only time zone becomes the team's when the team still has UTC, a team's own choice wins,
 * and the report's copy of the zone is gone.
 */
class ReportZoneMigrationTest {

    @Test
    void aReportOnlyZoneBecomesTheTeamsZoneAndTheTeamsOwnChoiceWins() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestDatabase db = new TestDatabase()) {
            DatabaseUrl url = DatabaseUrl.parse(db.url());
            Database.connect(vertx, url, Optional.empty()).close();
            assertThat(column(db)).as("V72 drops report_settings.time_zone").isZero();

            beforeV72(db, "Asia/Tokyo", "UTC");
            Database.connect(vertx, url, Optional.empty()).close();
            assertThat(teamZone(db)).isEqualTo("Asia/Tokyo");
            assertThat(column(db)).isZero();

            beforeV72(db, "Asia/Tokyo", "Europe/Berlin");
            Database.connect(vertx, url, Optional.empty()).close();
            assertThat(teamZone(db)).isEqualTo("Europe/Berlin");
            assertThat(column(db)).isZero();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Puts the database back to where a team that set a report zone before V72 stood, with V80+ applied. */
    private static void beforeV72(TestDatabase db, String reportZone, String teamZone) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM flyway_schema_history WHERE version = '72'");
            st.execute("ALTER TABLE report_settings ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC'");
            st.execute("UPDATE report_settings SET time_zone = '" + reportZone + "'");
            st.execute("UPDATE team_settings SET time_zone = '" + teamZone + "'");
        }
    }

    private static String teamZone(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT time_zone FROM team_settings")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long column(TestDatabase db) throws Exception {
        return db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'report_settings' AND column_name = 'time_zone'");
    }
}
