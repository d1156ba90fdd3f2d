package io.goalpost.platform.dashboard;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.kpis.KpiRoutes;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** {@code GET /api/dashboard?from=&to=}. */
public final class DashboardRoutes implements RouteModule {

    private final DashboardService dashboard;

    public DashboardRoutes(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/dashboard", Access.VIEWER, Handlers.reply(200, ctx -> {
            LocalDate to = Requests.dateParam(ctx, "to", null);
            LocalDate from = Requests.dateParam(ctx, "from", null);
            if (to == null) {
                to = from == null ? dashboard.today() : from.plusDays(27);
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
            return dashboard.dashboard(from, to);
        }));
    }
}
