package io.goalpost.platform.goals;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.Handlers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/goals/{id}/tactics[/{tacticId}]}: CRUD with quadrant and priority computed. */
public final class TacticRoutes implements RouteModule {

    private final GoalStore store;

    public TacticRoutes(GoalStore store) {
        this.store = store;
    }

    @Override
    public void mount(Router api) {
        api.get("/goals/:id/tactics").handler(Handlers.reply(200, ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            return requireGoal(goalId).compose(v -> store.tactics(goalId))
                    .map(ts -> new JsonObject().put("tactics", new JsonArray(new ArrayList<>(Tactic.ranked(ts)))));
        }));
        api.post("/goals/:id/tactics").handler(Handlers.reply(201, ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            TacticSpec spec = parse(Requests.jsonBody(ctx));
            return requireGoal(goalId).compose(v -> store.insertTactic(null, goalId, spec))
                    .compose(id -> ranked(goalId, id));
        }));
        api.put("/goals/:id/tactics/:tacticId").handler(Handlers.reply(200, ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            long tacticId = Requests.idParam(ctx, "tacticId");
            TacticSpec spec = parse(Requests.jsonBody(ctx));
            return requireGoal(goalId).compose(v -> store.updateTactic(goalId, tacticId, spec)).compose(found -> found
                    ? ranked(goalId, tacticId) : Future.failedFuture(ApiError.notFound("tactic " + tacticId + " of goal " + goalId)));
        }));
        api.delete("/goals/:id/tactics/:tacticId").handler(Handlers.noContent(ctx -> {
            long goalId = Requests.idParam(ctx, "id");
            long tacticId = Requests.idParam(ctx, "tacticId");
            return requireGoal(goalId).compose(v -> store.deleteTactic(goalId, tacticId)).compose(found -> found
                    ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("tactic " + tacticId + " of goal " + goalId)));
        }));
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
}
