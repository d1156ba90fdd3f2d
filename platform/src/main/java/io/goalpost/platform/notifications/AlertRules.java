package io.goalpost.platform.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * The alert rules (table {@code alert_rules}, one row).
 *
 * @param holdMinutes how long a new state must hold before it alerts: a status that changes and changes
 *     back within it sends nothing
 * @param digestHour the hour (UTC, 0–23) at which digest channels get the day's alerts in one message
 */
public record AlertRules(int holdMinutes, int digestHour) {

    /** The longest hold time: a week. */
    public static final int HOLD_MAX = 10080;

    public AlertRules {
        if (holdMinutes < 0 || holdMinutes > HOLD_MAX) {
            throw new IllegalArgumentException("hold_minutes must be 0 to " + HOLD_MAX);
        }
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalArgumentException("digest_hour must be 0 to 23");
        }
    }

    /** The hold time. */
    public Duration hold() {
        return Duration.ofMinutes(holdMinutes);
    }

    /** As the API shows it. */
    public JsonObject toJson() {
        return new JsonObject().put("hold_minutes", holdMinutes).put("digest_hour", digestHour);
    }

    /** The stored rules. */
    public static Future<AlertRules> load(Pool pool) {
        return pool.query("SELECT hold_minutes, digest_hour FROM alert_rules WHERE id = 1").execute().map(rows -> {
            Row r = rows.iterator().next();
            return new AlertRules(r.getInteger("hold_minutes"), r.getInteger("digest_hour"));
        });
    }

    /** Stores these rules. */
    public Future<Void> save(Pool pool) {
        return pool.preparedQuery("UPDATE alert_rules SET hold_minutes = $1, digest_hour = $2, updated_at = now() WHERE id = 1")
                .execute(Tuple.of(holdMinutes, digestHour)).mapEmpty();
    }
}
