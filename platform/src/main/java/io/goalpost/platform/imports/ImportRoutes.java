package io.goalpost.platform.imports;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.RequestBodies;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.api.Handlers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Manual and CSV metric import for what no API gives: {@code POST /api/accounts/{id}/metrics} (JSON
 * points) and {@code POST /api/accounts/{id}/metrics/csv} (text/csv, at most
 * {@link RequestBodies#CSV_LIMIT}). The points are read back with the core
 * {@code GET /api/accounts/{id}/metrics} (AccountRoutes).
 */
public final class ImportRoutes implements RouteModule {

    private static final String CSV_PATH = "/accounts/:id/metrics/csv";

    private final MetricImporter importer;
    private final Clock clock;
    private final AuditLog audit;
    private final ImportSlots slots;

    public ImportRoutes(MetricImporter importer, Clock clock, AuditLog audit) {
        this(importer, clock, audit, new ImportSlots(ImportSlots.DEFAULT_SLOTS));
    }

    public ImportRoutes(MetricImporter importer, Clock clock, AuditLog audit, ImportSlots slots) {
        this.slots = slots;
        this.importer = importer;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.post(CSV_PATH, Access.EDITOR, RequestBodies.csv().gatedBy(slots),
                Handlers.reply(200, audit.after("import.csv", this::csv, ImportRoutes::target, ImportRoutes::counts)));
        routes.post("/accounts/:id/metrics", Access.EDITOR,
                Handlers.reply(200, audit.after("import.points", this::points, ImportRoutes::target, ImportRoutes::counts)));
        routes.delete("/accounts/:id/metrics", Access.EDITOR,
                Handlers.reply(200, audit.after("import.deleted", this::undo, ImportRoutes::target, ImportRoutes::counts)));
        routes.get("/accounts/:id/imports", Access.VIEWER, Handlers.reply(200, ctx -> {
            long id = Requests.idParam(ctx, "id");
            return importer.accountNetwork(id).compose(n -> importer.imported(id))
                    .map(list -> new JsonObject().put("account_id", id).put("imports", list));
        }));
    }

    /**
     * {@code DELETE /api/accounts/{id}/metrics?metric=&from=&to=}: removes imported points (manual
     * and CSV, never what a sync stored or the host derived), optionally of one metric and within a
     * range of days; the roll-ups follow in the same transaction.
     */
    private Future<JsonObject> undo(RoutingContext ctx) {
        long id = Requests.idParam(ctx, "id");
        String metric = Requests.textParam(ctx, "metric", io.goalpost.platform.api.Inputs.ID_MAX);
        LocalDate from = Requests.dateParam(ctx, "from", null);
        LocalDate to = Requests.dateParam(ctx, "to", null);
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiError.badRequest("'to' (" + to + ") is before 'from' (" + from + ")", Map.of("to", "must not be before from"));
        }
        return importer.accountNetwork(id).compose(network -> importer.deleteImported(id, metric, from, to))
                .map(deleted -> new JsonObject().put("account_id", id).put("metric", metric)
                        .put("from", from == null ? null : from.toString()).put("to", to == null ? null : to.toString())
                        .put("deleted", deleted));
    }

    private Future<JsonObject> points(RoutingContext ctx) {
        long id = Requests.idParam(ctx, "id");
        JsonObject body = Requests.jsonBody(ctx);
        Object raw = body.getValue("points");
        if (!(raw instanceof JsonArray points)) {
            throw ApiError.badRequest("the body must have a \"points\" array of {day, metric, value}",
                    Map.of("points", "is required and must be an array"));
        }
        LocalDate today = LocalDate.now(clock);
        return importer.accountNetwork(id).compose(network -> {
            PointValidator v = new PointValidator(network, today);
            List<PointRow> ok = new ArrayList<>();
            List<Rejection> bad = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Object o = points.getValue(i);
                if (!(o instanceof JsonObject p)) {
                    bad.add(new Rejection(i, null, "must be an object {day, metric, value}"));
                    continue;
                }
                Object value = p.getValue("value");
                if (value != null && !(value instanceof Number)) {
                    bad.add(new Rejection(i, null, "value must be a JSON number"));
                    continue;
                }
                PointValidator.Result r = v.check(p.getValue("day"), p.getValue("metric"), value, "index " + i);
                if (r instanceof PointValidator.Ok good) {
                    ok.add(good.row());
                } else {
                    bad.add(new Rejection(i, null, ((PointValidator.Bad) r).reason()));
                }
            }
            return finish(id, null, points.size(), ok, bad, "manual");
        });
    }

    /** What a CSV import has read so far. */
    private static final class Tally {
        int received;
        int accepted;
        int rejectedTotal;
        final List<Rejection> rejected = new ArrayList<>();

        void reject(Rejection r) {
            rejectedTotal++;
            if (rejected.size() < ImportResult.LISTED) {
                rejected.add(r);
            }
        }
    }

    /**
     * Reads the file a chunk of {@link MetricImporter#CHUNK} rows at a time on a worker thread and
     * stores each chunk before the next is read, all in one transaction: the import holds the body's
     * bytes and one chunk of rows, never the file as text or all its rows.
     */
    private Future<JsonObject> csv(RoutingContext ctx) {
        long id = Requests.idParam(ctx, "id");
        io.vertx.core.buffer.Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || blank(body)) {
            throw ApiError.badRequest("the body is empty: send the CSV text (day,metric,value) with Content-Type text/csv");
        }
        LocalDate today = LocalDate.now(clock);
        return importer.accountNetwork(id).compose(network -> {
            CsvReader.Lines lines = CsvReader.lines(body);
            PointValidator v = new PointValidator(network, today);
            Tally tally = new Tally();
            return importer.storeChunks(id, () -> ctx.vertx().executeBlocking(() -> {
                List<PointRow> ok = new ArrayList<>();
                for (CsvReader.Line l = lines.next(); l != null; l = ok.size() < MetricImporter.CHUNK ? lines.next() : null) {
                    tally.received++;
                    if (l.problem() != null) {
                        tally.reject(new Rejection(null, l.line(), l.problem()));
                        continue;
                    }
                    PointValidator.Result r = v.check(l.day(), l.metric(), l.value(), "line " + l.line());
                    if (r instanceof PointValidator.Ok good) {
                        ok.add(good.row());
                    } else {
                        tally.reject(new Rejection(null, l.line(), ((PointValidator.Bad) r).reason()));
                    }
                }
                tally.accepted += ok.size();
                return ok;
            }, false), "csv", () -> {
                if (tally.received == 0) {
                    return Future.failedFuture(ApiError.badRequest("there are no rows to import"));
                }
                if (tally.accepted == 0) {
                    return Future.failedFuture(allRejected(new ImportResult(id, lines.count(), tally.received, 0, 0, 0, 0,
                            tally.rejected, tally.rejectedTotal)));
                }
                return Future.succeededFuture();
            }).map(counts -> new ImportResult(id, lines.count(), tally.received, tally.accepted, counts[0], counts[1],
                    tally.accepted - counts[0] - counts[1], tally.rejected, tally.rejectedTotal).toJson());
        });
    }

    /** True when the body has nothing but white space (checked on the bytes: the body is not copied into a string). */
    private static boolean blank(io.vertx.core.buffer.Buffer body) {
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ApiError allRejected(ImportResult none) {
        Rejection first = none.rejected().get(0);
        return ApiError.badRequest("no row could be imported: every row was rejected (first: "
                + (first.line() != null ? "line " + first.line() : "index " + first.index()) + ": " + first.reason() + ")",
                none.toJson());
    }

    private Future<JsonObject> finish(long id, Integer lines, int received, List<PointRow> ok, List<Rejection> bad,
            String source) {
        if (received == 0) {
            return Future.failedFuture(ApiError.badRequest("there are no rows to import"));
        }
        if (ok.isEmpty()) {
            return Future.failedFuture(allRejected(new ImportResult(id, lines, received, 0, 0, 0, 0, bad)));
        }
        return importer.store(id, ok, source).map(counts -> new ImportResult(id, lines, received, ok.size(), counts[0],
                counts[1], ok.size() - counts[0] - counts[1], bad).toJson());
    }

    private static AuditLog.Target target(RoutingContext ctx, JsonObject result) {
        return AuditLog.Target.of("account", Requests.idParam(ctx, "id"), null);
    }

    /** The numbers and range of an import or its undoing, not the rows. */
    private static JsonObject counts(RoutingContext ctx, JsonObject result) {
        JsonObject out = new JsonObject();
        result.forEach(e -> {
            if (!e.getKey().equals("account_id") && (e.getValue() instanceof Number || e.getValue() instanceof String)) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
