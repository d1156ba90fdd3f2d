package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The default reading of an HTTP error status as a typed {@link AdapterException}, the part every
 * adapter used to write again. A network with its own error codes checks them first and falls back
 * to {@link #toException}.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>status</th><th>error</th></tr>
 *   <tr><td>401</td><td>{@code AuthExpired}: reconnect</td></tr>
 *   <tr><td>403</td><td>{@code PermissionMissing}, naming the scopes the call needs</td></tr>
 *   <tr><td>404, 400, 410, 422 and other 4xx</td><td>{@code ConfigInvalid} (unknown account, retired API version)</td></tr>
 *   <tr><td>408, 425, 5xx</td><td>{@code TransientFailure}: retried with backoff</td></tr>
 *   <tr><td>429</td><td>{@code RateLimited} until {@code Retry-After} or the reset header, else the fallback wait</td></tr>
 *   <tr><td>2xx, 3xx</td><td>{@code BadResponse} (the caller did not expect it)</td></tr>
 * </table>
 *
 * @param network the network's name as users know it, e.g. {@code Mastodon}
 * @param clock the adapter's clock, for {@code Retry-After}
 * @param rateLimitFallback the wait after a 429 that names no time
 * @param redactor removes secrets from the network's message
 */
public record StatusErrors(String network, Clock clock, Duration rateLimitFallback, Redactor redactor) {

    /** A wait after a 429 without headers: clears per-minute limits without hammering daily ones. */
    public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    public StatusErrors {
        Objects.requireNonNull(network, "network is null");
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(rateLimitFallback, "rateLimitFallback is null");
        Objects.requireNonNull(redactor, "redactor is null");
    }

    /**
     * The typed error of a response that was not a success.
     *
     * @param response the response
     * @param what what was asked, for the message (a path, never a URL with its query)
     * @param scopes the permissions the call needs, named on a 403
     */
    public AdapterException toException(HttpResponse response, String what, Set<String> scopes) {
        int status = response.status();
        String says = network + " answered HTTP " + status + " to " + what + ": "
                + ErrorBody.of(response).describe(redactor);
        if (status == 401) {
            return new AdapterException.AuthExpired(says + ". Reconnect the account in Goalpost.");
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing(says + (scopes.isEmpty() ? ""
                    : ". The token needs: " + String.join(", ", scopes.stream().sorted().toList())), scopes);
        }
        if (status == 429) {
            return new AdapterException.RateLimited(says, RateLimitHeaders.retryAtOr(response, clock, rateLimitFallback));
        }
        if (status == 408 || status == 425 || status >= 500) {
            return new AdapterException.TransientFailure(says);
        }
        if (status >= 400) {
            return new AdapterException.ConfigInvalid(says);
        }
        return new AdapterException.BadResponse(network + " answered an unexpected HTTP " + status + " to " + what);
    }

    /** As {@link #toException(HttpResponse, String, Set)} for a call that needs no named permission. */
    public AdapterException toException(HttpResponse response, String what) {
        return toException(response, what, Set.of());
    }
}
