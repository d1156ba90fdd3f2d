package io.goalpost.platform.sync;

import io.goalpost.platform.accounts.Account;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Token health on the host: finds the accounts whose stored token lapses before their next scheduled
 * sync would run, so that sync is made due now and renews it while it still works. A sync is what
 * renews tokens: the plugins refresh an access token with the refresh token when the network refuses
 * it (X, TikTok and Pinterest, whose rotating refresh tokens live on through that use), and
 * Instagram's plugin renews its 60-day token on every sync once it is a day old. A sync that comes
 * after the lapse finds nothing to renew with, and the account needs a person to sign in again.
 *
 * <p>An access token is looked at only when the account holds no refresh token: with one, the plugin
 * renews the access token on demand whenever the sync runs. Accounts waiting for the network (rate
 * limited, quota used up, connection check pending), or for a person (expired, missing permission,
 * wrong settings, missing plugin), are left alone, and an account is made due at most once per
 * {@link #MIN_GAP}, so a token that no sync can renew (LinkedIn's 365-day sign-in) costs a few
 * extra syncs in its last hours, not a loop. Blocking: runs on the scheduler's threads.
 */
public final class TokenRenewal {

    /** How long before a token lapses its sync should have run. */
    public static final Duration MARGIN = Duration.ofHours(2);
    /** The shortest time between two syncs this makes due for one account. */
    public static final Duration MIN_GAP = Duration.ofHours(1);

    private final Pool pool;
    private final AccountStore accounts;
    private final Credentials credentials;

    public TokenRenewal(Pool pool, AccountStore accounts, Credentials credentials) {
        this.pool = pool;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    /** The accounts whose sync should run now so that a token is renewed before it lapses. */
    public List<Long> due(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        var rows = Blocking.await(pool.preparedQuery("SELECT a.id, a.refresh_expires_at > $1 AND a.refresh_expires_at < "
                + "COALESCE(t.execution_time, $1) + $2 * interval '1 second' AS refresh_due FROM account a "
                + "JOIN sync_state s ON s.account_id = a.id "
                + "LEFT JOIN scheduled_tasks t ON t.task_name = $4 AND t.task_instance = a.id::text "
                + "WHERE a.network <> 'manual' AND NOT COALESCE(t.picked, false) "
                + "AND s.status NOT IN ('syncing', 'backfilling', 'rate_limited', 'quota_exhausted', 'pending_check', "
                + "'needs_reauth', 'permission_missing', 'config_invalid', 'plugin_missing') "
                + "AND (s.last_attempt_at IS NULL OR s.last_attempt_at < $1 - $3 * interval '1 second') "
                + "AND ((a.refresh_expires_at > $1 AND a.refresh_expires_at < COALESCE(t.execution_time, $1) + $2 * interval '1 second') "
                + "OR (a.access_expires_at > $1 AND a.access_expires_at < COALESCE(t.execution_time, $1) + $2 * interval '1 second')) "
                + "ORDER BY a.id")
                .execute(Tuple.of(at, MARGIN.toSeconds(), MIN_GAP.toSeconds(), SyncScheduler.TASK)));
        List<Long> due = new ArrayList<>();
        for (Row r : rows) {
            long id = r.getLong("id");
            if (Boolean.TRUE.equals(r.getBoolean("refresh_due")) || !holdsRefreshToken(id)) {
                due.add(id);
            }
        }
        return due;
    }

    private boolean holdsRefreshToken(long id) {
        Optional<AccountStore.Stored> stored = Blocking.await(accounts.get(id));
        if (stored.isEmpty()) {
            return true; // deleted meanwhile: nothing to make due
        }
        Account a = stored.get().account();
        if (a.sealedSecrets() == null) {
            return false;
        }
        try {
            return credentials.holdsRefreshToken(a);
        } catch (RuntimeException e) {
            return true; // unreadable secrets: a sync cannot renew anything, and says why itself
        }
    }
}
