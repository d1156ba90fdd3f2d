package io.goalpost.platform.notifications;

import io.goalpost.platform.security.SecretCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Notification channels (table {@code notification_channel}) and their deliveries' history. The
 * webhook's URL and signing secret are encrypted with the installation's key and decrypted only to
 * send ({@link #target}).
 */
public final class ChannelStore {

    private static final String COLUMNS = "c.id, c.name, c.kind, c.url_origin, c.format, c.recipients, c.events, c.digest, c.enabled, "
            + "c.updated_at, d.status AS d_status, d.attempts AS d_attempts, coalesce(d.sent_at, d.next_attempt_at) AS d_at, "
            + "d.last_error AS d_error";
    private static final String FROM = " FROM notification_channel c LEFT JOIN LATERAL (SELECT * FROM notification_delivery nd "
            + "WHERE nd.channel_id = c.id AND nd.status <> 'digest' AND (nd.status <> 'pending' OR nd.attempts > 0) "
            + "ORDER BY nd.id DESC LIMIT 1) d ON true";

    private final Pool pool;
    private final SecretCipher cipher;

    public ChannelStore(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /** A webhook's decrypted address and signing secret, or an email channel's recipients: what sending needs. */
    public record Target(Channel channel, URI url, byte[] secret) {
    }

    /** What a person sets on a channel; null url or secret on an update keeps the stored one. */
    public record Spec(String name, String kind, String url, String secret, String format, List<String> recipients,
            Set<AlertEvent> events, boolean digest, boolean enabled) {
        @Override
        public String toString() {
            return "Spec[" + name + ", " + kind + "]";
        }
    }

    /** Every channel. */
    public Future<List<Channel>> list() {
        return pool.query("SELECT " + COLUMNS + FROM + " ORDER BY c.id").execute().map(rows -> {
            List<Channel> out = new ArrayList<>();
            rows.forEach(r -> out.add(channel(r)));
            return out;
        });
    }

    /** One channel. */
    public Future<Optional<Channel>> get(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE c.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(channel(rows.iterator().next())));
    }

    /** The channel with what sending needs, decrypted. */
    public Future<Optional<Target>> target(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", c.url, c.secret" + FROM + " WHERE c.id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    Buffer url = r.getBuffer("url");
                    Buffer secret = r.getBuffer("secret");
                    return Optional.of(new Target(channel(r),
                            url == null ? null : URI.create(new String(cipher.decrypt(url.getBytes()), StandardCharsets.UTF_8)),
                            secret == null ? null : cipher.decrypt(secret.getBytes())));
                });
    }

    /** Creates a channel; answers its id. */
    public Future<Long> insert(Spec s) {
        return pool.preparedQuery("INSERT INTO notification_channel (name, kind, url, url_origin, secret, recipients, events, digest, "
                + "enabled, format) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                .execute(Tuple.from(new Object[] {s.name(), s.kind(), seal(s.url()), origin(s.url()), seal(s.secret()),
                        s.recipients().toArray(String[]::new), ids(s.events()), s.digest(), s.enabled(), s.format()}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Replaces a channel's settings (its kind stays); answers whether it exists. */
    public Future<Boolean> update(long id, Spec s) {
        return pool.preparedQuery("UPDATE notification_channel SET name = $2, url = coalesce($3, url), "
                + "url_origin = coalesce($4, url_origin), secret = coalesce($5, secret), recipients = $6, events = $7, digest = $8, "
                + "enabled = $9, format = $10, updated_at = now() WHERE id = $1")
                .execute(Tuple.from(new Object[] {id, s.name(), seal(s.url()), origin(s.url()), seal(s.secret()),
                        s.recipients().toArray(String[]::new), ids(s.events()), s.digest(), s.enabled(), s.format()}))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Deletes a channel and its deliveries; answers whether it existed. */
    public Future<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM notification_channel WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** A channel's latest deliveries, newest first: each with its notification's title, status, attempts and error. */
    public Future<JsonArray> deliveries(long channelId, int limit) {
        return pool.preparedQuery("SELECT d.id, d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, n.id AS nid, "
                + "n.title, n.created_at FROM notification_delivery d JOIN notification n ON n.id = d.notification_id "
                + "WHERE d.channel_id = $1 ORDER BY d.id DESC LIMIT $2").execute(Tuple.of(channelId, limit)).map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        out.add(new JsonObject().put("id", r.getLong("id")).put("notification_id", r.getLong("nid"))
                                .put("title", r.getString("title")).put("status", r.getString("status"))
                                .put("attempts", r.getInteger("attempts"))
                                .put("next_attempt_at", "pending".equals(r.getString("status"))
                                        ? r.getOffsetDateTime("next_attempt_at").toInstant().toString() : null)
                                .put("last_error", r.getString("last_error"))
                                .put("sent_at", r.getOffsetDateTime("sent_at") == null ? null
                                        : r.getOffsetDateTime("sent_at").toInstant().toString())
                                .put("created_at", r.getOffsetDateTime("created_at").toInstant().toString()));
                    }
                    return out;
                });
    }

    /** Enabled channels receiving {@code event}. */
    static Future<List<Channel>> subscribed(SqlClient client, AlertEvent event) {
        return client.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE c.enabled AND $1 = ANY (c.events) ORDER BY c.id")
                .execute(Tuple.of(event.id())).map(rows -> {
                    List<Channel> out = new ArrayList<>();
                    rows.forEach(r -> out.add(channel(r)));
                    return out;
                });
    }

    private Buffer seal(String text) {
        return text == null ? null : Buffer.buffer(cipher.encrypt(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Scheme, host and port of a URL: what is shown of a webhook. */
    static String origin(String url) {
        if (url == null) {
            return null;
        }
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
    }

    private static String[] ids(Set<AlertEvent> events) {
        return events.stream().map(AlertEvent::id).sorted().toArray(String[]::new);
    }

    private static Channel channel(Row r) {
        Set<AlertEvent> events = EnumSet.noneOf(AlertEvent.class);
        for (String e : r.getArrayOfStrings("events")) {
            AlertEvent.of(e).ifPresent(events::add);
        }
        JsonObject last = r.getString("d_status") == null ? null : new JsonObject().put("status", r.getString("d_status"))
                .put("attempts", r.getInteger("d_attempts"))
                .put("at", r.getOffsetDateTime("d_at") == null ? null : r.getOffsetDateTime("d_at").toInstant().toString())
                .put("error", r.getString("d_error"));
        return new Channel(r.getLong("id"), r.getString("name"), r.getString("kind"), r.getString("url_origin"),
                r.getString("format"), List.of(r.getArrayOfStrings("recipients")), events, r.getBoolean("digest"), r.getBoolean("enabled"), last,
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
