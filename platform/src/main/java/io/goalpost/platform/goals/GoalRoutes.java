package io.goalpost.platform.goals;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code /api/goals}, {@code /api/objectives} and {@code /api/objectives/{id}/goals}. */
public final class GoalRoutes implements RouteModule {

    private final GoalService goals;
    private final AuditLog audit;
    private final JsonObject objectivesJson;

    public GoalRoutes(GoalService goals, AuditLog audit) {
        this.goals = goals;
        this.audit = audit;
        JsonArray arr = new JsonArray();
        Objectives.all().forEach(o -> arr.add(o.toJson()));
        this.objectivesJson = new JsonObject().put("objectives", arr);
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/objectives", Access.VIEWER, Handlers.reply(200, ctx -> Future.succeededFuture(objectivesJson)));
        routes.post("/objectives/:id/goals", Access.EDITOR, Handlers.reply(201, audit.after("goal.created", ctx -> {
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
        }, GoalRoutes::target)));
        routes.get("/goals", Access.VIEWER, Handlers.reply(200, ctx -> goals.listJson()));
        routes.post("/goals", Access.EDITOR, Handlers.reply(201, audit.after("goal.created",
                ctx -> goals.create(Requests.jsonBody(ctx)), GoalRoutes::target)));
        routes.post("/goals/preview", Access.EDITOR, Handlers.reply(200, ctx -> goals.preview(Requests.jsonBody(ctx))));
        routes.get("/goals/:id", Access.VIEWER, Handlers.reply(200, ctx -> goals.get(Requests.idParam(ctx, "id"))));
        routes.get("/goals/:id/series", Access.VIEWER, Handlers.reply(200, ctx -> goals.series(Requests.idParam(ctx, "id"))));
        routes.put("/goals/:id", Access.EDITOR, Handlers.reply(200, audit.after("goal.updated",
                ctx -> goals.update(Requests.idParam(ctx, "id"), Requests.jsonBody(ctx)), GoalRoutes::target)));
        routes.delete("/goals/:id", Access.EDITOR, Handlers.noContent(audit.after("goal.deleted",
                ctx -> goals.delete(Requests.idParam(ctx, "id")),
                (ctx, v) -> AuditLog.Target.of("goal", Requests.idParam(ctx, "id"), null))));
    }

    private static AuditLog.Target target(io.vertx.ext.web.RoutingContext ctx, JsonObject goal) {
        return AuditLog.Target.of("goal", goal.getLong("id"), goal.getString("title"));
    }
}
