package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.storage.Database;
import io.goalpost.platform.storage.DatabaseUrl;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The host's token renewal: an account whose token would lapse before its next scheduled sync is
 * synced now (a sync is what renews it), unless nothing a sync does would help or the account waits
 * for the network or a person. Against a real PostgreSQL with db-scheduler's table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TokenRenewalTest {

    private TestDatabase db;
    private Vertx vertx;
    private Database database;
    private AccountStore store;
    private Credentials credentials;
    private TokenRenewal renewal;
    private final Instant now = Instant.now();

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        vertx = Vertx.vertx();
        database = Database.connect(vertx, DatabaseUrl.parse(db.url()), Optional.empty());
        store = new AccountStore(database.pool());
        credentials = new Credentials(SecretCipher.load(null, Files.createTempDirectory("goalpost-renewal")));
        renewal = new TokenRenewal(database.pool(), store, credentials);
    }

    @AfterAll
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        sql("DELETE FROM scheduled_tasks");
        sql("DELETE FROM account");
    }

    /** An account with these secrets and token ends, whose next sync is due {@code nextSync} from now. */
    private long account(Map<String, String> secrets, Duration accessLeft, Duration refreshLeft, Duration nextSync)
            throws Exception {
        long id = Blocking.await(store.insert("x", "acct", Map.of(), credentials.seal(secrets), LocalDate.now(), "ok"));
        Blocking.await(store.updateTokenExpiry(id, new AccountStore.TokenExpiry(
                accessLeft == null ? null : now.plus(accessLeft), refreshLeft == null ? null : now.plus(refreshLeft))));
        try (var c = db.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO scheduled_tasks (task_name, "
                + "task_instance, execution_time, picked, version) VALUES ('account-sync', ?, ?, false, 1)")) {
            st.setString(1, Long.toString(id));
            st.setTimestamp(2, Timestamp.from(now.plus(nextSync)));
            st.executeUpdate();
        }
        sql("UPDATE sync_state SET last_attempt_at = now() - interval '5 hours' WHERE account_id = " + id);
        return id;
    }

    private void sql(String statement) throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static final Map<String, String> ROTATING = Map.of("access_token", "a", "refresh_token", "r");
    private static final Map<String, String> ACCESS_ONLY = Map.of("access_token", "a");

    @Test
    void aRefreshTokenThatLapsesBeforeTheNextSyncMakesTheSyncDueNow() throws Exception {
        long lapsing = account(ROTATING, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6));
        long later = account(ROTATING, Duration.ofHours(1), Duration.ofDays(30), Duration.ofHours(6));
        long soonSynced = account(ROTATING, Duration.ofHours(1), Duration.ofHours(5), Duration.ofMinutes(30));
        assertThat(renewal.due(now)).containsExactly(lapsing).doesNotContain(later, soonSynced);
    }

    @Test
    void anAccessTokenCountsOnlyWhenNoRefreshTokenRenewsItOnDemand() throws Exception {
        // Instagram's 60-day token: renewed by a sync, so the sync must come before it lapses.
        long instagramLike = account(ACCESS_ONLY, Duration.ofHours(1), null, Duration.ofHours(6));
        // X's 2-hour access token: the plugin renews it with the refresh token whenever the sync runs.
        long xLike = account(ROTATING, Duration.ofHours(1), Duration.ofDays(150), Duration.ofHours(6));
        assertThat(renewal.due(now)).containsExactly(instagramLike).doesNotContain(xLike);
    }

    @Test
    void accountsWaitingForTheNetworkOrAPersonOrJustAttemptedAreLeftAlone() throws Exception {
        long reauth = account(ROTATING, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6));
        sql("UPDATE sync_state SET status = 'needs_reauth' WHERE account_id = " + reauth);
        long throttled = account(ROTATING, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6));
        sql("UPDATE sync_state SET status = 'rate_limited' WHERE account_id = " + throttled);
        long justTried = account(ROTATING, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6));
        sql("UPDATE sync_state SET last_attempt_at = now() - interval '10 minutes' WHERE account_id = " + justTried);
        long lapsed = account(ROTATING, Duration.ofHours(-2), Duration.ofHours(-1), Duration.ofHours(6));
        long running = account(ROTATING, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6));
        sql("UPDATE scheduled_tasks SET picked = true WHERE task_instance = '" + running + "'");
        long due = account(ROTATING, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6));
        assertThat(renewal.due(now)).containsExactly(due).doesNotContain(reauth, throttled, justTried, lapsed, running);
    }
}
