package io.goalpost.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database migrated before V11's comment was edited (it carries V11's old checksum) still starts;
 * any other change to an applied migration is still refused.
 */
class MigrationHistoryTest {

    @Test
    void aDatabaseFromBeforeTheCommentEditStartsAndAnyOtherChecksumIsRefused() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestDatabase db = new TestDatabase()) {
            DatabaseUrl url = DatabaseUrl.parse(db.url());
            Database.connect(vertx, url, Optional.empty()).close();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("UPDATE flyway_schema_history SET checksum = -275853081 WHERE version = '11'");
            }
            Database.connect(vertx, url, Optional.empty()).close();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '11'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1904858273);
                st.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '11'");
            }
            assertThatThrownBy(() -> Database.connect(vertx, url, Optional.empty())).hasMessageContaining("checksum");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
