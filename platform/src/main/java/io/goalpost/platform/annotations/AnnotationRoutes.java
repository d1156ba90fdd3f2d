package io.goalpost.platform.annotations;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.goalpost.platform.goals.GoalStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Map;

/**
 * {@code GET/POST /api/annotations}, {@code DELETE /api/annotations/{id}}: dated notes on every chart
 * or on one goal's (platform/API-posts.md, "Annotations"). Editors write them; each change is audited.
 */
public final class AnnotationRoutes implements RouteModule {

    private final AnnotationStore store;
    private final GoalStore goals;
    private final AuditLog audit;

    public AnnotationRoutes(AnnotationStore store, GoalStore goals, AuditLog audit) {
        this.store = store;
        this.goals = goals;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/annotations", Access.VIEWER, Handlers.reply(200, ctx -> {
            LocalDate from = Requests.dateParam(ctx, "from", null);
            LocalDate to = Requests.dateParam(ctx, "to", null);
            String goal = Requests.textParam(ctx, "goal", 20);
            Long goalId = null;
            boolean everyGoal = true;
            if ("none".equals(goal)) {
                everyGoal = false;
            } else if (goal != null) {
                goalId = goalParam(goal);
            }
            return store.list(from, to, goalId, everyGoal).map(list -> {
                JsonArray arr = new JsonArray();
                list.forEach(a -> arr.add(a.toJson()));
                return new JsonObject().put("annotations", arr);
            });
        }));
        routes.post("/annotations", Access.EDITOR, Handlers.reply(201, audit.after("annotation.created", ctx -> {
            Fields f = Fields.of(Requests.jsonBody(ctx));
            LocalDate day = f.date("day", true);
            String text = f.string("text", true, Annotation.TEXT_MAX);
            Long goalId = null;
            Object g = Requests.jsonBody(ctx).getValue("goal_id");
            if (g != null) {
                if (g instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() > 0) {
                    goalId = n.longValue();
                } else {
                    f.problem("goal_id", "must be a goal id or null");
                }
            }
            f.throwIfAny("the annotation");
            Long target = goalId;
            Future<Void> goalExists = target == null ? Future.succeededFuture()
                    : goals.exists(target).compose(ok -> ok ? Future.<Void>succeededFuture()
                            : Future.failedFuture(ApiError.badRequest("goal " + target + " does not exist",
                                    Map.of("goal_id", "goal " + target + " does not exist"))));
            return goalExists.compose(v -> store.insert(day, text, target, username(ctx))).map(Annotation::toJson);
        }, (ctx, a) -> AuditLog.Target.of("annotation", a.getLong("id"), a.getString("text")),
                (ctx, a) -> new JsonObject().put("day", a.getString("day")).put("goal_id", a.getLong("goal_id")))));
        routes.delete("/annotations/:id", Access.EDITOR, Handlers.noContent(audit.after("annotation.deleted", ctx -> {
            long id = Requests.idParam(ctx, "id");
            return store.delete(id).compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
                    : Future.failedFuture(ApiError.notFound("annotation " + id)));
        }, (ctx, a) -> AuditLog.Target.of("annotation", a.id(), a.text()),
                (ctx, a) -> new JsonObject().put("day", a.day().toString()).put("goal_id", a.goalId()))));
    }

    private static long goalParam(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("query parameter 'goal' must be a goal id or 'none', got '" + raw + "'",
                Map.of("goal", "must be a goal id or 'none'"));
    }

    private static String username(RoutingContext ctx) {
        return Principal.of(ctx).map(Principal::username).orElse(null);
    }
}
