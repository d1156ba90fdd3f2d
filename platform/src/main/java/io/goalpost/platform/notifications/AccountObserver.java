package io.goalpost.platform.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Each synced account's health, two subjects per account: whether it needs reconnecting (its sync
 * stopped on an expired or revoked sign-in or a missing permission, or its refresh token lapsed), and
 * whether it has gone a day without a successful sync. Manual sources never sync and are not watched.
 */
public final class AccountObserver implements Observer {

    /** How long without a successful sync makes an account stale. */
    public static final Duration STALE_AFTER = Duration.ofDays(1);
    /** Sync statuses a person must act on by reconnecting. */
    static final Set<String> RECONNECT = Set.of("needs_reauth", "permission_missing");

    private final Pool pool;

    public AccountObserver(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Observation>> observe(Instant now) {
        return pool.preparedQuery("SELECT a.id, a.name, a.network, a.created_at, a.refresh_expires_at, s.status, s.last_success_at, "
                + "s.last_error FROM account a LEFT JOIN sync_state s ON s.account_id = a.id WHERE a.network <> 'manual' ORDER BY a.id")
                .execute(Tuple.tuple()).map(rows -> {
                    List<Observation> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(reconnect(r, now));
                        out.add(stale(r, now));
                    }
                    return out;
                });
    }

    private static Observation reconnect(Row r, Instant now) {
        long id = r.getLong("id");
        String name = r.getString("name");
        String status = r.getString("status");
        OffsetDateTime refreshEnds = r.getOffsetDateTime("refresh_expires_at");
        boolean lapsed = refreshEnds != null && !refreshEnds.toInstant().isAfter(now);
        boolean needed = (status != null && RECONNECT.contains(status)) || lapsed;
        String why = lapsed && (status == null || !RECONNECT.contains(status))
                ? "Its sign-in lapsed on " + refreshEnds.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate() + "."
                : r.getString("last_error") == null ? "The network refused its sign-in." : r.getString("last_error");
        return new Observation("account:" + id + ":reconnect", AlertEvent.ACCOUNT_RECONNECT, needed ? "needed" : "ok", "ok", needed,
                "Account “" + name + "” (" + r.getString("network") + ") needs reconnecting",
                why + " Reconnect it on the Accounts page to keep it syncing.", "#/accounts");
    }

    private static Observation stale(Row r, Instant now) {
        long id = r.getLong("id");
        OffsetDateTime last = r.getOffsetDateTime("last_success_at");
        Instant since = last != null ? last.toInstant() : r.getOffsetDateTime("created_at").toInstant();
        boolean stale = since.isBefore(now.minus(STALE_AFTER));
        String body = (last == null ? "It has not synced once since it was connected on "
                : "Its last successful sync was at ") + since.truncatedTo(ChronoUnit.MINUTES) + " (UTC)."
                + (r.getString("last_error") == null ? "" : " Last error: " + r.getString("last_error"));
        return new Observation("account:" + id + ":stale", AlertEvent.ACCOUNT_STALE, stale ? "stale" : "ok", "ok", stale,
                "Account “" + r.getString("name") + "” (" + r.getString("network") + ") has not synced for a day", body,
                "#/accounts");
    }
}
