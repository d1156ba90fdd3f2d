package io.goalpost.platform.accounts;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.RouteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
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

    public AccountRoutes(AccountService service, AccountStore store, Pool pool) {
        this.service = service;
        this.store = store;
        this.pool = pool;
    }

    @Override
    public void mount(Router api) {
        api.get("/accounts").handler(ctx -> Responses.reply(ctx, store.list()
                .map(list -> new JsonArray(list.stream().map(service::toJson).toList()))));
        api.post("/accounts").handler(ctx -> {
            var request = service.parse(Requests.jsonBody(ctx));
            Responses.reply(ctx, 201, service.connect(request).map(service::toJson));
        });
        api.get("/accounts/:id").handler(ctx ->
                Responses.reply(ctx, service.get(Requests.idParam(ctx, "id")).map(service::toJson)));
        api.put("/accounts/:id").handler(ctx -> Responses.reply(ctx,
                service.reconnect(Requests.idParam(ctx, "id"), Requests.jsonBody(ctx)).map(service::toJson)));
        api.delete("/accounts/:id").handler(ctx -> service.delete(Requests.idParam(ctx, "id"))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(e -> Responses.error(ctx, e)));
        api.post("/accounts/:id/sync").handler(ctx -> {
            long id = Requests.idParam(ctx, "id");
            Responses.reply(ctx, 202, service.get(id).compose(a -> service.scheduleNow(id))
                    .map(v -> new JsonObject().put("scheduled", true)));
        });
        api.get("/accounts/:id/metrics").handler(ctx -> {
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
}
