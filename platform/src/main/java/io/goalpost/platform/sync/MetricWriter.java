package io.goalpost.platform.sync;

import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.PostSnapshot;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Stores one fetched batch and advances the account's cursor in the same transaction, so a crash
 * between batches neither loses nor repeats data. Upserts are keyed on natural keys and write
 * nothing when a value is unchanged.
 */
public final class MetricWriter {

    static final String UPSERT_POINTS = "INSERT INTO metric_point (account_id, metric, day, value, source) "
            + "SELECT $1, t.metric, t.day, t.value, $5 FROM unnest($2::text[], $3::date[], $4::float8[]) "
            + "AS t(metric, day, value) ON CONFLICT (account_id, metric, day) DO UPDATE "
            + "SET value = EXCLUDED.value, source = EXCLUDED.source "
            + "WHERE metric_point.value IS DISTINCT FROM EXCLUDED.value";
    private static final String UPSERT_POSTS = "INSERT INTO post (account_id, post_id, published_at, published_day, type, permalink, text) "
            + "SELECT $1, t.* FROM unnest($2::text[], $3::timestamptz[], $4::date[], $5::text[], $6::text[], $7::text[]) "
            + "AS t(post_id, published_at, published_day, type, permalink, text) ON CONFLICT (account_id, post_id) DO UPDATE "
            + "SET published_at = EXCLUDED.published_at, published_day = EXCLUDED.published_day, "
            + "type = EXCLUDED.type, permalink = EXCLUDED.permalink, text = EXCLUDED.text";
    private static final String UPSERT_POST_METRICS = "INSERT INTO post_metric (account_id, post_id, metric, seen_on, value) "
            + "SELECT $1, t.post_id, t.metric, $5, t.value FROM unnest($2::text[], $3::text[], $4::float8[]) "
            + "AS t(post_id, metric, value) ON CONFLICT (account_id, post_id, metric, seen_on) DO UPDATE "
            + "SET value = EXCLUDED.value WHERE post_metric.value IS DISTINCT FROM EXCLUDED.value";
    // posts_published is derived from stored posts, so every network counts it the same way.
    private static final String DERIVE_POSTS_PUBLISHED = "INSERT INTO metric_point (account_id, metric, day, value, source) "
            + "SELECT $1, 'posts_published', d.day, (SELECT count(*) FROM post p WHERE p.account_id = $1 "
            + "AND p.published_day = d.day), 'derived' FROM unnest($2::date[]) AS d(day) "
            + "ON CONFLICT (account_id, metric, day) DO UPDATE SET value = EXCLUDED.value "
            + "WHERE metric_point.value IS DISTINCT FROM EXCLUDED.value";
    private static final String ADVANCE = "UPDATE sync_state SET window_from = $2, window_to = $3, cursor_version = $4, "
            + "cursor_token = $5, synced_through = CASE WHEN $6 THEN GREATEST(synced_through, $3) ELSE synced_through END, "
            // The oldest day fetched: a backfill goes from the newest days back, window after adjacent window.
            + "history_from = CASE WHEN $6 THEN LEAST(COALESCE(history_from, $8), $8) ELSE history_from END, "
            + "notes = COALESCE($7, notes) WHERE account_id = $1";

    private final Pool pool;

    public MetricWriter(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a batch of a window and, atomically, where to resume.
     *
     * @param derivePostsPublished whether the network's posts list is complete enough to count posts per day
     */
    public Future<Void> writeBatch(long accountId, ZoneId zone, DateRange window, FetchResult batch,
            LocalDate seenOn, boolean derivePostsPublished) {
        return pool.withTransaction(tx -> writePoints(tx, accountId, batch.points(), "sync")
                .compose(v -> writePosts(tx, accountId, zone, batch.posts(), seenOn))
                .compose(v -> derivePostsPublished ? derive(tx, accountId, postDays(batch, window, zone)) : Future.succeededFuture())
                .compose(v -> advance(tx, accountId, window, batch.next(), batch.notes())));
    }

    /** Upserts points in one statement. */
    public static Future<Void> writePoints(SqlConnection tx, long accountId, List<MetricPoint> points, String source) {
        if (points.isEmpty()) {
            return Future.succeededFuture();
        }
        String[] metrics = new String[points.size()];
        LocalDate[] days = new LocalDate[points.size()];
        Double[] values = new Double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            metrics[i] = points.get(i).metric().value();
            days[i] = points.get(i).day();
            values[i] = points.get(i).value();
        }
        return tx.preparedQuery(UPSERT_POINTS).execute(Tuple.of(accountId, metrics, days, values, source)).mapEmpty();
    }

    private static Future<Void> writePosts(SqlConnection tx, long accountId, ZoneId zone, List<PostSnapshot> posts,
            LocalDate seenOn) {
        if (posts.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = posts.size();
        String[] ids = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        LocalDate[] days = new LocalDate[n];
        String[] types = new String[n];
        String[] links = new String[n];
        String[] texts = new String[n];
        List<String> metricPost = new ArrayList<>();
        List<String> metricId = new ArrayList<>();
        List<Double> metricValue = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PostSnapshot p = posts.get(i);
            ids[i] = p.postId();
            at[i] = p.publishedAt().atOffset(ZoneOffset.UTC);
            days[i] = p.publishedAt().atZone(zone).toLocalDate();
            types[i] = p.type();
            links[i] = p.permalink();
            texts[i] = PostText.excerpt(p.text());
            for (Map.Entry<MetricId, Double> m : p.metrics().entrySet()) {
                metricPost.add(p.postId());
                metricId.add(m.getKey().value());
                metricValue.add(m.getValue());
            }
        }
        Future<Void> stored = tx.preparedQuery(UPSERT_POSTS).execute(Tuple.of(accountId, ids, at, days, types, links, texts)).mapEmpty();
        if (metricPost.isEmpty()) {
            return stored;
        }
        return stored.compose(v -> tx.preparedQuery(UPSERT_POST_METRICS).execute(Tuple.of(accountId,
                metricPost.toArray(String[]::new), metricId.toArray(String[]::new),
                metricValue.toArray(Double[]::new), seenOn)).mapEmpty());
    }

    /** Days whose post count may have changed: those of the batch's posts, and the whole window once complete. */
    private static List<LocalDate> postDays(FetchResult batch, DateRange window, ZoneId zone) {
        TreeSet<LocalDate> days = new TreeSet<>();
        batch.posts().forEach(p -> {
            LocalDate d = p.publishedAt().atZone(zone).toLocalDate();
            if (window.contains(d)) {
                days.add(d);
            }
        });
        if (batch.isLast()) {
            // The posts list of the window is complete: a day without posts really had 0.
            for (LocalDate d = window.from(); !d.isAfter(window.to()); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    private static Future<Void> derive(SqlConnection tx, long accountId, List<LocalDate> days) {
        if (days.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(DERIVE_POSTS_PUBLISHED).execute(Tuple.of(accountId, (Object) days.toArray(LocalDate[]::new)))
                .mapEmpty();
    }

    private static Future<Void> advance(SqlConnection tx, long accountId, DateRange window, Optional<Cursor> next,
            List<String> notes) {
        String note = notes.isEmpty() ? null : String.join(" ", notes);
        Tuple t = Tuple.tuple().addLong(accountId)
                .addLocalDate(next.isPresent() ? window.from() : null)
                .addLocalDate(window.to())
                .addInteger(next.map(Cursor::version).orElse(null))
                .addString(next.map(Cursor::token).orElse(null))
                .addBoolean(next.isEmpty())
                .addString(note)
                .addLocalDate(window.from());
        // window_to doubles as "synced through" candidate; keep it only while a window is open.
        return tx.preparedQuery(ADVANCE).execute(t)
                .compose(r -> next.isPresent() ? Future.succeededFuture()
                        : tx.preparedQuery("UPDATE sync_state SET window_to = NULL WHERE account_id = $1")
                                .execute(Tuple.of(accountId)).mapEmpty())
                .mapEmpty();
    }
}
