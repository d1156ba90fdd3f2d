package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.AccountRef;
import io.goalpost.platform.kpis.Comparison;
import io.goalpost.platform.kpis.Params;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which accounts each goal's baseline is measured over, and every change of that set with the
 * baseline before and after (tables goal_baseline and goal_baseline_change, see migration V14).
 */
public final class BaselineLedger {

    private final Pool pool;

    public BaselineLedger(Pool pool) {
        this.pool = pool;
    }

    /**
     * A goal as just evaluated.
     *
     * @param goalId the goal
     * @param scope every account in its scope
     * @param measured the accounts its baseline is measured over
     * @param excluded the accounts left out, with why
     * @param baseline the baseline they give (null when not available)
     */
    public record Measured(long goalId, List<AccountRef> scope, List<AccountRef> measured,
            List<Comparison.Excluded> excluded, Double baseline) {
    }

    /** Stores the first set of a new or edited goal, without recording a change. */
    public Future<Void> reset(SqlClient c, long goalId, List<AccountRef> measured, Double baseline) {
        return c.preparedQuery("INSERT INTO goal_baseline (goal_id, accounts, value) VALUES ($1, $2, $3) "
                + "ON CONFLICT (goal_id) DO UPDATE SET accounts = EXCLUDED.accounts, value = EXCLUDED.value, recorded_at = now()")
                .execute(Tuple.of(goalId, ids(measured), baseline)).mapEmpty();
    }

    /**
     * Compares each goal's measured accounts with the stored set, records what changed, and answers
     * every goal's recorded changes (oldest first) as the API shows them.
     */
    public Future<Map<Long, JsonArray>> reconcile(List<Measured> goals) {
        if (goals.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        Long[] goalIds = goals.stream().map(Measured::goalId).toArray(Long[]::new);
        return pool.preparedQuery("SELECT goal_id, accounts, value FROM goal_baseline WHERE goal_id = ANY($1::bigint[])")
                .execute(Params.of((Object) goalIds)).compose(rows -> {
                    Map<Long, Row> stored = new HashMap<>();
                    rows.forEach(r -> stored.put(r.getLong("goal_id"), r));
                    List<Future<Void>> writes = new ArrayList<>();
                    for (Measured m : goals) {
                        Row r = stored.get(m.goalId());
                        if (r == null) {
                            writes.add(reset(pool, m.goalId(), m.measured(), m.baseline()));
                            continue;
                        }
                        Long[] before = r.getArrayOfLongs("accounts");
                        Set<Long> old = new LinkedHashSet<>(List.of(before == null ? new Long[0] : before));
                        Set<Long> now = new LinkedHashSet<>(List.of(ids(m.measured())));
                        if (!old.equals(now)) {
                            writes.add(record(m, before, old, now, r.getDouble("value")));
                        }
                    }
                    return Future.all(writes);
                }).compose(done -> changes(goalIds));
    }

    private Future<Void> record(Measured m, Long[] before, Set<Long> old, Set<Long> now, Double oldBaseline) {
        Map<Long, AccountRef> inScope = new HashMap<>();
        m.scope().forEach(a -> inScope.put(a.id(), a));
        Map<Long, String> why = new HashMap<>();
        m.excluded().forEach(e -> why.put(e.id(), e.why()));
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE goal_baseline SET accounts = $2, value = $3, recorded_at = now() "
                + "WHERE goal_id = $1 AND accounts = $4").execute(Tuple.of(m.goalId(), ids(m.measured()), m.baseline(), before))
                .compose(updated -> {
                    // Nothing measured before means there was no baseline to change: just take the new set.
                    if (updated.rowCount() == 0 || old.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    List<Tuple> batch = new ArrayList<>();
                    for (AccountRef a : m.measured()) {
                        if (!old.contains(a.id())) {
                            batch.add(Tuple.from(java.util.Arrays.asList(m.goalId(), a.id(), a.name(), a.network(), "added",
                                    "it now has data for the baseline", oldBaseline, m.baseline())));
                        }
                    }
                    if (!old.isEmpty()) {
                        return names(tx, old).compose(known -> {
                            for (Long id : old) {
                                if (now.contains(id)) {
                                    continue;
                                }
                                AccountRef a = inScope.get(id);
                                String reason = a == null ? "it is no longer in the goal's scope (deleted, or the scope changed)"
                                        : why.getOrDefault(id, "it has no data for the baseline any more");
                                String[] nameNet = known.getOrDefault(id, new String[] {"account " + id, "unknown"});
                                batch.add(Tuple.from(java.util.Arrays.asList(m.goalId(), id, a == null ? nameNet[0] : a.name(),
                                        a == null ? nameNet[1] : a.network(), "removed", reason, oldBaseline, m.baseline())));
                            }
                            return insert(tx, batch);
                        });
                    }
                    return insert(tx, batch);
                }));
    }

    private static Future<Map<Long, String[]>> names(SqlClient tx, Set<Long> ids) {
        return tx.preparedQuery("SELECT id, name, network FROM account WHERE id = ANY($1::bigint[]) UNION ALL "
                + "SELECT DISTINCT ON (account_id) account_id, account_name, network FROM goal_baseline_change "
                + "WHERE account_id = ANY($1::bigint[])")
                .execute(Params.of((Object) ids.toArray(Long[]::new))).map(rows -> {
                    Map<Long, String[]> out = new HashMap<>();
                    rows.forEach(r -> out.putIfAbsent(r.getLong(0), new String[] {r.getString(1), r.getString(2)}));
                    return out;
                });
    }

    private static Future<Void> insert(SqlClient tx, List<Tuple> batch) {
        if (batch.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("INSERT INTO goal_baseline_change (goal_id, account_id, account_name, network, change, why, "
                + "old_baseline, new_baseline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)").executeBatch(batch).mapEmpty();
    }

    private Future<Map<Long, JsonArray>> changes(Long[] goalIds) {
        return pool.preparedQuery("SELECT goal_id, changed_at, account_id, account_name, network, change, why, old_baseline, "
                + "new_baseline FROM goal_baseline_change WHERE goal_id = ANY($1::bigint[]) ORDER BY goal_id, changed_at, id")
                .execute(Params.of((Object) goalIds)).map(rows -> {
                    Map<Long, JsonArray> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getLong("goal_id"), k -> new JsonArray()).add(new JsonObject()
                                .put("when", r.getOffsetDateTime("changed_at").toInstant().toString())
                                .put("account", new JsonObject().put("id", r.getLong("account_id"))
                                        .put("name", r.getString("account_name")).put("network", r.getString("network")))
                                .put("change", r.getString("change")).put("why", r.getString("why"))
                                .put("old_baseline", r.getDouble("old_baseline"))
                                .put("new_baseline", r.getDouble("new_baseline")));
                    }
                    return out;
                });
    }

    private static Long[] ids(List<AccountRef> accounts) {
        return accounts.stream().map(AccountRef::id).toArray(Long[]::new);
    }
}
