package io.goalpost.platform.sync;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.platform.kpis.Params;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follower history for networks that report only today's follower count but daily gains (and
 * losses), so that gains are stored for days before the first count: the levels before the first stored count are rebuilt backwards from it, day by day,
 * {@code level(d - 1) = level(d) - gains(d) + losses(d)}, as far back as gains are stored without a
 * gap. They are stored with {@code source = 'derived'} (the API and UI say so), never over a count the
 * network reported or a person imported, and rebuilt on every sync so revised gains are followed.
 * Where the network cannot report losses, the rebuilt levels assume nobody unfollowed: they are a
 * lower bound, and the account's note says so.
 */
final class FollowerHistory {

    private static final String FOLLOWERS = CanonicalMetric.FOLLOWERS.id().value();
    private static final String GAINS = CanonicalMetric.FOLLOWER_GAINS.id().value();
    private static final String LOSSES = CanonicalMetric.FOLLOWER_LOSSES.id().value();

    private final Pool pool;

    FollowerHistory(Pool pool) {
        this.pool = pool;
    }

    /**
     * Whether the network's follower history may need rebuilding: it reports follower counts and daily
     * gains. Whether it does is read from the data: only when gains are stored for days before the
     * first stored count (a network with a follower history has counts for those days already).
     */
    static boolean applies(AdapterDescriptor d) {
        return d.reportable().contains(CanonicalMetric.FOLLOWERS.id())
                && d.reportable().contains(CanonicalMetric.FOLLOWER_GAINS.id());
    }

    /** Whether the rebuilt levels ignore unfollows, because the network cannot report them. */
    static boolean lowerBound(AdapterDescriptor d) {
        return !d.reportable().contains(CanonicalMetric.FOLLOWER_LOSSES.id());
    }

    /**
     * Rebuilds one account's derived levels; answers how many days they cover. The most recent days
     * before the first count may lack gains only because the network has not finished reporting them
     * ({@code unreportedDays}, its reporting lag): they are bridged as no change until they come in,
     * and the next sync's rebuild uses them.
     */
    Future<Integer> rebuild(long accountId, boolean withLosses, int unreportedDays) {
        return pool.preparedQuery("SELECT day, value FROM metric_point WHERE account_id = $1 AND metric = $2 "
                + "AND source <> 'derived' ORDER BY day LIMIT 1").execute(Tuple.of(accountId, FOLLOWERS)).compose(anchor -> {
                    if (anchor.size() == 0) {
                        return clear(accountId, null, null).compose(v -> mark(accountId, null)).map(0);
                    }
                    Row a = anchor.iterator().next();
                    LocalDate first = a.getLocalDate("day");
                    double level = a.getDouble("value");
                    return pool.preparedQuery("SELECT metric, day, value FROM metric_point WHERE account_id = $1 "
                            + "AND metric IN ($2, $3) AND day <= $4").execute(Tuple.of(accountId, GAINS, LOSSES, first))
                            .compose(rows -> {
                                Map<LocalDate, Double> gains = new HashMap<>();
                                Map<LocalDate, Double> losses = new HashMap<>();
                                rows.forEach(r -> (GAINS.equals(r.getString("metric")) ? gains : losses)
                                        .put(r.getLocalDate("day"), r.getDouble("value")));
                                List<LocalDate> days = new ArrayList<>();
                                List<Double> values = new ArrayList<>();
                                boolean gainsBefore = gains.keySet().stream().anyMatch(d -> d.isBefore(first.minusDays(1)));
                                if (!gainsBefore) {
                                    // Counts go back as far as gains: there is no history to rebuild.
                                    return clear(accountId, null, null).compose(v -> mark(accountId, null)).map(0);
                                }
                                double current = level;
                                int bridged = 0;
                                boolean reported = false;
                                for (LocalDate d = first; ; d = d.minusDays(1)) {
                                    boolean known = gains.containsKey(d) && (!withLosses || losses.containsKey(d));
                                    if (!known && (reported || bridged >= unreportedDays)) {
                                        break;
                                    }
                                    if (known) {
                                        reported = true;
                                        current = current - gains.get(d) + (withLosses ? losses.get(d) : 0);
                                    } else {
                                        bridged++;
                                    }
                                    if (current < 0) {
                                        break; // the gains do not add up to the count: stop rather than invent
                                    }
                                    days.add(d.minusDays(1));
                                    values.add(current);
                                }
                                if (!reported) {
                                    days.clear(); // only bridged days: nothing was rebuilt from gains
                                    values.clear();
                                }
                                LocalDate from = days.isEmpty() ? null : days.get(days.size() - 1);
                                return store(accountId, days, values)
                                        .compose(v -> clear(accountId, first.minusDays(days.size()), first))
                                        .compose(v -> mark(accountId, from))
                                        .map(days.size());
                            });
                });
    }

    private Future<Void> mark(long accountId, LocalDate from) {
        return pool.preparedQuery("UPDATE sync_state SET followers_derived_from = $2 WHERE account_id = $1 "
                + "AND followers_derived_from IS DISTINCT FROM $2").execute(Tuple.of(accountId, from)).mapEmpty();
    }

    private Future<Void> store(long accountId, List<LocalDate> days, List<Double> values) {
        if (days.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery("INSERT INTO metric_point (account_id, metric, day, value, source) "
                + "SELECT $1, $2, t.day, t.value, 'derived' FROM unnest($3::date[], $4::float8[]) AS t(day, value) "
                + "ON CONFLICT (account_id, metric, day) DO UPDATE SET value = EXCLUDED.value "
                + "WHERE metric_point.source = 'derived' AND metric_point.value IS DISTINCT FROM EXCLUDED.value")
                .execute(Params.of(accountId, FOLLOWERS, days.toArray(LocalDate[]::new), values.toArray(Double[]::new)))
                .mapEmpty();
    }

    /** Removes derived levels outside [from, anchor) (all of them when {@code from} is null). */
    private Future<Void> clear(long accountId, LocalDate from, LocalDate anchor) {
        return pool.preparedQuery("DELETE FROM metric_point WHERE account_id = $1 AND metric = $2 AND source = 'derived' "
                + "AND ($3::date IS NULL OR day < $3 OR day >= $4)").execute(Tuple.of(accountId, FOLLOWERS, from, anchor))
                .mapEmpty();
    }
}
