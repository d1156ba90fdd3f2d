package io.goalpost.platform.reports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The one row of {@code report_settings}. */
public final class ReportSettingsStore {

    private final Pool pool;

    public ReportSettingsStore(Pool pool) {
        this.pool = pool;
    }

    /** The settings as stored. */
    public Future<ReportSettings> get() {
        return pool.query("SELECT commentary, time_zone, updated_by, updated_at FROM report_settings WHERE id = 1").execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    var at = r.getOffsetDateTime("updated_at");
                    return new ReportSettings(r.getString("commentary"), zone(r.getString("time_zone")), r.getString("updated_by"),
                            at == null ? null : at.toInstant());
                });
    }

    /** Replaces them; answers what is stored. */
    public Future<ReportSettings> put(String commentary, ZoneId zone, String by) {
        return pool.preparedQuery("UPDATE report_settings SET commentary = $1, time_zone = $2, updated_by = $3, updated_at = now() "
                + "WHERE id = 1").execute(Tuple.of(commentary, zone.getId(), by)).compose(v -> get());
    }

    // A zone the running Java no longer knows (tz data changes) reads as UTC rather than failing every report.
    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
