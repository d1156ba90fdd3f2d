package io.goalpost.platform.shares;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.annotations.Annotation;
import io.goalpost.platform.annotations.AnnotationStore;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.dashboard.DashboardService;
import io.goalpost.platform.goals.GoalService;
import io.goalpost.platform.kpis.KpiRoutes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Read-only share links (platform/API-access.md, "Share links"): editors make and revoke them under
 * {@code /api/shares}; anyone with a link reads, under {@code /api/shared/{token}/…}, exactly what was
 * shared — the dashboard of its range, or its goal — and nothing else. An unknown, revoked or expired
 * link gets the same 404, so a guess learns nothing.
 */
public final class ShareRoutes implements RouteModule {

    private static final String GONE = "this link does not exist or has expired";

    private final ShareLinks links;
    private final GoalService goals;
    private final DashboardService dashboard;
    private final KpiRoutes kpis;
    private final AnnotationStore annotations;
    private final AuditLog audit;
    private final Clock clock;
    private final io.goalpost.platform.accounts.SandboxAccounts sandboxAccounts;

    /** {@code sandboxAccounts}: the demo's simulated accounts, so a shared page says "Demo data" when it counts them. */
    public ShareRoutes(ShareLinks links, GoalService goals, DashboardService dashboard, KpiRoutes kpis, AnnotationStore annotations,
            AuditLog audit, Clock clock, io.goalpost.platform.accounts.SandboxAccounts sandboxAccounts) {
        this.links = links;
        this.goals = goals;
        this.dashboard = dashboard;
        this.kpis = kpis;
        this.annotations = annotations;
        this.audit = audit;
        this.clock = clock;
        this.sandboxAccounts = sandboxAccounts;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/shares", Access.EDITOR, Handlers.reply(200, ctx -> links.list()
                .map(list -> new JsonArray(list.stream().map(Share::toJson).toList()))));
        routes.post("/shares", Access.EDITOR, Handlers.reply(201, audit.after("share.created", this::create,
                (ctx, share) -> AuditLog.Target.of("share", share.getLong("id"), null),
                (ctx, share) -> share.copy().put("id", (Object) null).put("token", (Object) null).put("path", (Object) null)
                        .put("created_by", (Object) null))));
        routes.delete("/shares/:id", Access.EDITOR, Handlers.noContent(audit.after("share.revoked",
                ctx -> links.revoke(Requests.idParam(ctx, "id")).map(Share::toJson),
                (ctx, share) -> AuditLog.Target.of("share", share.getLong("id"), null))));

        routes.get("/shared/:token", Access.ANYONE, shared((ctx, s) -> demoData(s)
                .map(demo -> demo.accounts() == 0 ? s.publicJson() : s.publicJson().put("demo_data", demo.toJson()))));
        routes.get("/shared/:token/kpis", Access.ANYONE, shared((ctx, s) -> Future.succeededFuture(kpis.catalog())));
        routes.get("/shared/:token/dashboard", Access.ANYONE, shared((ctx, s) -> dashboardOnly(s)
                .compose(v -> dashboard.dashboard(s.from(), s.to()))));
        routes.get("/shared/:token/kpis/:id", Access.ANYONE, shared((ctx, s) -> dashboardOnly(s)
                .compose(v -> kpis.rollup(ctx, s.from(), s.to()))));
        routes.get("/shared/:token/goal", Access.ANYONE, shared((ctx, s) -> goalOnly(s).compose(v -> goals.get(s.goalId()))));
        routes.get("/shared/:token/goal/series", Access.ANYONE, shared((ctx, s) -> goalOnly(s)
                .compose(v -> goals.series(s.goalId()))));
        // The notes the shared charts mark: a dashboard's are those on every chart in its range, a goal's
        // those on every chart and its own. Day and text only: who wrote a note is not shared.
        routes.get("/shared/:token/annotations", Access.ANYONE, shared((ctx, s) -> (s.kind() == Share.Kind.GOAL
                ? annotations.list(null, null, s.goalId(), true) : annotations.list(s.from(), s.to(), null, false)).map(list -> {
                    JsonArray arr = new JsonArray();
                    list.forEach(a -> arr.add(publicJson(a)));
                    return new JsonObject().put("annotations", arr);
                })));
    }

    private static JsonObject publicJson(Annotation a) {
        return new JsonObject().put("day", a.day().toString()).put("text", a.text());
    }

    private Future<JsonObject> create(RoutingContext ctx) {
        JsonObject body = Requests.jsonBody(ctx);
        String kind = body.getValue("kind") instanceof String k ? k : "";
        Optional<LocalDate> expires = Optional.ofNullable(body.getValue("expires_at")).map(String::valueOf)
                .filter(s -> !s.isBlank()).map(s -> Requests.parseDate("expires_at", s));
        if (expires.isPresent() && expires.get().isBefore(LocalDate.now(clock))) {
            throw ApiError.badRequest("expires_at (" + expires.get() + ") is in the past", Map.of("expires_at", "is in the past"));
        }
        long by = Principal.required(ctx).userId();
        Future<ShareLinks.Created> created;
        switch (kind) {
            case "dashboard" -> {
                LocalDate from = Requests.parseDate("from", String.valueOf(body.getValue("from")));
                LocalDate to = Requests.parseDate("to", String.valueOf(body.getValue("to")));
                if (to.isBefore(from)) {
                    throw ApiError.badRequest("'to' (" + to + ") is before 'from' (" + from + ")", Map.of("to", "must not be before from"));
                }
                if (ChronoUnit.DAYS.between(from, to) + 1 > KpiRoutes.MAX_RANGE_DAYS) {
                    throw ApiError.badRequest("the range is longer than " + KpiRoutes.MAX_RANGE_DAYS + " days",
                            Map.of("to", "the range may cover at most " + KpiRoutes.MAX_RANGE_DAYS + " days"));
                }
                created = links.create(Share.Kind.DASHBOARD, from, to, null, by, expires);
            }
            case "goal" -> {
                if (!(body.getValue("goal_id") instanceof Number n)) {
                    throw ApiError.badRequest("a goal share needs \"goal_id\"", Map.of("goal_id", "is required"));
                }
                long goalId = n.longValue();
                created = goals.store().exists(goalId).compose(found -> found
                        ? links.create(Share.Kind.GOAL, null, null, goalId, by, expires)
                        : Future.failedFuture(ApiError.notFound("goal " + goalId)));
            }
            default -> throw ApiError.badRequest("kind must be \"dashboard\" or \"goal\"", Map.of("kind", "dashboard or goal"));
        }
        return created.map(c -> c.share().toJson().put("token", c.token()).put("path", "#/shared/" + c.token()));
    }

    /** A public handler that first finds the live share of the path's token (404 for anything else). */
    private Handler<RoutingContext> shared(BiFunction<RoutingContext, Share, Future<?>> answer) {
        return Handlers.reply(200, ctx -> links.resolve(ctx.pathParam("token")).compose(found -> found.isEmpty()
                ? Future.failedFuture(new ApiError(404, GONE, null)) : answer.apply(ctx, found.get())));
    }

    /** The demo's simulated accounts the shared view counts: every account for a dashboard, the goal's scope for a goal. */
    private Future<io.goalpost.platform.accounts.SandboxAccounts.Counted> demoData(Share s) {
        if (s.kind() != Share.Kind.GOAL) {
            return sandboxAccounts.within(List.of(), List.of());
        }
        return goals.get(s.goalId()).compose(g -> sandboxAccounts.withinScope(new JsonObject(g).getJsonObject("scope")));
    }

    private static Future<Void> dashboardOnly(Share s) {
        return s.kind() == Share.Kind.DASHBOARD ? Future.succeededFuture() : Future.failedFuture(new ApiError(404, GONE, null));
    }

    private static Future<Void> goalOnly(Share s) {
        return s.kind() == Share.Kind.GOAL ? Future.succeededFuture() : Future.failedFuture(new ApiError(404, GONE, null));
    }
}
