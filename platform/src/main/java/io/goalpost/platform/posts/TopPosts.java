package io.goalpost.platform.posts;

import io.goalpost.platform.kpis.Capabilities;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The posts that drove the numbers: the posts published in a period, each with its latest lifetime
 * metrics (a metric the network did not report for it is absent, never 0), best first.
 */
public final class TopPosts {

    /** Why a post has no text excerpt: said when one of the answer's posts has none, rather than left to wonder. */
    public static final String TEXT_NOTE = "A post without text: its network gave none (e.g. a photo without caption), "
            + "or it was last synced by a plugin that does not report post text.";

    // Each post's latest value per metric (post_metric keeps one row per day it was seen), the ranking
    // value computed from those, ranked in the database so only `limit` rows come back.
    private static final String SQL = """
            WITH picked AS (
                SELECT p.account_id, p.post_id, p.published_at, p.published_day, p.type, p.permalink, p.text, a.name, a.network
                FROM post p JOIN account a ON a.id = p.account_id
                WHERE p.published_day BETWEEN $1 AND $2
                  AND (cardinality($3::text[]) = 0 OR a.network = ANY($3::text[]))
                  AND (cardinality($4::bigint[]) = 0 OR a.id = ANY($4::bigint[]))
            ), latest AS (
                SELECT DISTINCT ON (m.account_id, m.post_id, m.metric) m.account_id, m.post_id, m.metric, m.value, m.seen_on
                FROM post_metric m JOIN picked p ON p.account_id = m.account_id AND p.post_id = m.post_id
                ORDER BY m.account_id, m.post_id, m.metric, m.seen_on DESC
            ), scored AS (
                SELECT p.account_id, p.post_id, p.published_at, p.published_day, p.type, p.permalink, p.text, p.name, p.network,
                       jsonb_object_agg(l.metric, l.value) FILTER (WHERE l.metric IS NOT NULL) AS metrics,
                       max(l.seen_on) AS as_of,
                       max(l.value) FILTER (WHERE l.metric = $5) AS num,
                       max(l.value) FILTER (WHERE l.metric = $6) AS den
                FROM picked p LEFT JOIN latest l ON l.account_id = p.account_id AND l.post_id = p.post_id
                GROUP BY p.account_id, p.post_id, p.published_at, p.published_day, p.type, p.permalink, p.text, p.name, p.network
            )
            SELECT *, CASE WHEN $6::text IS NULL THEN num WHEN den > 0 THEN num / den * $7 ELSE NULL END AS score,
                   count(*) OVER () AS total
            FROM scored
            ORDER BY score DESC NULLS LAST, published_at DESC, account_id, post_id
            LIMIT $8
            """;

    private final Pool pool;
    private final Capabilities caps;

    public TopPosts(Pool pool, Capabilities caps) {
        this.pool = pool;
        this.caps = caps;
    }

    /**
     * {@code {from, to, sort, total, posts: [...], text_note?}}: {@code total} counts every post
     * published in the period and scope, {@code posts} the best {@code limit}; a post whose ranking
     * value is not available (not reported, or a ratio over 0) comes after those that have one, with
     * {@code score: null}. {@code text_note} is there only when one of {@code posts} has no text.
     */
    public Future<JsonObject> top(PostQuery q) {
        PostRanking r = q.ranking();
        Tuple args = Tuple.of(q.from(), q.to(), q.networks().toArray(String[]::new), q.accounts().toArray(Long[]::new),
                r.metric(), r.per());
        args.addDouble(r.scale()).addInteger(q.limit());
        return pool.preparedQuery(SQL).execute(args).map(rows -> {
            JsonArray posts = new JsonArray();
            long total = 0;
            boolean textless = false;
            for (Row row : rows) {
                total = row.getLong("total");
                JsonObject post = post(row);
                textless |= post.getString("text") == null;
                posts.add(post);
            }
            JsonObject answer = new JsonObject().put("from", q.from().toString()).put("to", q.to().toString())
                    .put("networks", new JsonArray(q.networks())).put("accounts", new JsonArray(q.accounts()))
                    .put("sort", r.toJson()).put("limit", q.limit()).put("total", total).put("posts", posts);
            return textless ? answer.put("text_note", TEXT_NOTE) : answer;
        });
    }

    private JsonObject post(Row row) {
        Object m = row.getValue("metrics");
        JsonObject metrics = m instanceof JsonObject o ? o : m == null ? new JsonObject() : new JsonObject(m.toString());
        String network = row.getString("network");
        var asOf = row.getLocalDate("as_of");
        return new JsonObject()
                .put("account", new JsonObject().put("id", row.getLong("account_id")).put("name", row.getString("name"))
                        .put("network", network).put("network_name", caps.displayName(network)))
                .put("post_id", row.getString("post_id"))
                .put("type", row.getString("type"))
                .put("published_at", row.getOffsetDateTime("published_at").toInstant().toString())
                .put("published_day", row.getLocalDate("published_day").toString())
                .put("permalink", row.getString("permalink"))
                .put("text", row.getString("text"))
                .put("metrics", metrics)
                .put("metrics_as_of", asOf == null ? null : asOf.toString())
                .put("score", row.getDouble("score"));
    }
}
