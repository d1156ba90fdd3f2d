package io.goalpost.platform.posts;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /api/posts?from=&to=&networks=&accounts=&sort=&limit=}: the top posts of a period (platform/API-posts.md). */
public final class PostRoutes implements RouteModule {

    private final TopPosts posts;
    private final Clock clock;

    public PostRoutes(TopPosts posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/posts", Access.VIEWER, Handlers.reply(200, ctx -> posts.top(query(ctx))));
    }

    /** The query of a request: {@code to} defaults to today, {@code from} to 27 days before {@code to}. */
    PostQuery query(RoutingContext ctx) {
        LocalDate to = Requests.dateParam(ctx, "to", null);
        LocalDate from = Requests.dateParam(ctx, "from", null);
        if (to == null) {
            to = from == null ? LocalDate.now(clock) : from.plusDays(27);
        }
        if (from == null) {
            from = to.minusDays(27);
        }
        List<Long> accounts = new ArrayList<>();
        for (String a : Requests.listParam(ctx, "accounts")) {
            try {
                accounts.add(Long.parseLong(a));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("query parameter 'accounts' must list account ids, got '" + a + "'",
                        Map.of("accounts", "must list account ids"));
            }
        }
        long limit = Requests.positiveParam(ctx, "limit", PostQuery.DEFAULT_LIMIT);
        if (limit > PostQuery.MAX_LIMIT) {
            throw ApiError.badRequest("query parameter 'limit' may be at most " + PostQuery.MAX_LIMIT,
                    Map.of("limit", "may be at most " + PostQuery.MAX_LIMIT));
        }
        PostRanking ranking = PostRanking.of(Requests.textParam(ctx, "sort", 100));
        try {
            return new PostQuery(from, to, Requests.listParam(ctx, "networks"), accounts, ranking, (int) limit);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage(), Map.of("to", e.getMessage()));
        }
    }
}
