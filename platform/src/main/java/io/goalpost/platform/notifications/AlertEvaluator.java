package io.goalpost.platform.notifications;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round of alerting: asks every {@link Observer} what it sees, applies the hold rule of
 * {@link AlertState#next} to each subject against what was remembered, and in one transaction stores
 * the new states and raises a notification (queued for the channels that receive its kind) for each
 * change that held. Runs on a scheduler worker thread (it waits for the database), once across
 * instances: the scheduler leases the run from PostgreSQL.
 */
public final class AlertEvaluator {

    private final Pool pool;
    private final List<Observer> observers;

    public AlertEvaluator(Pool pool, List<Observer> observers) {
        this.pool = pool;
        this.observers = List.copyOf(observers);
    }

    /** Evaluates every subject at {@code now}; answers the ids of the notifications raised. */
    public List<Long> evaluate(Instant now) {
        AlertRules rules = Blocking.await(AlertRules.load(pool));
        List<Observation> seen = new ArrayList<>();
        for (Observer o : observers) {
            seen.addAll(Blocking.await(o.observe(now)));
        }
        return Blocking.await(pool.withTransaction(conn -> states(conn).compose(before -> apply(conn, before, seen, rules, now))));
    }

    private static Future<Map<String, AlertState>> states(SqlConnection conn) {
        return conn.query("SELECT subject, observed, observed_since, alerted, alerted_at FROM alert_state FOR UPDATE").execute()
                .map(rows -> {
                    Map<String, AlertState> out = new HashMap<>();
                    for (Row r : rows) {
                        OffsetDateTime at = r.getOffsetDateTime("alerted_at");
                        out.put(r.getString("subject"), new AlertState(r.getString("observed"),
                                r.getOffsetDateTime("observed_since").toInstant(), r.getString("alerted"),
                                at == null ? null : at.toInstant()));
                    }
                    return out;
                });
    }

    private static Future<List<Long>> apply(SqlConnection conn, Map<String, AlertState> before, List<Observation> seen,
            AlertRules rules, Instant now) {
        List<Long> raised = new ArrayList<>();
        Set<String> subjects = new HashSet<>();
        Future<Void> chain = Future.succeededFuture();
        for (Observation o : seen) {
            if (!subjects.add(o.subject())) {
                continue;
            }
            AlertState.Step step = AlertState.next(before.get(o.subject()), o, now, rules.hold());
            if (step.changed()) {
                AlertState s = step.state();
                chain = chain.compose(v -> conn.preparedQuery("INSERT INTO alert_state (subject, observed, observed_since, alerted, "
                        + "alerted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject) DO UPDATE SET observed = EXCLUDED.observed, "
                        + "observed_since = EXCLUDED.observed_since, alerted = EXCLUDED.alerted, alerted_at = EXCLUDED.alerted_at")
                        .execute(Tuple.of(o.subject(), s.observed(), utc(s.observedSince()), s.alerted(), utc(s.alertedAt())))
                        .mapEmpty());
            }
            if (step.alert()) {
                chain = chain.compose(v -> NotificationStore.raise(conn, o).map(id -> {
                    raised.add(id);
                    return null;
                }));
            }
        }
        // Subjects no longer seen (a goal or account deleted) are forgotten.
        Set<String> gone = new HashSet<>(before.keySet());
        gone.removeAll(subjects);
        if (!gone.isEmpty()) {
            chain = chain.compose(v -> conn.preparedQuery("DELETE FROM alert_state WHERE subject = ANY ($1)")
                    .execute(Tuple.of(gone.toArray(String[]::new))).mapEmpty());
        }
        return chain.map(v -> raised);
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
