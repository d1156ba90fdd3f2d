package io.goalpost.platform.schedules;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.goalpost.platform.notifications.Recipients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/report-schedules}: reports emailed weekly or monthly (platform/API-notifications.md).
 * Everyone signed in sees the schedules and their runs; editors and admins create, change, delete and
 * send them now.
 */
public final class ScheduleRoutes implements RouteModule {

    /** Most recipients per schedule. */

    private final ScheduleStore store;
    private final AuditLog audit;
    private final Clock clock;

    public ScheduleRoutes(ScheduleStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/report-schedules", Access.VIEWER, Handlers.reply(200, ctx -> store.list()
                .map(all -> new JsonObject().put("schedules", new JsonArray(all.stream().map(ReportSchedule::toJson).toList())))));
        routes.get("/report-schedules/:id", Access.VIEWER, Handlers.reply(200, ctx -> schedule(Requests.idParam(ctx, "id"))
                .map(ReportSchedule::toJson)));
        routes.get("/report-schedules/:id/runs", Access.VIEWER, Handlers.reply(200, ctx -> {
            long id = Requests.idParam(ctx, "id");
            return schedule(id).compose(s -> store.runs(id, 50)).map(runs -> new JsonObject().put("runs", runs));
        }));
        routes.post("/report-schedules", Access.EDITOR, Handlers.reply(201, ctx -> {
            ScheduleStore.Spec spec = parse(Requests.jsonBody(ctx));
            return store.insert(spec, Instant.now(clock), Principal.required(ctx).userId()).compose(this::schedule)
                    .compose(s -> audit.record(ctx, "report_schedule.created", target(s), details(spec)).map(s.toJson()));
        }));
        routes.put("/report-schedules/:id", Access.EDITOR, Handlers.reply(200, ctx -> {
            long id = Requests.idParam(ctx, "id");
            ScheduleStore.Spec spec = parse(Requests.jsonBody(ctx));
            return schedule(id).compose(before -> store.update(id, spec, Instant.now(clock))).compose(v -> schedule(id))
                    .compose(s -> audit.record(ctx, "report_schedule.changed", target(s), details(spec)).map(s.toJson()));
        }));
        routes.delete("/report-schedules/:id", Access.EDITOR, Handlers.noContent(ctx -> {
            long id = Requests.idParam(ctx, "id");
            return schedule(id).compose(s -> store.delete(id).compose(v -> audit.record(ctx, "report_schedule.deleted", target(s), null)));
        }));
        // Queues a run now (the scheduler sends it within a minute); the run appears under /runs.
        routes.post("/report-schedules/:id/send", Access.EDITOR, Handlers.reply(202, ctx -> {
            long id = Requests.idParam(ctx, "id");
            return schedule(id).compose(s -> store.queueNow(s, Instant.now(clock))
                    .compose(run -> audit.record(ctx, "report_schedule.sent_now", target(s), new JsonObject().put("period", run.getJsonObject("period")))
                            .map(run)));
        }));
    }

    private Future<ReportSchedule> schedule(long id) {
        return store.get(id).compose(s -> s.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(ApiError.notFound("report schedule " + id))));
    }

    static ScheduleStore.Spec parse(JsonObject body) {
        Fields f = Fields.of(body);
        String name = f.string("name", true, Inputs.NAME_MAX);
        String freq = f.string("frequency", true, 20);
        Frequency frequency = freq == null ? null : Frequency.of(freq).orElse(null);
        if (freq != null && frequency == null) {
            f.problem("frequency", "must be 'weekly' or 'monthly'");
        }
        Integer weekday = body.getValue("weekday") == null ? Integer.valueOf(1) : f.integer("weekday", false, 1, 7);
        Integer hour = body.getValue("hour") == null ? Integer.valueOf(7) : f.integer("hour", false, 0, 23);
        List<String> recipients = Recipients.read(f);
        Object enabled = body.getValue("enabled", true);
        if (!(enabled instanceof Boolean)) {
            f.problem("enabled", "must be true or false");
        }
        f.throwIfAny("the report schedule");
        return new ScheduleStore.Spec(name, frequency, weekday, hour, recipients, (Boolean) enabled);
    }

    private static AuditLog.Target target(ReportSchedule s) {
        return new AuditLog.Target("report_schedule", Long.toString(s.id()), s.name());
    }

    private static JsonObject details(ScheduleStore.Spec s) {
        return new JsonObject().put("frequency", s.frequency().id()).put("weekday", s.weekday()).put("hour", s.hour())
                .put("recipients", s.recipients().size()).put("enabled", s.enabled());
    }
}
