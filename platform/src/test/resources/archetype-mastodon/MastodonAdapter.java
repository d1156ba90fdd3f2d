package org.example.mastodon;

import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.support.Json;
import io.goalpost.plugin.support.JsonApi;
import io.goalpost.plugin.support.OAuthAppConfig;
import io.goalpost.plugin.support.Paging;
import io.goalpost.plugin.support.PhasedCursor;
import io.goalpost.plugin.support.Redactor;
import io.goalpost.plugin.support.Snapshots;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Mastodon account: today's follower count (Mastodon keeps no history of it) and the account's
 * statuses in the range, newest first, 40 a page, with favourites, boosts and replies.
 */
final class MastodonAdapter implements NetworkAdapter {

    private static final Map<String, MetricId> PER_POST = Map.of("favourites_count", new MetricId("mastodon.favourites"),
            "reblogs_count", new MetricId("mastodon.boosts"), "replies_count", new MetricId("mastodon.replies"));

    private final JsonApi api;
    private final Clock clock;

    MastodonAdapter(AdapterContext context, ConfigValues config) {
        this.api = JsonApi.bearer(context, "Mastodon", config.require("server_url"),
                config.require(OAuthAppConfig.ACCESS_TOKEN), Redactor.of(config));
        this.clock = context.clock();
    }

    @Override
    public CheckResult check() throws AdapterException {
        Json me = me();
        return CheckResult.of(new AccountIdentity(me.requireText("id"), me.requireText("acct"),
                me.text("display_name").filter(n -> !n.isBlank()).orElse(me.requireText("acct")), ZoneOffset.UTC));
    }

    private Json me() throws AdapterException {
        return api.get("/api/v1/accounts/verify_credentials", Map.of(), Set.of("read:accounts")).body();
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws AdapterException {
        PhasedCursor step = PhasedCursor.of(request, MastodonAdapterFactory.CURSOR_VERSION, "Mastodon");
        if (step.phase() == PhasedCursor.Phase.METRICS) {
            Json me = me();
            var followers = me.number("followers_count");
            var point = Snapshots.today(CanonicalMetric.FOLLOWERS.id(),
                    followers.isPresent() ? java.util.Optional.of(followers.getAsDouble()) : java.util.Optional.empty(),
                    request.range(), clock, ZoneOffset.UTC);
            // The page token carries the account id, then Mastodon's max_id once there is one.
            return FetchResult.partial(point.stream().toList(), List.of(),
                    PhasedCursor.postsPage(me.requireText("id") + ":").toCursor(MastodonAdapterFactory.CURSOR_VERSION));
        }
        String[] token = step.page().orElseThrow(() -> new AdapterException.CursorInvalid("no account in the cursor"))
                .split(":", 2);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", "40");
        query.put("exclude_reblogs", "true");
        query.put("max_id", token.length < 2 || token[1].isEmpty() ? null : token[1]);
        JsonApi.Reply reply = api.get("/api/v1/accounts/" + token[0] + "/statuses", query, Set.of("read:statuses"));
        List<PostSnapshot> posts = new ArrayList<>();
        boolean older = false;
        for (Json status : reply.body().elements()) {
            var published = status.instant("created_at")
                    .orElseThrow(() -> new AdapterException.BadResponse("a status without created_at"));
            LocalDate day = LocalDate.ofInstant(published, ZoneOffset.UTC);
            older |= day.isBefore(request.range().from());
            if (request.range().contains(day)) {
                Map<MetricId, Double> metrics = new HashMap<>();
                PER_POST.forEach((field, metric) -> status.number(field).ifPresent(v -> metrics.put(metric, v)));
                posts.add(new PostSnapshot(status.requireText("id"), published, "status",
                        status.text("url").orElse(null), metrics));
            }
        }
        // Newest first: once a page reaches before the range, the rest is older still.
        var next = older ? java.util.Optional.<java.net.URI>empty() : Paging.linkNext(reply.response(), reply.uri());
        if (next.isEmpty()) {
            return FetchResult.last(List.of(), posts);
        }
        String maxId = Urls.queryParams(next.get()).get("max_id");
        if (maxId == null) {
            throw new AdapterException.BadResponse("Mastodon's next link has no max_id");
        }
        return FetchResult.partial(List.of(), posts,
                PhasedCursor.postsPage(token[0] + ":" + maxId).toCursor(MastodonAdapterFactory.CURSOR_VERSION));
    }
}
