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
 * {@code GET/POST /api/annotations}, {@code PUT/DELETE /api/annotations/{id}}: dated notes on every chart
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
            Note n = note(ctx);
            return goalExists(n.goalId()).compose(v -> store.insert(n.day(), n.text(), n.goalId(), username(ctx))).map(Annotation::toJson);
        }, (ctx, a) -> AuditLog.Target.of("annotation", a.getLong("id"), a.getString("text")),
                (ctx, a) -> new JsonObject().put("day", a.getString("day")).put("goal_id", a.getLong("goal_id")))));
        // Replaces the day, text and goal of a note (a typo, a campaign that moved): the same body as POST.
        routes.put("/annotations/:id", Access.EDITOR, Handlers.reply(200, audit.after("annotation.updated", ctx -> {
            long id = Requests.idParam(ctx, "id");
            Note n = note(ctx);
            return goalExists(n.goalId()).compose(v -> store.update(id, n.day(), n.text(), n.goalId()))
                    .compose(found -> found.isPresent() ? Future.succeededFuture(found.get().toJson())
                            : Future.failedFuture(ApiError.notFound("annotation " + id)));
        }, (ctx, a) -> AuditLog.Target.of("annotation", a.getLong("id"), a.getString("text")),
                (ctx, a) -> new JsonObject().put("day", a.getString("day")).put("goal_id", a.getLong("goal_id")))));
        routes.delete("/annotations/:id", Access.EDITOR, Handlers.noContent(audit.after("annotation.deleted", ctx -> {
            long id = Requests.idParam(ctx, "id");
            return store.delete(id).compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
                    : Future.failedFuture(ApiError.notFound("annotation " + id)));
        }, (ctx, a) -> AuditLog.Target.of("annotation", a.id(), a.text()),
                (ctx, a) -> new JsonObject().put("day", a.day().toString()).put("goal_id", a.goalId()))));
    }

    /** What POST and PUT take: {@code {"day", "text", "goal_id"}}. */
    private record Note(LocalDate day, String text, Long goalId) {
    }

    private static Note note(RoutingContext ctx) {
        JsonObject body = Requests.jsonBody(ctx);
        Fields f = Fields.of(body);
        LocalDate day = f.date("day", true);
        String text = f.string("text", true, Annotation.TEXT_MAX);
        Long goalId = null;
        Object g = body.getValue("goal_id");
        if (g != null) {
            if (g instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() > 0) {
                goalId = n.longValue();
            } else {
                f.problem("goal_id", "must be a goal id or null");
            }
        }
        f.throwIfAny("the annotation");
        return new Note(day, text, goalId);
    }

    private Future<Void> goalExists(Long goalId) {
        return goalId == null ? Future.succeededFuture()
                : goals.exists(goalId).compose(ok -> ok ? Future.<Void>succeededFuture()
                        : Future.failedFuture(ApiError.badRequest("goal " + goalId + " does not exist",
                                Map.of("goal_id", "goal " + goalId + " does not exist"))));
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
