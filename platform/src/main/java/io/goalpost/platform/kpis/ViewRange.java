package io.goalpost.platform.kpis;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Requests;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * The days a dashboard or summary report covers ({@code ?from=&to=}): the 28 days to today unless
 * given, refused in words when reversed or longer than {@link KpiRoutes#MAX_RANGE_DAYS}.
 */
public record ViewRange(LocalDate from, LocalDate to) {

    /** Days shown when the request names neither end. */
    public static final int DEFAULT_DAYS = 28;

    public ViewRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw ApiError.badRequest("'to' (" + to + ") is before 'from' (" + from + ")", Map.of("to", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > KpiRoutes.MAX_RANGE_DAYS) {
            throw ApiError.badRequest("the range is longer than " + KpiRoutes.MAX_RANGE_DAYS + " days",
                    Map.of("to", "the range may cover at most " + KpiRoutes.MAX_RANGE_DAYS + " days"));
        }
    }

    /** The range a request asks for; a missing end is {@link #DEFAULT_DAYS} from the other, or ends {@code today}. */
    public static ViewRange of(RoutingContext ctx, LocalDate today) {
        LocalDate to = Requests.dateParam(ctx, "to", null);
        LocalDate from = Requests.dateParam(ctx, "from", null);
        if (to == null) {
            to = from == null ? today : from.plusDays(DEFAULT_DAYS - 1);
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        return new ViewRange(from, to);
    }
}
