package io.goalpost.platform.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The notifications raised (table {@code notification}), shared by everyone signed in, with each
 * person's read marks ({@code notification_read}): the in-app list.
 */
public final class NotificationStore {

    /** The most notifications one page lists. */
    public static final int MAX_PAGE = 200;

    private final Pool pool;

    public NotificationStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records an alert and queues it for every enabled channel that receives its kind (digest channels
     * wait for their digest); answers its id.
     */
    static Future<Long> raise(SqlClient client, Observation o) {
        return client.preparedQuery("INSERT INTO notification (event, subject, state, title, body, link) VALUES ($1, $2, $3, $4, $5, $6) "
                + "RETURNING id").execute(Tuple.of(o.event().id(), o.subject(), o.state(), o.title(), o.body(), o.link()))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> client.preparedQuery("INSERT INTO notification_delivery (notification_id, channel_id, status) "
                        + "SELECT $1, id, CASE WHEN digest THEN 'digest' ELSE 'pending' END FROM notification_channel "
                        + "WHERE enabled AND $2 = ANY (events)").execute(Tuple.of(id, o.event().id())).map(id));
    }

    /** The newest notifications for a person, each with whether they read it, and how many they have not read. */
    public Future<JsonObject> list(long userId, int limit, boolean unreadOnly) {
        String sql = "SELECT n.id, n.created_at, n.event, n.subject, n.state, n.title, n.body, n.link, r.read_at FROM notification n "
                + "LEFT JOIN notification_read r ON r.notification_id = n.id AND r.user_id = $1 "
                + (unreadOnly ? "WHERE r.read_at IS NULL " : "") + "ORDER BY n.id DESC LIMIT $2";
        Future<JsonArray> page = pool.preparedQuery(sql).execute(Tuple.of(userId, limit)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject().put("id", r.getLong("id")).put("created_at", r.getOffsetDateTime("created_at").toInstant().toString())
                        .put("event", r.getString("event")).put("subject", r.getString("subject")).put("state", r.getString("state"))
                        .put("title", r.getString("title")).put("body", r.getString("body")).put("link", r.getString("link"))
                        .put("read", r.getOffsetDateTime("read_at") != null));
            }
            return out;
        });
        Future<Long> unread = pool.preparedQuery("SELECT count(*) AS n FROM notification n WHERE NOT EXISTS (SELECT 1 FROM "
                + "notification_read r WHERE r.notification_id = n.id AND r.user_id = $1)").execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getLong("n"));
        return Future.all(page, unread).map(v -> new JsonObject().put("notifications", page.result()).put("unread", unread.result()));
    }

    /** Marks one notification read for a person; answers whether it exists. */
    public Future<Boolean> markRead(long userId, long id) {
        return pool.preparedQuery("INSERT INTO notification_read (notification_id, user_id) SELECT id, $1 FROM notification "
                + "WHERE id = $2 ON CONFLICT DO NOTHING").execute(Tuple.of(userId, id))
                .compose(rows -> rows.rowCount() > 0 ? Future.succeededFuture(true)
                        : pool.preparedQuery("SELECT 1 FROM notification WHERE id = $1").execute(Tuple.of(id)).map(r -> r.size() > 0));
    }

    /** Marks every notification read for a person; answers how many were unread. */
    public Future<Integer> markAllRead(long userId) {
        return pool.preparedQuery("INSERT INTO notification_read (notification_id, user_id) SELECT id, $1 FROM notification "
                + "ON CONFLICT DO NOTHING").execute(Tuple.of(userId)).map(rows -> rows.rowCount());
    }
}
