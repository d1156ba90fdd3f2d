package ${package};

import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.support.Json;
import io.goalpost.plugin.support.JsonApi;
import io.goalpost.plugin.support.Paging;
import io.goalpost.plugin.support.PhasedCursor;
import io.goalpost.plugin.support.Redactor;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one ${networkName} account. Replace the example API below (GET /v1/me, /v1/insights,
 * /v1/posts) with the network's own; keep the shape: one request per batch, a cursor after each.
 */
final class ${className}Adapter implements io.goalpost.plugin.api.NetworkAdapter {

    private static final Map<String, CanonicalMetric> DAILY = Map.of(
            "followers", CanonicalMetric.FOLLOWERS, "impressions", CanonicalMetric.VIEWS);
    private static final Map<String, CanonicalMetric> PER_POST = Map.of(
            "likes", CanonicalMetric.REACTIONS, "comments", CanonicalMetric.COMMENTS);

    private final JsonApi api;

    ${className}Adapter(AdapterContext context, ConfigValues config) {
        this.api = JsonApi.bearer(context, "${networkName}", config.require("api_base_url"),
                config.require("access_token"), Redactor.of(config));
    }

    @Override
    public CheckResult check() throws AdapterException {
        Json me = api.getJson("/v1/me", Map.of());
        return CheckResult.of(new AccountIdentity(me.requireText("id"), me.text("username").orElse(""),
                me.text("name").orElse(me.requireText("id")), ZoneOffset.UTC));
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        DateRange range = request.range();
        PhasedCursor step = PhasedCursor.of(request, ${className}AdapterFactory.CURSOR_VERSION, "${networkName}");
        if (step.phase() == PhasedCursor.Phase.METRICS) {
            DateRange window = step.window(range, 30);
            Json body = api.getJson("/v1/insights", Map.of("since", window.from().toString(),
                    "until", window.to().toString()));
            List<MetricPoint> points = new ArrayList<>();
            for (Json day : body.requireArray("data")) {
                var date = day.date("date").orElseThrow(() -> new AdapterException.BadResponse("a day without date"));
                // A value the network leaves out stays absent: never a 0 in its place.
                DAILY.forEach((field, metric) -> day.number(field).ifPresent(v -> points.add(MetricPoint.of(metric, date, v))));
            }
            return FetchResult.partial(points, List.of(),
                    PhasedCursor.afterMetrics(window.to(), range).toCursor(${className}AdapterFactory.CURSOR_VERSION));
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("since", range.from().toString());
        query.put("until", range.to().toString());
        query.put("page_token", step.page().orElse(null));
        Json page = api.getJson("/v1/posts", query);
        List<PostSnapshot> posts = new ArrayList<>();
        for (Json post : page.requireArray("data")) {
            Map<MetricId, Double> metrics = new HashMap<>();
            PER_POST.forEach((field, metric) -> post.number(field).ifPresent(v -> metrics.put(metric.id(), v)));
            posts.add(new PostSnapshot(post.requireText("id"), post.instant("created_at").orElseThrow(
                    () -> new AdapterException.BadResponse("a post without created_at")),
                    post.text("type").orElse("post"), post.text("url").orElse(null), metrics,
                    post.text("text").orElse(null)));
        }
        return Paging.token(page, "next_page_token")
                .map(next -> FetchResult.partial(List.of(), posts,
                        PhasedCursor.postsPage(next).toCursor(${className}AdapterFactory.CURSOR_VERSION)))
                .orElseGet(() -> FetchResult.last(List.of(), posts));
    }
}
