package io.goalpost.platform.annotations;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code annotation} table. */
public final class AnnotationStore {

    private static final String COLUMNS = "id, day, text, goal_id, created_by, created_at";

    private final Pool pool;

    public AnnotationStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * The annotations on days in [from, to] (either may be null: open), oldest day first. With a goal:
     * the notes on every chart and that goal's; with {@code everyGoal} false and no goal: only the notes
     * on every chart; otherwise all of them.
     */
    public Future<List<Annotation>> list(LocalDate from, LocalDate to, Long goalId, boolean everyGoal) {
        String where = goalId != null ? "(goal_id IS NULL OR goal_id = $3)" : everyGoal ? "($3::bigint IS NULL)" : "goal_id IS NULL AND $3::bigint IS NULL";
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM annotation WHERE ($1::date IS NULL OR day >= $1) "
                + "AND ($2::date IS NULL OR day <= $2) AND " + where + " ORDER BY day, id")
                .execute(Tuple.of(from, to, goalId)).map(rows -> {
                    List<Annotation> out = new ArrayList<>();
                    rows.forEach(r -> out.add(of(r)));
                    return out;
                });
    }

    /** Stores a note; answers it. */
    public Future<Annotation> insert(LocalDate day, String text, Long goalId, String createdBy) {
        return pool.preparedQuery("INSERT INTO annotation (day, text, goal_id, created_by) VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
                .execute(Tuple.of(day, text, goalId, createdBy)).map(rows -> of(rows.iterator().next()));
    }

    /** Deletes a note; answers it, or empty when there was none. */
    public Future<Optional<Annotation>> delete(long id) {
        return pool.preparedQuery("DELETE FROM annotation WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(of(rows.iterator().next())));
    }

    private static Annotation of(Row r) {
        return new Annotation(r.getLong("id"), r.getLocalDate("day"), r.getString("text"), r.getLong("goal_id"),
                r.getString("created_by"), r.getOffsetDateTime("created_at").toInstant());
    }
}
