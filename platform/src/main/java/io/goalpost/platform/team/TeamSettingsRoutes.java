package io.goalpost.platform.team;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code GET /api/settings/team} (any signed-in user) and {@code PUT /api/settings/team} (admin,
 * audited): the team's time zone, with the server's "today" (the day goals and the dashboard count
 * up to), so that every page of the web UI takes "today" from the same place.
 */
public final class TeamSettingsRoutes implements RouteModule {

    private final Pool pool;
    private final Clock clock;
    private final AuditLog audit;

    public TeamSettingsRoutes(Pool pool, Clock clock, AuditLog audit) {
        this.pool = pool;
        this.clock = clock;
        this.audit = audit;
    }

    /** The stored settings (the default when the row is missing). */
    public Future<TeamSettings> load() {
        return pool.query("SELECT time_zone FROM team_settings WHERE id").execute().map(rows -> {
            for (var r : rows) {
                return new TeamSettings(ZoneId.of(r.getString("time_zone")));
            }
            return TeamSettings.DEFAULT;
        });
    }

    private JsonObject json(TeamSettings s) {
        return new JsonObject().put("time_zone", s.timeZone().getId())
                .put("today", LocalDate.now(clock).toString())
                .put("now", clock.instant().toString());
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/settings/team", Access.VIEWER, Handlers.reply(200, ctx -> load().map(this::json)));
        routes.put("/settings/team", Access.ADMIN, Handlers.reply(200, audit.after("settings.team_updated", ctx -> {
            TeamSettings s = TeamSettings.parse(Requests.jsonBody(ctx));
            return pool.preparedQuery("INSERT INTO team_settings (id, time_zone, updated_at) VALUES (TRUE, $1, now()) "
                    + "ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = now()")
                    .execute(Tuple.of(s.timeZone().getId())).map(r -> json(s));
        }, (ctx, r) -> new AuditLog.Target("settings", "team", "time zone " + r.getString("time_zone")))));
    }
}
