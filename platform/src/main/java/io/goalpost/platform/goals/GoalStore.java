package io.goalpost.platform.goals;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Goals and tactics in PostgreSQL. */
public final class GoalStore {

    private static final String COLUMNS = "g.id, g.title, g.objective, g.kpi, g.scope_networks, g.scope_accounts, "
            + "g.target_type, g.target_value, g.start_day, g.deadline, g.owner, g.why, g.created_at, g.updated_at, g.attainability, "
            + "(SELECT count(*) FROM tactic t WHERE t.goal_id = g.id) AS tactic_count";

    private final Pool pool;

    public GoalStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts a goal with its attainability check; returns its id. */
    public Future<Long> insert(SqlClient c, GoalSpec s, JsonObject attainability) {
        List<Object> values = new ArrayList<>(specValues(s));
        values.add(attainability);
        return c.preparedQuery("INSERT INTO goal (title, objective, kpi, scope_networks, scope_accounts, target_type, "
                + "target_value, start_day, deadline, owner, why, attainability) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id")
                .execute(Tuple.from(values))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Replaces a goal's stated fields and its attainability check; false when it does not exist. */
    public Future<Boolean> update(SqlClient c, long id, GoalSpec s, JsonObject attainability) {
        List<Object> values = new ArrayList<>(specValues(s));
        values.add(attainability);
        values.add(id);
        return c.preparedQuery("UPDATE goal SET title = $1, objective = $2, kpi = $3, scope_networks = $4, "
                + "scope_accounts = $5, target_type = $6, target_value = $7, start_day = $8, deadline = $9, owner = $10, "
                + "why = $11, attainability = $12, updated_at = now() WHERE id = $13")
                .execute(Tuple.from(values)).map(rows -> rows.rowCount() == 1);
    }

    private static List<Object> specValues(GoalSpec s) {
        return Arrays.asList(s.title(), s.objective(), s.kpi(), s.networks().toArray(String[]::new),
                s.accounts().toArray(Long[]::new), s.targetType(), s.targetValue(), s.start(), s.deadline(), s.owner(), s.why());
    }

    /** Deletes a goal and its tactics; false when it does not exist. */
    public Future<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM goal WHERE id = $1").execute(Tuple.of(id)).map(r -> r.rowCount() == 1);
    }

    /** One goal. */
    public Future<Optional<Goal>> get(SqlClient c, long id) {
        return (c == null ? pool : c).preparedQuery("SELECT " + COLUMNS + " FROM goal g WHERE g.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(goal(rows.iterator().next())));
    }

    /** Every goal, by deadline then id. */
    public Future<List<Goal>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM goal g ORDER BY g.deadline, g.id").execute().map(rows -> {
            List<Goal> out = new ArrayList<>();
            rows.forEach(r -> out.add(goal(r)));
            return out;
        });
    }

    private static Goal goal(Row r) {
        String[] nets = r.getArrayOfStrings("scope_networks");
        Long[] accs = r.getArrayOfLongs("scope_accounts");
        GoalSpec s = new GoalSpec(r.getString("title"), r.getString("objective"), r.getString("kpi"),
                nets == null ? List.of() : Arrays.asList(nets), accs == null ? List.of() : Arrays.asList(accs),
                r.getString("target_type"), r.getDouble("target_value"), r.getLocalDate("start_day"),
                r.getLocalDate("deadline"), r.getString("owner"), r.getString("why"), List.of());
        Object att = r.getValue("attainability");
        return new Goal(r.getLong("id"), s, r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
                r.getLong("tactic_count").intValue(), att instanceof JsonObject o ? o : null);
    }

    /** Inserts a tactic; returns its id. */
    public Future<Long> insertTactic(SqlClient c, long goalId, TacticSpec t) {
        return (c == null ? pool : c).preparedQuery("INSERT INTO tactic (goal_id, title, owner, due, status, value, complexity) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .execute(Tuple.from(Arrays.asList(goalId, t.title(), t.owner(), t.due(), t.status(), (short) t.value(),
                        (short) t.complexity())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Replaces a tactic; false when it does not exist under that goal. */
    public Future<Boolean> updateTactic(long goalId, long id, TacticSpec t) {
        return pool.preparedQuery("UPDATE tactic SET title = $1, owner = $2, due = $3, status = $4, value = $5, "
                + "complexity = $6, updated_at = now() WHERE id = $7 AND goal_id = $8")
                .execute(Tuple.from(Arrays.asList(t.title(), t.owner(), t.due(), t.status(), (short) t.value(),
                        (short) t.complexity(), id, goalId)))
                .map(r -> r.rowCount() == 1);
    }

    /** Deletes a tactic; false when it does not exist under that goal. */
    public Future<Boolean> deleteTactic(long goalId, long id) {
        return pool.preparedQuery("DELETE FROM tactic WHERE id = $1 AND goal_id = $2").execute(Tuple.of(id, goalId))
                .map(r -> r.rowCount() == 1);
    }

    /** A goal's tactics (unordered). */
    public Future<List<Tactic>> tactics(long goalId) {
        return pool.preparedQuery("SELECT id, goal_id, title, owner, due, status, value, complexity FROM tactic WHERE goal_id = $1")
                .execute(Tuple.of(goalId)).map(rows -> {
                    List<Tactic> out = new ArrayList<>();
                    for (Row r : rows) {
                        LocalDate due = r.getLocalDate("due");
                        out.add(new Tactic(r.getLong("id"), r.getLong("goal_id"), new TacticSpec(r.getString("title"),
                                r.getString("owner"), due, r.getString("status"), r.getShort("value"),
                                r.getShort("complexity"))));
                    }
                    return out;
                });
    }

    /** True when the goal exists. */
    public Future<Boolean> exists(long goalId) {
        return pool.preparedQuery("SELECT 1 FROM goal WHERE id = $1").execute(Tuple.of(goalId)).map(r -> r.size() == 1);
    }
}
