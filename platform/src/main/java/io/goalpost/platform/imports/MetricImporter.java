package io.goalpost.platform.imports;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;

/**
 * Stores validated points of one account in one transaction with an idempotent upsert: a point
 * whose value is already stored is left untouched (so re-importing a file changes nothing), a new
 * value replaces the old one. The roll-up triggers see exactly the rows inserted or changed.
 */
public final class MetricImporter {

    /** Rows per statement. */
    public static final int CHUNK = 5_000;

    private static final String UPSERT = "WITH up AS (\n"
            + "  INSERT INTO metric_point (account_id, metric, day, value, source)\n"
            + "  SELECT $1, t.m, t.d, t.v, $5 FROM unnest($2::text[], $3::date[], $4::float8[]) AS t(m, d, v)\n"
            + "  ON CONFLICT (account_id, metric, day) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source\n"
            + "  WHERE metric_point.value IS DISTINCT FROM EXCLUDED.value\n"
            + "  RETURNING (xmax = 0) AS ins)\n"
            + "SELECT count(*) FILTER (WHERE ins) AS inserted, count(*) FILTER (WHERE NOT ins) AS updated FROM up";

    private final Pool pool;

    public MetricImporter(Pool pool) {
        this.pool = pool;
    }

    /** The account's network, or a 404. */
    public Future<String> accountNetwork(long accountId) {
        return pool.preparedQuery("SELECT network FROM account WHERE id = $1").execute(Tuple.of(accountId)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiError.notFound("account " + accountId);
            }
            return rows.iterator().next().getString("network");
        });
    }

    /**
     * Deletes an account's imported points (sources manual and csv), of one metric or all, between
     * two days (either end open); answers how many. The delete triggers keep the roll-ups exact.
     */
    public Future<Integer> deleteImported(long accountId, String metric, LocalDate from, LocalDate to) {
        // edit_bump: the person who removed the import sees it gone in the very next answer.
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM metric_point WHERE account_id = $1 "
                + "AND source IN ('manual', 'csv') AND ($2::text IS NULL OR metric = $2) AND ($3::date IS NULL OR day >= $3) "
                + "AND ($4::date IS NULL OR day <= $4)").execute(Tuple.of(accountId, metric, from, to))
                .compose(r -> conn.query("SELECT edit_bump()").execute().map(r.rowCount())));
    }

    /** What was imported into an account, per metric and source: {metric, source, first, last, count}. */
    public Future<io.vertx.core.json.JsonArray> imported(long accountId) {
        return pool.preparedQuery("SELECT metric, source, min(day) AS first, max(day) AS last, count(*) AS n FROM metric_point "
                + "WHERE account_id = $1 AND source IN ('manual', 'csv') GROUP BY metric, source ORDER BY metric, source")
                .execute(Tuple.of(accountId)).map(rows -> {
                    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
                    rows.forEach(r -> out.add(new io.vertx.core.json.JsonObject().put("metric", r.getString("metric"))
                            .put("source", r.getString("source")).put("first", r.getLocalDate("first").toString())
                            .put("last", r.getLocalDate("last").toString()).put("count", r.getLong("n"))));
                    return out;
                });
    }

    /** Upserts the rows; answers {inserted, updated}. */
    public Future<int[]> store(long accountId, List<PointRow> rows, String source) {
        if (rows.isEmpty()) {
            return Future.succeededFuture(new int[] {0, 0});
        }
        // edit_bump: a person's import is shown at once, not after a background recomputation (AnalyticsCache).
        return pool.withTransaction(conn -> chunk(conn, accountId, rows, source, 0, new int[] {0, 0})
                .compose(counts -> conn.query("SELECT edit_bump()").execute().map(counts)));
    }

    /**
     * Upserts rows that arrive in chunks (a CSV file read a chunk at a time) in one transaction;
     * answers {inserted, updated}. {@code next} answers the next chunk, empty at the end; when
     * {@code done} fails after the last chunk (nothing valid in the file) everything is rolled back.
     */
    public Future<int[]> storeChunks(long accountId, java.util.function.Supplier<Future<List<PointRow>>> next, String source,
            java.util.function.Supplier<Future<Void>> done) {
        return pool.withTransaction(conn -> nextChunk(conn, accountId, next, source, new int[] {0, 0})
                .compose(counts -> done.get().map(counts))
                .compose(counts -> conn.query("SELECT edit_bump()").execute().map(counts)));
    }

    private Future<int[]> nextChunk(SqlConnection conn, long accountId, java.util.function.Supplier<Future<List<PointRow>>> next,
            String source, int[] acc) {
        return next.get().compose(rows -> rows.isEmpty() ? Future.succeededFuture(acc)
                : chunk(conn, accountId, rows, source, 0, acc).compose(a -> nextChunk(conn, accountId, next, source, a)));
    }

    private Future<int[]> chunk(SqlConnection conn, long accountId, List<PointRow> rows, String source, int from, int[] acc) {
        if (from >= rows.size()) {
            return Future.succeededFuture(acc);
        }
        List<PointRow> part = rows.subList(from, Math.min(rows.size(), from + CHUNK));
        Tuple t = io.goalpost.platform.kpis.Params.of(accountId, part.stream().map(PointRow::metric).toArray(String[]::new),
                part.stream().map(PointRow::day).toArray(LocalDate[]::new),
                part.stream().map(PointRow::value).toArray(Double[]::new), source);
        return conn.preparedQuery(UPSERT).execute(t).compose(r -> {
            var row = r.iterator().next();
            acc[0] += row.getLong("inserted").intValue();
            acc[1] += row.getLong("updated").intValue();
            return chunk(conn, accountId, rows, source, from + part.size(), acc);
        });
    }
}
