package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.support.Redactor;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One account's calls to the Graph API, as an adapter of a Meta plugin makes them: each call goes to the
 * account's API base with its token as {@code Authorization: Bearer} (never in the URL), its answer is read
 * by {@link GraphAnswer} and its errors worded by {@link GraphErrors}. When an answer that succeeded says the
 * budget is used up, the session remembers the {@link GraphThrottle} and sends nothing more until it ends:
 * every call in between fails at once with {@link AdapterException.RateLimited} and Meta's retry time, so a
 * sync stops where it is instead of spending calls Meta would refuse.
 *
 * <p>What changes over a session is the token, when the plugin refreshes it ({@link #useToken}), and the
 * latest throttle. Like the adapter that holds it, a session serves one call at a time.
 */
public final class GraphSession {

    private final HttpPort http;
    private final Clock clock;
    private final String apiBaseUrl;
    private final Redactor redaction;
    private final GraphErrors errors;

    private String accessToken;
    /** The latest throttle Meta announced, or null when none did. */
    private GraphThrottle throttle;

    /**
     * @param context the adapter's context: its HTTP port and clock
     * @param wording what the plugin's errors tell the user
     * @param apiBaseUrl the Graph API base including the version, e.g. {@code https://graph.facebook.com/v25.0}
     * @param accessToken the account's token, kept out of every message
     */
    public GraphSession(AdapterContext context, GraphWording wording, String apiBaseUrl, String accessToken) {
        Objects.requireNonNull(context, "context is null");
        this.http = Objects.requireNonNull(context.http(), "http is null");
        this.clock = Objects.requireNonNull(context.clock(), "clock is null");
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken is null");
        this.redaction = Redactor.of(accessToken);
        this.errors = new GraphErrors(clock, redaction, wording);
    }

    /**
     * GETs {@code <apiBaseUrl><path>?<query>} with the token as {@code Authorization: Bearer}.
     *
     * @param endpoint the call as users may see it, e.g. {@code GET /{ig-user-id}/insights}; never a URL
     * @return the data, or the translated Graph error of a readable answer
     * @throws AdapterException.RateLimited without sending anything while an announced throttle holds
     * @throws AdapterException when no readable answer came (transport failures, malformed or truncated JSON)
     */
    public GraphAnswer get(String endpoint, String path, Map<String, String> query) throws AdapterException {
        return send(endpoint, Urls.build(apiBaseUrl, path, query), accessToken);
    }

    /**
     * GETs a URL without the {@code Authorization} header, for a call whose credentials Meta takes in the
     * query (Instagram's {@code refresh_access_token}); the throttle holds for it as for every call.
     *
     * @param endpoint the call as users may see it; never the URL, which carries a secret
     */
    public GraphAnswer getWithoutBearer(String endpoint, URI uri) throws AdapterException {
        return send(endpoint, uri, null);
    }

    /** The token the calls carry (after {@link #useToken}, the new one). */
    public String accessToken() {
        return accessToken;
    }

    /**
     * Sends the later calls with a new token, e.g. after a refresh the plugin has stored; from now on it is
     * kept out of every message too.
     */
    public void useToken(String newToken) {
        Objects.requireNonNull(newToken, "newToken is null");
        redaction.add(newToken);
        accessToken = newToken;
    }

    /** The translation of Graph errors, for the plugin's own failures (e.g. a refresh that did not work). */
    public GraphErrors errors() {
        return errors;
    }

    /** The session's secrets (its tokens), for cleaning Meta's words before a plugin quotes them. */
    public Redactor redaction() {
        return redaction;
    }

    private GraphAnswer send(String endpoint, URI uri, String bearer) throws AdapterException {
        Instant now = clock.instant();
        if (throttle != null && throttle.holdsAt(now)) {
            throw throttle.refusal(errors.wording().network(), endpoint);
        }
        GraphAnswer answer = GraphAnswer.get(http, uri, bearer, endpoint, errors);
        GraphThrottle.announcedBy(answer, now).ifPresent(announced -> throttle = announced);
        return answer;
    }
}
