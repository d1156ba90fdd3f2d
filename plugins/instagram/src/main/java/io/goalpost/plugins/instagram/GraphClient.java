package io.goalpost.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.support.meta.GraphAnswer;
import io.goalpost.plugin.support.meta.GraphError;
import io.goalpost.plugin.support.meta.GraphErrors;
import io.goalpost.plugin.support.meta.GraphSession;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Sends Graph API calls for one account through plugin-support's {@link GraphSession}, which sends the
 * access token as {@code Authorization: Bearer} (never in the URL of a data call), turns every answer into
 * JSON or a typed error, and stops before a call once Meta has announced in the usage headers of an
 * otherwise successful answer that the budget is used up. This client adds what only Instagram Login has:
 * it refreshes the token through {@code refresh_access_token} when the login allows it, and stores the new
 * token through the host's credentials port before using it.
 *
 * <p>Refresh policy (Instagram Login only; Meta's {@code refresh_access_token} reference): a long-lived
 * token lives 60 days and can be refreshed only while valid and at least 24 hours old. When
 * {@code access_refreshed_at} is known and 24 hours have passed, the first call of an adapter refreshes
 * proactively, so an account synced at least every 60 days never expires. When Instagram reports the
 * token invalid (code 190), the client tries one refresh and retries the call once; if that fails the
 * user must reconnect.
 */
final class GraphClient {

    /** How long a long-lived Instagram Login token lives after it is issued or refreshed, by Meta's reference. */
    static final Duration TOKEN_LIFETIME = Duration.ofDays(60);

    /** Meta refuses to refresh a token younger than this. */
    static final Duration MIN_REFRESH_AGE = Duration.ofHours(24);

    private final AdapterContext context;
    private final InstagramConfig config;
    private final GraphSession graph;

    private Optional<Instant> refreshedAt;
    private boolean refreshAttempted;

    GraphClient(AdapterContext context, InstagramConfig config) {
        this.context = context;
        this.config = config;
        this.graph = new GraphSession(context, InstagramConfig.wording(config.loginType()), config.apiBaseUrl(),
                config.accessToken());
        this.refreshedAt = config.accessRefreshedAt();
    }

    /** GETs a Graph path; every error becomes a typed exception. */
    JsonNode get(String endpoint, String path, Map<String, String> query) throws AdapterException {
        return get(endpoint, path, query, e -> false).bodyOrThrow();
    }

    /**
     * GETs a Graph path; Graph errors matching {@code tolerated} are returned instead of thrown (e.g. media
     * without insights), every other error becomes a typed exception.
     *
     * @param endpoint the endpoint as shown to users, e.g. {@code GET /{ig-user-id}/insights}; never a URL
     */
    GraphAnswer get(String endpoint, String path, Map<String, String> query, Predicate<GraphError> tolerated)
            throws AdapterException {
        refreshIfDue(endpoint);
        GraphAnswer answer = graph.get(endpoint, path, query);
        if (answer.failedWith(GraphError::isTokenProblem) && canRefreshNow()) {
            refresh(endpoint);
            answer = graph.get(endpoint, path, query);
        }
        if (answer.failed() && !answer.failedWith(tolerated)) {
            throw answer.failure();
        }
        return answer;
    }

    private boolean canRefreshNow() {
        if (!config.loginType().refreshable() || refreshAttempted) {
            return false;
        }
        return refreshedAt.map(t -> !context.clock().instant().isBefore(t.plus(MIN_REFRESH_AGE))).orElse(true);
    }

    /**
     * Refreshes ahead of expiry when the token is known to be old enough. A failure here is not fatal: the
     * token may still work, and a dead one is reported by the call itself.
     */
    private void refreshIfDue(String endpoint) throws AdapterException {
        if (refreshedAt.isEmpty() || !canRefreshNow()) {
            return;
        }
        try {
            refresh(endpoint);
        } catch (AdapterException.AuthExpired | AdapterException.BadResponse | AdapterException.TransientFailure e) {
            // Keep the current token; the data call decides whether it still works.
        }
    }

    /**
     * Calls {@code GET /refresh_access_token?grant_type=ig_refresh_token&access_token=...} (the documented
     * form: the token goes in the query here), stores the new token and when it was issued, then uses it.
     */
    private void refresh(String endpoint) throws AdapterException {
        refreshAttempted = true;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "ig_refresh_token");
        query.put("access_token", graph.accessToken());
        URI uri = Urls.build(config.refreshBaseUrl(), "/refresh_access_token", query);
        GraphErrors errors = graph.errors();
        GraphAnswer answer;
        try {
            answer = graph.getWithoutBearer("GET /refresh_access_token", uri);
        } catch (AdapterException.BadResponse e) {
            throw errors.authExpired("the token could not be refreshed: unreadable answer", endpoint);
        }
        if (answer.failed()) {
            AdapterException typed = answer.failure();
            if (typed instanceof AdapterException.RateLimited || typed instanceof AdapterException.TransientFailure) {
                throw typed;
            }
            throw errors.authExpired("the token could not be refreshed: " + (answer.error() == null
                    ? "unreadable answer" : "\"" + graph.redaction().clean(answer.error().message()) + "\""), endpoint);
        }
        String newToken = answer.body().path("access_token").asText("");
        if (newToken.isBlank()) {
            throw errors.authExpired("the token refresh answered without a new token", endpoint);
        }
        Instant now = context.clock().instant();
        // Durable before use: if the host cannot store it, the store call throws and nothing uses the new token.
        context.credentials().store(Map.of(InstagramConfig.ACCESS_TOKEN, newToken,
                InstagramConfig.ACCESS_REFRESHED_AT, now.toString()));
        // Tell the host when the new token lapses (expires_in, else Meta's documented 60 days): it warns on the
        // account before then if no later sync renews it. There is no refresh token.
        long lifetime = answer.body().path("expires_in").asLong(0);
        context.credentials().expires(Optional.of(now.plus(lifetime > 0 ? Duration.ofSeconds(lifetime) : TOKEN_LIFETIME)),
                Optional.empty());
        graph.useToken(newToken);
        refreshedAt = Optional.of(now);
    }
}
