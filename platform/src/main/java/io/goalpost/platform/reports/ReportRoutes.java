package io.goalpost.platform.reports;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.goalpost.platform.kpis.KpiRoutes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/reports/summary.pdf?from=&to=}, {@code GET /api/goals/{id}/report.pdf} and
 * {@code GET/PUT /api/reports/commentary} (platform/API-reports.md).
 */
public final class ReportRoutes implements RouteModule {

    private final ReportRenderer reports;
    private final AuditLog audit;

    public ReportRoutes(ReportRenderer reports, AuditLog audit) {
        this.reports = reports;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/reports/summary.pdf", Access.VIEWER, pdf(ctx -> {
            LocalDate to = Requests.dateParam(ctx, "to", null);
            LocalDate from = Requests.dateParam(ctx, "from", null);
            if (to == null) {
                to = from == null ? reports.today() : from.plusDays(27);
            }
            if (from == null) {
                from = to.minusDays(27);
            }
            if (to.isBefore(from)) {
                throw ApiError.badRequest("'to' (" + to + ") is before 'from' (" + from + ")", Map.of("to", "must not be before from"));
            }
            if (ChronoUnit.DAYS.between(from, to) + 1 > KpiRoutes.MAX_RANGE_DAYS) {
                throw ApiError.badRequest("the range is longer than " + KpiRoutes.MAX_RANGE_DAYS + " days",
                        Map.of("to", "the range may cover at most " + KpiRoutes.MAX_RANGE_DAYS + " days"));
            }
            String name = "goalpost-report-" + from + "-to-" + to + ".pdf";
            return reports.summaryPdf(from, to).map(bytes -> new Pdf(name, bytes));
        }));
        routes.get("/goals/:id/report.pdf", Access.VIEWER, pdf(ctx -> {
            long id = Requests.idParam(ctx, "id");
            return reports.goalPdf(id).map(bytes -> new Pdf("goalpost-goal-" + id + "-report.pdf", bytes));
        }));
        routes.get("/reports/commentary", Access.VIEWER, Handlers.reply(200, ctx -> reports.settings().get().map(ReportSettings::toJson)));
        routes.put("/reports/commentary", Access.EDITOR, Handlers.reply(200, audit.after("report.commentary_updated", ctx -> {
            JsonObject body = Requests.jsonBody(ctx);
            Fields f = Fields.of(body);
            String text = body.getValue("commentary") == null ? "" : f.text("commentary", false, ReportSettings.COMMENTARY_MAX);
            String zoneId = f.string("time_zone", true, 64);
            ZoneId zone = null;
            if (zoneId != null) {
                try {
                    zone = ZoneId.of(zoneId);
                } catch (DateTimeException e) {
                    f.problem("time_zone", "must be a time zone such as Europe/Berlin or UTC");
                }
            }
            f.throwIfAny("the report settings");
            String by = Principal.of(ctx).map(Principal::username).orElse(null);
            return reports.settings().put(text == null ? "" : text, zone, by).map(ReportSettings::toJson);
        }, (ctx, s) -> new AuditLog.Target("report_settings", "1", null),
                (ctx, s) -> new JsonObject().put("time_zone", s.getString("time_zone"))
                        .put("commentary_chars", s.getString("commentary").length()))));
    }

    /** A rendered PDF and the file name it downloads as. */
    private record Pdf(String fileName, byte[] bytes) {
    }

    private static Handler<RoutingContext> pdf(Function<RoutingContext, Future<Pdf>> work) {
        return ctx -> {
            Future<Pdf> f;
            try {
                f = work.apply(ctx);
            } catch (RuntimeException e) {
                Responses.error(ctx, e);
                return;
            }
            f.onComplete(ar -> {
                if (ar.failed()) {
                    Responses.error(ctx, ar.cause());
                } else if (!ctx.response().ended()) {
                    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/pdf")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + ar.result().fileName() + "\"")
                            .putHeader("Cache-Control", "no-store")
                            .end(Buffer.buffer(ar.result().bytes()));
                }
            });
        };
    }
}
