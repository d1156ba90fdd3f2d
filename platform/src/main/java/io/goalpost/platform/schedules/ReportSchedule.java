package io.goalpost.platform.schedules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled report as stored.
 *
 * @param id its id
 * @param name its name (the email's subject names it)
 * @param frequency weekly or monthly
 * @param weekday the weekday of a weekly report (1 Monday … 7 Sunday)
 * @param hour the hour it goes out (UTC)
 * @param recipients the email addresses
 * @param enabled whether it runs
 * @param nextRunAt when its next run is due
 * @param lastRun its latest run ({@code status, attempts, sent_at, last_error, period}), or null
 */
public record ReportSchedule(long id, String name, Frequency frequency, int weekday, int hour, List<String> recipients,
        boolean enabled, Instant nextRunAt, JsonObject lastRun) {

    public ReportSchedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(frequency, "frequency");
        recipients = List.copyOf(recipients);
    }

    /** As the API answers it. */
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("frequency", frequency.id())
                .put("weekday", frequency == Frequency.WEEKLY ? weekday : null).put("hour", hour)
                .put("recipients", new JsonArray(recipients)).put("enabled", enabled)
                .put("next_run_at", enabled ? nextRunAt.toString() : null).put("last_run", lastRun);
    }
}
