package io.goalpost.platform.schedules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Report schedules (table {@code report_schedule}) and their runs ({@code report_run}). */
public final class ScheduleStore {

    private static final String SELECT = "SELECT s.id, s.name, s.frequency, s.weekday, s.hour, s.recipients, s.enabled, s.next_run_at, "
            + "r.id AS r_id, r.status AS r_status, r.attempts AS r_attempts, r.sent_at AS r_sent_at, r.last_error AS r_error, "
            + "r.period_from AS r_from, r.period_to AS r_to, r.next_attempt_at AS r_next FROM report_schedule s "
            + "LEFT JOIN LATERAL (SELECT * FROM report_run rr WHERE rr.schedule_id = s.id ORDER BY rr.id DESC LIMIT 1) r ON true";

    private final Pool pool;

    public ScheduleStore(Pool pool) {
        this.pool = pool;
    }

    /** What a person sets on a schedule. */
    public record Spec(String name, Frequency frequency, int weekday, int hour, List<String> recipients, boolean enabled) {
        public Spec {
            recipients = List.copyOf(recipients);
        }
    }

    /** Every schedule with its latest run. */
    public Future<List<ReportSchedule>> list() {
        return pool.query(SELECT + " ORDER BY s.id").execute().map(rows -> {
            List<ReportSchedule> out = new ArrayList<>();
            rows.forEach(r -> out.add(schedule(r)));
            return out;
        });
    }

    /** One schedule. */
    public Future<Optional<ReportSchedule>> get(long id) {
        return pool.preparedQuery(SELECT + " WHERE s.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(schedule(rows.iterator().next())));
    }

    /** Creates a schedule due first at its next time after {@code now}; answers its id. */
    public Future<Long> insert(Spec s, Instant now, Long userId) {
        return pool.preparedQuery("INSERT INTO report_schedule (name, frequency, weekday, hour, recipients, enabled, next_run_at, created_by) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                .execute(Tuple.from(new Object[] {s.name(), s.frequency().id(), s.weekday(), s.hour(), s.recipients().toArray(String[]::new),
                        s.enabled(), utc(s.frequency().nextRun(now, s.weekday(), s.hour())), userId}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Replaces a schedule's settings; its next run is worked out again from {@code now}. Answers whether it exists. */
    public Future<Boolean> update(long id, Spec s, Instant now) {
        return pool.preparedQuery("UPDATE report_schedule SET name = $2, frequency = $3, weekday = $4, hour = $5, recipients = $6, "
                + "enabled = $7, next_run_at = $8, updated_at = now() WHERE id = $1")
                .execute(Tuple.from(new Object[] {id, s.name(), s.frequency().id(), s.weekday(), s.hour(),
                        s.recipients().toArray(String[]::new), s.enabled(), utc(s.frequency().nextRun(now, s.weekday(), s.hour()))}))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Deletes a schedule and its runs; answers whether it existed. */
    public Future<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM report_schedule WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
    }

    /** Queues a run of a schedule now (sent by hand): the period it would cover if it were due now. Answers the run. */
    public Future<JsonObject> queueNow(ReportSchedule s, Instant now) {
        LocalDate[] period = s.frequency().period(now);
        return pool.preparedQuery("INSERT INTO report_run (schedule_id, due_at, period_from, period_to, manual, next_attempt_at) "
                + "VALUES ($1, $2, $3, $4, true, $2) ON CONFLICT (schedule_id, due_at) DO NOTHING RETURNING id")
                .execute(Tuple.of(s.id(), utc(now), period[0], period[1]))
                .map(rows -> new JsonObject().put("id", rows.size() == 0 ? null : rows.iterator().next().getLong("id"))
                        .put("status", "pending").put("period", period(period[0], period[1])));
    }

    /** A schedule's runs, newest first. */
    public Future<JsonArray> runs(long scheduleId, int limit) {
        return pool.preparedQuery("SELECT id, due_at, period_from, period_to, manual, status, attempts, next_attempt_at, last_error, "
                + "sent_at, pdf_bytes FROM report_run WHERE schedule_id = $1 ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(scheduleId, limit)).map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        String status = r.getString("status");
                        out.add(new JsonObject().put("id", r.getLong("id")).put("due_at", instant(r, "due_at"))
                                .put("period", period(r.getLocalDate("period_from"), r.getLocalDate("period_to")))
                                .put("manual", r.getBoolean("manual")).put("status", status).put("attempts", r.getInteger("attempts"))
                                .put("next_attempt_at", "pending".equals(status) ? instant(r, "next_attempt_at") : null)
                                .put("last_error", r.getString("last_error")).put("sent_at", instant(r, "sent_at"))
                                .put("pdf_bytes", r.getInteger("pdf_bytes")));
                    }
                    return out;
                });
    }

    static JsonObject period(LocalDate from, LocalDate to) {
        return new JsonObject().put("from", from.toString()).put("to", to.toString());
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static String instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant().toString();
    }

    private static ReportSchedule schedule(Row r) {
        JsonObject last = r.getLong("r_id") == null ? null : new JsonObject().put("id", r.getLong("r_id"))
                .put("status", r.getString("r_status")).put("attempts", r.getInteger("r_attempts"))
                .put("sent_at", instant(r, "r_sent_at")).put("last_error", r.getString("r_error"))
                .put("next_attempt_at", "pending".equals(r.getString("r_status")) ? instant(r, "r_next") : null)
                .put("period", period(r.getLocalDate("r_from"), r.getLocalDate("r_to")));
        return new ReportSchedule(r.getLong("id"), r.getString("name"), Frequency.of(r.getString("frequency")).orElseThrow(),
                r.getInteger("weekday"), r.getInteger("hour"), List.of(r.getArrayOfStrings("recipients")), r.getBoolean("enabled"),
                r.getOffsetDateTime("next_run_at").toInstant(), last);
    }
}
