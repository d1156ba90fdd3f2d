package io.goalpost.plugin.api;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One limit a network puts on the calls made to it (since 2.0), declared in
 * {@link AdapterDescriptor#quotas()} from the network's documented rate limits. The host keeps every
 * sync of every instance inside all of them together: before each request of an adapter it takes a
 * call from each quota that applies, waiting (or deferring the sync) instead of drawing a 429.
 *
 * @param scope whose calls count together: all accounts of this network on the host ({@link Scope#APP},
 *     an app-wide limit such as TikTok's 600 per minute) or one connected account / token
 *     ({@link Scope#ACCOUNT}, e.g. Meta's 4,800 per Page per day)
 * @param window the length of the period the limit is counted over
 * @param limit how many calls the network allows in one window, at least 1
 * @param calls which requests count: a regular expression found in the request's path (e.g.
 *     {@code /users/[^/]+/tweets$}), or empty for every request to the network
 * @param description what counts as a call and where the figure comes from, in plain words (shown to
 *     operators)
 */
public record CallQuota(Scope scope, Window window, long limit, String calls, String description) {

    /** Whose calls count together. */
    public enum Scope {
        /** Every account of the network on this host (one network app). */
        APP,
        /** One connected account (its token). */
        ACCOUNT
    }

    /** The period a limit is counted over. */
    public enum Window {
        MINUTE(Duration.ofMinutes(1)),
        FIFTEEN_MINUTES(Duration.ofMinutes(15)),
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1)),
        /** A calendar or billing month: counted as any 31 days, so no month can exceed it. */
        MONTH(Duration.ofDays(31));

        private final Duration length;

        Window(Duration length) {
            this.length = length;
        }

        /** The window's length (a month counts as 31 days). */
        public Duration length() {
            return length;
        }
    }

    public CallQuota {
        Objects.requireNonNull(scope, "scope is null");
        Objects.requireNonNull(window, "window is null");
        if (limit < 1) {
            throw new IllegalArgumentException("a quota's limit must be at least 1 call: " + limit);
        }
        calls = calls == null ? "" : calls;
        if (!calls.isEmpty()) {
            try {
                Pattern.compile(calls);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the calls of a quota must be a regular expression: " + e.getDescription());
            }
        }
        Objects.requireNonNull(description, "description is null");
        if (description.isBlank()) {
            throw new IllegalArgumentException("a quota needs a description of what counts as a call");
        }
    }

    /** A quota on every request to the network. */
    public static CallQuota of(Scope scope, long limit, Window window, String description) {
        return new CallQuota(scope, window, limit, "", description);
    }

    /** A quota on the requests whose path matches {@code callsPattern}. */
    public static CallQuota onPaths(Scope scope, long limit, Window window, String callsPattern, String description) {
        return new CallQuota(scope, window, limit, callsPattern, description);
    }

    /** True when a request to {@code path} counts against this quota. */
    public boolean counts(String path) {
        return calls.isEmpty() || Pattern.compile(calls).matcher(path == null ? "" : path).find();
    }
}
