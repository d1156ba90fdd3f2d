package io.goalpost.platform.goals;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.api.Handlers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/goals/{id}/tactics[/{tacticId}]}: CRUD with quadrant and priority computed. */
public final class TacticRoutes implements RouteModule {

    private final GoalStore store;
    private final AuditLog audit;

    public TacticRoutes(GoalStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/goals/:id/tactics", Access.VIEWER, Handlers.reply(200, ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            return requireGoal(goalId).compose(v -> store.tactics(goalId))
                    .map(ts -> new JsonObject().put("tactics", new JsonArray(new ArrayList<>(Tactic.ranked(ts)))));
        }));
        routes.post("/goals/:id/tactics", Access.EDITOR, Handlers.reply(201, audit.after("tactic.created", ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            TacticSpec spec = parse(Requests.jsonBody(ctx));
            return requireGoal(goalId).compose(v -> store.insertTactic(null, goalId, spec))
                    .compose(id -> ranked(goalId, id));
        }, TacticRoutes::target)));
        routes.put("/goals/:id/tactics/:tacticId", Access.EDITOR, Handlers.reply(200, audit.after("tactic.updated", ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            long tacticId = Requests.idParam(ctx, "tacticId");
            TacticSpec spec = parse(Requests.jsonBody(ctx));
            return requireGoal(goalId).compose(v -> store.updateTactic(goalId, tacticId, spec)).compose(found -> found
                    ? ranked(goalId, tacticId) : Future.failedFuture(ApiError.notFound("tactic " + tacticId + " of goal " + goalId)));
        }, TacticRoutes::target)));
        routes.delete("/goals/:id/tactics/:tacticId", Access.EDITOR, Handlers.noContent(audit.after("tactic.deleted", ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            long tacticId = Requests.idParam(ctx, "tacticId");
            return requireGoal(goalId).compose(v -> store.deleteTactic(goalId, tacticId)).compose(found -> found
                    ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("tactic " + tacticId + " of goal " + goalId)));
        }, (ctx, v) -> new AuditLog.Target("tactic", ctx.pathParam("tacticId"), null),
                (ctx, v) -> new JsonObject().put("goal_id", Requests.idParam(ctx, "id")))));
    }

    private static TacticSpec parse(JsonObject body) {
        Fields f = Fields.of(body);
        TacticSpec spec = TacticParser.parse(f);
        f.throwIfAny("the tactic");
        return spec;
    }

    private Future<Void> requireGoal(long goalId) {
        return store.exists(goalId).compose(ok -> ok ? Future.succeededFuture()
                : Future.failedFuture(ApiError.notFound("goal " + goalId)));
    }

    private Future<JsonObject> ranked(long goalId, long tacticId) {
        return store.tactics(goalId).map(ts -> {
            List<JsonObject> ranked = Tactic.ranked(ts);
            return ranked.stream().filter(o -> o.getLong("id") == tacticId).findFirst()
                    .orElseThrow(() -> ApiError.notFound("tactic " + tacticId));
        });
    }

    private static AuditLog.Target target(io.vertx.ext.web.RoutingContext ctx, JsonObject tactic) {
        return AuditLog.Target.of("tactic", tactic.getLong("id"), tactic.getString("title"));
    }
}
