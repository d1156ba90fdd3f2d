package io.goalpost.platform.accounts;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.audit.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** {@code /api/accounts}: connect, list, read, reconnect, delete, sync now, and daily metric series. */
public final class AccountRoutes implements RouteModule {

    private static final long MAX_SERIES_DAYS = 1100;
    private final AccountService service;
    private final AccountStore store;
    private final Pool pool;
    private final AuditLog audit;

    public AccountRoutes(AccountService service, AccountStore store, Pool pool, AuditLog audit) {
        this.audit = audit;
        this.service = service;
        this.store = store;
        this.pool = pool;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/accounts", Access.VIEWER, ctx -> Responses.reply(ctx, store.list()
                .map(list -> new JsonArray(list.stream().map(service::toJson).toList()))));
        // 201, or 202 when the network throttled the connection check: saved, checked when it allows.
        var connect = audit.after("account.connected",
                ctx -> service.connect(service.parse(Requests.jsonBody(ctx))).map(service::toJson),
                AccountRoutes::target, (ctx, a) -> new JsonObject().put("network", a.getString("network")));
        routes.post("/accounts", Access.EDITOR, ctx -> answer(ctx, 201, connect));
        routes.get("/accounts/:id", Access.VIEWER, ctx ->
                Responses.reply(ctx, service.get(Requests.idParam(ctx, "id")).map(service::toJson)));
        var reconnect = audit.after("account.updated",
                ctx -> service.reconnect(Requests.idParam(ctx, "id"), Requests.jsonBody(ctx)).map(service::toJson),
                AccountRoutes::target, (ctx, a) -> changes(Requests.jsonBody(ctx), service.secretKeys(a.getString("network"))));
        routes.put("/accounts/:id", Access.EDITOR, ctx -> answer(ctx, 200, reconnect));
        routes.delete("/accounts/:id", Access.EDITOR, Handlers.noContent(audit.after("account.deleted", ctx -> {
            long id = Requests.idParam(ctx, "id");
            return service.get(id).compose(a -> service.delete(id).map(service.toJson(a)));
        }, AccountRoutes::target)));
        // 409 with the reason when the account cannot sync (it needs a new sign-in, its plugin is missing).
        var sync = audit.after("account.sync_requested",
                ctx -> service.syncNow(Requests.idParam(ctx, "id")).map(service::toJson), AccountRoutes::target);
        routes.post("/accounts/:id/sync", Access.EDITOR, Handlers.reply(202,
                ctx -> sync.apply(ctx).map(a -> new JsonObject().put("scheduled", true))));
        routes.get("/accounts/:id/metrics", Access.VIEWER, ctx -> {
            long id = Requests.idParam(ctx, "id");
            LocalDate to = Requests.dateParam(ctx, "to", LocalDate.now());
            LocalDate from = Requests.dateParam(ctx, "from", to.minusDays(89));
            if (to.isBefore(from)) {
                throw ApiError.badRequest("'to' (" + to + ") is before 'from' (" + from + ")");
            }
            if (ChronoUnit.DAYS.between(from, to) > MAX_SERIES_DAYS) {
                throw ApiError.badRequest("the range is longer than " + MAX_SERIES_DAYS + " days");
            }
            String only = Requests.textParam(ctx, "metric", io.goalpost.platform.api.Inputs.ID_MAX);
            Responses.reply(ctx, service.get(id).compose(a -> pool.preparedQuery(
                    "SELECT metric, day, value, source FROM metric_point WHERE account_id = $1 AND day BETWEEN $2 AND $3 "
                            + "AND ($4::text IS NULL OR metric = $4) ORDER BY metric, day")
                    .execute(Tuple.of(id, from, to, only)))
                    .map(rows -> {
                        JsonObject series = new JsonObject();
                        rows.forEach(r -> {
                            String metric = r.getString("metric");
                            JsonArray points = series.getJsonArray(metric);
                            if (points == null) {
                                points = new JsonArray();
                                series.put(metric, points);
                            }
                            points.add(new JsonObject().put("day", r.getLocalDate("day").toString())
                                    .put("value", r.getDouble("value")).put("source", r.getString("source")));
                        });
                        return new JsonObject().put("accountId", id).put("from", from.toString())
                                .put("to", to.toString()).put("series", series);
                    }));
        });
    }

    /** Answers the account with {@code status}, or 202 when its connection check waits for the network. */
    private static void answer(io.vertx.ext.web.RoutingContext ctx, int status,
            java.util.function.Function<io.vertx.ext.web.RoutingContext, io.vertx.core.Future<JsonObject>> work) {
        io.vertx.core.Future<JsonObject> result;
        try {
            result = work.apply(ctx);
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
            return;
        }
        result.onSuccess(a -> Responses.json(ctx, "pending_check".equals(a.getJsonObject("sync").getString("status"))
                ? 202 : status, a)).onFailure(e -> Responses.error(ctx, e));
    }

    private static AuditLog.Target target(io.vertx.ext.web.RoutingContext ctx, JsonObject account) {
        return AuditLog.Target.of("account", account.getLong("id"), account.getString("name"));
    }

    /** The settings a PUT changed, by name only, and whether any was a secret (never their values). */
    private static JsonObject changes(JsonObject body, java.util.Set<String> secretKeys) {
        JsonArray fields = new JsonArray();
        boolean credentials = false;
        if (body.containsKey("name")) {
            fields.add("name");
        }
        if (body.getValue("config") instanceof JsonObject config) {
            for (String key : new java.util.TreeSet<>(config.fieldNames())) {
                Object v = config.getValue(key);
                boolean secret = secretKeys.contains(key);
                if (secret && (v == null || String.valueOf(v).isBlank())) {
                    continue; // an omitted secret keeps its stored value
                }
                fields.add(key);
                credentials |= secret;
            }
        }
        return new JsonObject().put("fields", fields).put("credentials_changed", credentials);
    }
}
