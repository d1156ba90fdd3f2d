package io.goalpost.platform.notifications;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued deliveries: each pending one when it is due, and each digest channel's waiting
 * alerts in one message once a day at the rules' digest hour. A send that fails is retried after 1, 5,
 * 30 and 120 minutes; after the fifth attempt the delivery is {@code failed}, with the last reason
 * kept and shown on the channel. Blocking: runs on the scheduler's worker threads.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Attempts before a delivery is given up. */
    public static final int MAX_ATTEMPTS = 5;
    private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofMinutes(120));
    private static final int BATCH = 100;
    /** How long a claimed delivery is left to its sender before another may try it. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final Pool pool;
    private final ChannelStore channels;
    private final WebhookSender webhooks;
    private final SmtpSettings smtp;
    private final Mailer mailer;
    private final Supplier<String> publicUrl;

    /**
     * @param publicUrl the address people open Goalpost at, ending in {@code /} (links in messages)
     */
    public Dispatcher(Pool pool, ChannelStore channels, WebhookSender webhooks, SmtpSettings smtp, Mailer mailer,
            Supplier<String> publicUrl) {
        this.pool = pool;
        this.channels = channels;
        this.webhooks = webhooks;
        this.smtp = smtp;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    /** A notification as a message carries it. */
    record Item(long id, Instant createdAt, String event, String subject, String state, String title, String body, String link) {
    }

    /** When a delivery that failed {@code attempts} times is tried again, or empty when it is given up. */
    public static Optional<Duration> retryAfter(int attempts) {
        return attempts >= MAX_ATTEMPTS ? Optional.empty() : Optional.of(BACKOFF.get(Math.min(attempts, BACKOFF.size()) - 1));
    }

    /** Sends every delivery due at {@code now}, then the digests due; answers how many messages were sent. */
    public int deliverDue(Instant now) {
        int sent = 0;
        List<Row> due = new ArrayList<>();
        // Claimed by moving their next attempt a lease ahead (SKIP LOCKED): a second sender at the same
        // time takes others, and a send that dies with its process is tried again after the lease.
        Blocking.await(pool.preparedQuery("UPDATE notification_delivery d SET next_attempt_at = $3 FROM notification n "
                + "WHERE n.id = d.notification_id AND d.id IN (SELECT id FROM notification_delivery WHERE status = 'pending' "
                + "AND next_attempt_at <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING d.id AS did, d.channel_id, "
                + "d.attempts, n.id, n.created_at, n.event, n.subject, n.state, n.title, n.body, n.link")
                .execute(Tuple.of(utc(now), BATCH, utc(now.plus(LEASE))))).forEach(due::add);
        due.sort(java.util.Comparator.comparingLong(r -> r.getLong("did")));
        for (Row r : due) {
            Item item = item(r);
            long deliveryId = r.getLong("did");
            int attempts = r.getInteger("attempts") + 1;
            try {
                send(r.getLong("channel_id"), List.of(item), false);
                markSent(List.of(deliveryId), attempts, now);
                sent++;
            } catch (DeliveryFailed e) {
                markFailed(List.of(deliveryId), attempts, e.getMessage(), now);
            }
        }
        return sent + deliverDigests(now);
    }

    /** The digests due: each digest channel with waiting alerts whose last digest was before today's digest hour. */
    private int deliverDigests(Instant now) {
        AlertRules rules = Blocking.await(AlertRules.load(pool));
        OffsetDateTime utcNow = now.atOffset(ZoneOffset.UTC);
        LocalDate day = utcNow.getHour() >= rules.digestHour() ? utcNow.toLocalDate() : utcNow.toLocalDate().minusDays(1);
        OffsetDateTime slot = day.atTime(rules.digestHour(), 0).atOffset(ZoneOffset.UTC);
        List<Long> due = new ArrayList<>();
        Blocking.await(pool.preparedQuery("SELECT c.id FROM notification_channel c WHERE c.enabled AND c.digest "
                + "AND coalesce(c.last_digest_at, c.created_at) < $1 AND EXISTS (SELECT 1 FROM notification_delivery d "
                + "WHERE d.channel_id = c.id AND d.status = 'digest') AND NOT EXISTS (SELECT 1 FROM notification_delivery d "
                + "WHERE d.channel_id = c.id AND d.status = 'digest' AND d.next_attempt_at > $2) ORDER BY c.id")
                .execute(Tuple.of(slot, utc(now)))).forEach(r -> due.add(r.getLong("id")));
        int sent = 0;
        for (long channelId : due) {
            List<Long> ids = new ArrayList<>();
            List<Item> items = new ArrayList<>();
            int attempts = 1;
            for (Row r : Blocking.await(pool.preparedQuery("SELECT d.id AS did, d.attempts, n.id, n.created_at, n.event, n.subject, "
                    + "n.state, n.title, n.body, n.link FROM notification_delivery d JOIN notification n ON n.id = d.notification_id "
                    + "WHERE d.channel_id = $1 AND d.status = 'digest' ORDER BY n.id").execute(Tuple.of(channelId)))) {
                ids.add(r.getLong("did"));
                items.add(item(r));
                attempts = Math.max(attempts, r.getInteger("attempts") + 1);
            }
            try {
                send(channelId, items, true);
                markSent(ids, attempts, now);
                Blocking.await(pool.preparedQuery("UPDATE notification_channel SET last_digest_at = $2 WHERE id = $1")
                        .execute(Tuple.of(channelId, utc(now))));
                sent++;
            } catch (DeliveryFailed e) {
                markFailed(ids, attempts, e.getMessage(), now);
            }
        }
        return sent;
    }

    /**
     * Sends items to a channel now: one alert, or a digest of several. Also used by the channel's "send a
     * test" action.
     */
    void send(long channelId, List<Item> items, boolean digest) throws DeliveryFailed {
        ChannelStore.Target target = Blocking.await(channels.target(channelId))
                .orElseThrow(() -> new DeliveryFailed("the channel was deleted"));
        String text = text(items, digest);
        if (target.channel().kind().equals(Channel.WEBHOOK)) {
            JsonObject payload = new JsonObject().put("text", text);
            String event;
            if (digest) {
                event = "digest";
                JsonArray list = new JsonArray();
                items.forEach(i -> list.add(json(i)));
                payload.put("event", event).put("notifications", list);
            } else {
                Item i = items.get(0);
                event = i.event();
                payload.mergeIn(json(i));
            }
            if (target.channel().format().equals(Channel.TEAMS)) {
                if (digest) {
                    TeamsCard.digest(payload, digestHeading(items), items, publicUrl.get());
                } else {
                    Item i = items.get(0);
                    TeamsCard.single(payload, i.title(), i.body(), i.link() == null ? null : publicUrl.get() + i.link());
                }
            }
            webhooks.send(target.url(), target.secret(), event, payload.encode());
        } else {
            SmtpServer server = Blocking.await(smtp.server())
                    .orElseThrow(() -> new DeliveryFailed("no SMTP server is set: an admin sets one under Settings → Email"));
            String subject = digest ? "[Goalpost] Daily digest: " + items.size() + (items.size() == 1 ? " alert" : " alerts")
                    : "[Goalpost] " + items.get(0).title();
            try {
                mailer.send(server, target.channel().recipients(), subject, text, List.of());
            } catch (Mailer.SendFailed e) {
                throw new DeliveryFailed(e.getMessage());
            }
        }
    }

    private String text(List<Item> items, boolean digest) {
        StringBuilder b = new StringBuilder();
        if (digest) {
            b.append(digestHeading(items)).append('\n');
            for (Item i : items) {
                b.append("• ").append(i.title()).append(". ").append(i.body());
                if (i.link() != null) {
                    b.append(' ').append(publicUrl.get()).append(i.link());
                }
                b.append('\n');
            }
            return b.toString().strip();
        }
        Item i = items.get(0);
        b.append(i.title()).append(". ").append(i.body());
        if (i.link() != null) {
            b.append(' ').append(publicUrl.get()).append(i.link());
        }
        return b.toString();
    }

    private static String digestHeading(List<Item> items) {
        return "Goalpost daily digest: " + items.size() + (items.size() == 1 ? " alert" : " alerts");
    }

    private JsonObject json(Item i) {
        return new JsonObject().put("notification_id", i.id()).put("created_at", i.createdAt().toString()).put("event", i.event())
                .put("subject", i.subject()).put("state", i.state()).put("title", i.title()).put("body", i.body())
                .put("link", i.link() == null ? null : publicUrl.get() + i.link());
    }

    private void markSent(List<Long> ids, int attempts, Instant now) {
        Blocking.await(pool.preparedQuery("UPDATE notification_delivery SET status = 'sent', attempts = $2, sent_at = $3, "
                + "last_error = NULL WHERE id = ANY ($1)").execute(Tuple.of(ids.toArray(Long[]::new), attempts, utc(now))));
    }

    private void markFailed(List<Long> ids, int attempts, String error, Instant now) {
        Optional<Duration> retry = retryAfter(attempts);
        LOG.warn("Notification delivery {} failed (attempt {} of {}): {}", ids, attempts, MAX_ATTEMPTS, error);
        // A digest that failed waits as a digest for its retry; a single alert as pending.
        Blocking.await(pool.preparedQuery("UPDATE notification_delivery SET attempts = $2, last_error = $3, next_attempt_at = $4, "
                + "status = CASE WHEN $5 THEN 'failed' ELSE status END WHERE id = ANY ($1)")
                .execute(Tuple.from(new Object[] {ids.toArray(Long[]::new), attempts, error,
                        utc(retry.map(now::plus).orElse(now)), retry.isEmpty()})));
    }

    private static Item item(Row r) {
        return new Item(r.getLong("id"), r.getOffsetDateTime("created_at").toInstant(), r.getString("event"), r.getString("subject"),
                r.getString("state"), r.getString("title"), r.getString("body"), r.getString("link"));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
