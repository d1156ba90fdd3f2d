package io.goalpost.platform.goals;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /api/goals}, {@code /api/objectives} and {@code /api/objectives/{id}/goals}. */
public final class GoalRoutes implements RouteModule {

    private final GoalService goals;
    private final JsonObject objectivesJson;

    public GoalRoutes(GoalService goals) {
        this.goals = goals;
        JsonArray arr = new JsonArray();
        Objectives.all().forEach(o -> arr.add(o.toJson()));
        this.objectivesJson = new JsonObject().put("objectives", arr);
    }

    @Override
    public void mount(Router api) {
        api.get("/objectives").handler(Handlers.reply(200, ctx -> Future.succeededFuture(objectivesJson)));
        api.post("/objectives/:id/goals").handler(Handlers.reply(201, ctx -> {
            String id = ctx.pathParam("id");
            Objective o = Objectives.byId(id).orElseThrow(() -> ApiError.notFound("objective '" + id + "'"));
            JsonObject body = Requests.jsonBody(ctx).copy();
            body.put("objective", o.id());
            if (body.getValue("kpi") == null) {
                body.put("kpi", o.suggestedKpis().get(0));
            }
            if (body.getValue("title") == null) {
                String kpiName = KpiCatalog.byId(body.getValue("kpi") instanceof String s ? s : "")
                        .map(KpiDefinition::name).orElse(String.valueOf(body.getValue("kpi")));
                body.put("title", o.name() + ": " + kpiName);
            }
            return goals.create(body);
        }));
        api.get("/goals").handler(Handlers.reply(200, ctx -> goals.listJson()));
        api.post("/goals").handler(Handlers.reply(201, ctx -> goals.create(Requests.jsonBody(ctx))));
        api.post("/goals/preview").handler(Handlers.reply(200, ctx -> goals.preview(Requests.jsonBody(ctx))));
        api.get("/goals/:id").handler(Handlers.reply(200, ctx -> goals.get(Requests.idParam(ctx, "id"))));
        api.get("/goals/:id/series").handler(Handlers.reply(200, ctx -> goals.series(Requests.idParam(ctx, "id"))));
        api.put("/goals/:id").handler(Handlers.reply(200, ctx -> goals.update(Requests.idParam(ctx, "id"),
                Requests.jsonBody(ctx))));
        api.delete("/goals/:id").handler(Handlers.noContent(ctx -> goals.delete(Requests.idParam(ctx, "id"))));
    }
}
