package io.goalpost.platform.reports;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.goalpost.platform.kpis.ViewRange;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
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
            ViewRange range = ViewRange.of(ctx, reports.today());
            LocalDate from = range.from();
            LocalDate to = range.to();
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
            if (body.containsKey("time_zone")) {
                // Reports use the team's zone; silently ignoring a zone sent here would look like it took effect.
                f.problem("time_zone", "reports use the team time zone: set it with PUT /api/settings/team");
            }
            f.throwIfAny("the report settings");
            String by = Principal.of(ctx).map(Principal::username).orElse(null);
            return reports.settings().putCommentary(text == null ? "" : text, by).map(ReportSettings::toJson);
        }, (ctx, s) -> new AuditLog.Target("report_settings", "1", null),
                (ctx, s) -> new JsonObject().put("commentary_chars", s.getString("commentary").length()))));
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
