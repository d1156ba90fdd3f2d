package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.support.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Graph API's error signals into the typed {@link AdapterException}s the host acts on, for
 * every plugin on the Graph API (Meta's guides to rate limiting and error handling). Meta throttles
 * with HTTP 400 or 403 and a code, never with a {@code Retry-After}, so the code decides, not the status:
 * <ul>
 *   <li>190 (any subcode; 463 = expired), 102, 104 → AuthExpired;</li>
 *   <li>10, 200–299 → PermissionMissing, naming the permissions Meta's message names;</li>
 *   <li>4, 17, 32, 613, 80001, 80002 → RateLimited, retry time from the usage headers;</li>
 *   <li>1, 2, {@code is_transient}, HTTP 5xx → TransientFailure;</li>
 *   <li>100 with a rejected metric or breakdown → ConfigInvalid (retrying cannot help: the plugin asked
 *       for something Meta removed); 100 "more than 30 days" → BadResponse (the plugin's window was
 *       wrong); 100/33 and 803 → ConfigInvalid (wrong account id); other 100, 2635, 368 → ConfigInvalid;</li>
 *   <li>anything else → BadResponse with Meta's (redacted) message.</li>
 * </ul>
 * What the user is told to do comes from the plugin's {@link GraphWording}.
 */
public final class GraphErrors {

    /**
     * When to try again after a throttling error without {@code estimated_time_to_regain_access}: the
     * adapter's estimate, handed to the host as {@code retryAt}, never promised in a message. Meta's
     * limits are rolling windows (an hour for the platform limit, 24 hours for BUC); a quarter hour lets
     * the window move on without hammering it.
     */
    public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(15);

    private static final Pattern PERMISSION_NAME = Pattern.compile(
            "\\b((?:pages|read|ads|business|instagram|manage)_[a-z_]*[a-z])\\b");

    private final Clock clock;
    private final Redactor redaction;
    private final GraphWording wording;

    public GraphErrors(Clock clock, Redactor redaction, GraphWording wording) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.redaction = Objects.requireNonNull(redaction, "redaction is null");
        this.wording = Objects.requireNonNull(wording, "wording is null");
    }

    /** The words of this plugin. */
    public GraphWording wording() {
        return wording;
    }

    /**
     * The typed failure for an error object (null when the body had none) received with an HTTP status
     * on the named endpoint.
     *
     * @param endpoint the call as users may see it, e.g. {@code GET /{ig-user-id}/insights}; never a URL
     */
    public AdapterException translate(GraphError error, int status, MetaUsage usage, String endpoint) {
        if (error == null) {
            return byStatus(status, usage, endpoint);
        }
        String network = wording.network();
        String says = says(error);
        if (error.isTokenProblem()) {
            return authExpired(tokenProblem(error), endpoint);
        }
        if (error.isPermissionProblem()) {
            return permissionMissing(permissionsIn(error.message()), "needed for " + endpoint, says);
        }
        if (error.isThrottling()) {
            return rateLimited(throttleReason(error.code()), usage, endpoint);
        }
        if (error.code() == 1 || error.code() == 2 || error.isTransient() || status >= 500) {
            return new AdapterException.TransientFailure(network + " had a temporary problem answering " + endpoint
                    + " (code " + error.code() + ")." + says);
        }
        if (error.isRejectedMetric()) {
            return new AdapterException.ConfigInvalid(network + " rejected a metric requested from " + endpoint
                    + ", which fails the whole request: Meta has removed or renamed it. Update the " + network
                    + " plugin." + says);
        }
        if (error.isIncompatibleBreakdown()) {
            return new AdapterException.ConfigInvalid(network + " rejected a breakdown requested from " + endpoint
                    + " for one of the metrics. Update the " + network + " plugin." + says);
        }
        if (error.isWindowTooLong()) {
            return new AdapterException.BadResponse(network + " refused the date window asked from " + endpoint
                    + ": insights allow at most 30 days per request." + says);
        }
        if (error.code() == 803 || (error.code() == 100 && error.subcode() == GraphError.OBJECT_NOT_FOUND)) {
            return new AdapterException.ConfigInvalid(network + " cannot find the account, or this token cannot see it ("
                    + endpoint + "). " + wording.checkAccount() + says);
        }
        if (error.code() == 2635) {
            return new AdapterException.ConfigInvalid("The Graph API version in api_base_url is retired. Set "
                    + "api_base_url to " + wording.apiBaseUrl() + " or a newer version." + says);
        }
        if (error.code() == 368) {
            return new AdapterException.ConfigInvalid("Meta has temporarily blocked calls for a policy reason "
                    + "(code 368). Check the app in Meta's App Dashboard before syncing again." + says);
        }
        if (error.code() == 100) {
            return new AdapterException.ConfigInvalid(network + " rejected a parameter of the request to " + endpoint
                    + " (code " + error.codes() + ")." + (wording.checkParameter().isEmpty() ? "" : " "
                    + wording.checkParameter()) + says);
        }
        AdapterException byStatus = status >= 400 ? byStatus(status, usage, endpoint) : null;
        if (byStatus != null && !(byStatus instanceof AdapterException.BadResponse)) {
            return byStatus;
        }
        return new AdapterException.BadResponse(network + " answered " + endpoint + " with error code "
                + error.codes() + "." + says);
    }

    /** The failure for an HTTP error status whose body held no Graph error object. */
    public AdapterException byStatus(int status, MetaUsage usage, String endpoint) {
        String network = wording.network();
        if (status == 401) {
            return authExpired("HTTP 401", endpoint);
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing(network + " refused access to " + endpoint + " (HTTP 403). "
                    + wording.grant(), wording.unnamedPermissions());
        }
        if (status == 429) {
            return rateLimited("too many requests (HTTP 429)", usage, endpoint);
        }
        if (status >= 500) {
            return new AdapterException.TransientFailure(network + " had a temporary problem answering " + endpoint
                    + " (HTTP " + status + ").");
        }
        return new AdapterException.BadResponse(network + " answered " + endpoint + " with HTTP " + status
                + " and no error description.");
    }

    /** The failure when the token is dead and cannot (or could not) be renewed. */
    public AdapterException.AuthExpired authExpired(String problem, String endpoint) {
        return new AdapterException.AuthExpired(wording.network() + " no longer accepts the " + wording.token() + " ("
                + problem + ", on " + endpoint + "). " + wording.reconnect());
    }

    /**
     * The failure for a missing permission.
     *
     * @param named the permissions Meta's message names (empty: the wording's)
     * @param needed e.g. {@code needed for GET /123/insights}
     * @param says Meta's quoted message, or empty
     */
    public AdapterException.PermissionMissing permissionMissing(Set<String> named, String needed, String says) {
        String which = named.isEmpty() ? "a permission" : "the permission " + String.join(", ", named);
        return new AdapterException.PermissionMissing("The " + wording.token() + " lacks " + which + " " + needed + "."
                + says + " " + wording.grant(), named.isEmpty() ? wording.unnamedPermissions() : named);
    }

    /**
     * The failure for a throttling signal. {@code retryAt} is Meta's own estimate when a usage header
     * gives one, else {@link #DEFAULT_RATE_LIMIT_WAIT} from now; the message says what happened and that
     * Goalpost tries again, without promising a time Meta did not give.
     */
    public AdapterException.RateLimited rateLimited(String reason, MetaUsage usage, String endpoint) {
        Duration wait = usage.regainAccessIn();
        String when;
        if (wait != null) {
            when = "Meta expects to accept calls again in about " + usage.minutesToRegainAccess()
                    + " minutes; Goalpost will try again then.";
        } else {
            wait = DEFAULT_RATE_LIMIT_WAIT;
            when = "Meta did not say for how long; Goalpost will try again later.";
        }
        String used = usage.header() != null ? " " + usage.header() + " reports " + usage.percentUsed() + " % used." : "";
        return new AdapterException.RateLimited(wording.network() + " is throttling calls to " + endpoint + ": "
                + reason + "." + used + " " + when, clock.instant().plus(wait));
    }

    /** {@code  Facebook says: "..."} with the message redacted, or empty when Meta said nothing. */
    public String says(GraphError error) {
        String said = redaction.clean(error.message());
        return said.isEmpty() ? "" : " " + wording.network() + " says: \"" + said + "\"";
    }

    /** Permission names a message mentions, e.g. {@code read_insights}, in order of mention. */
    public static Set<String> permissionsIn(String message) {
        Set<String> names = new LinkedHashSet<>();
        if (message != null) {
            Matcher m = PERMISSION_NAME.matcher(message);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String throttleReason(int code) {
        switch (code) {
            case 4:
                return "the app's request limit is reached (code 4)";
            case 17:
                return "the user's request limit is reached (code 17)";
            case 32:
                return "the Pages request limit is reached (code 32)";
            case 613:
                return "too many calls in a short time (code 613)";
            case 80001:
                return "too many calls to the Page (code 80001)";
            default:
                return "too many calls to this Instagram account (code 80002)";
        }
    }

    private String tokenProblem(GraphError error) {
        if (error.code() == 104) {
            return "no access token was sent";
        }
        if (error.code() == 102) {
            return "the API session is no longer valid";
        }
        switch (error.subcode()) {
            case 458:
                return "the app was removed from the account";
            case 459:
                return "the account is checkpointed: log in to " + wording.network() + " in a browser";
            case 460:
                return "the password was changed";
            case 463:
                return "the token has expired";
            case 464:
                return "the user is not confirmed";
            case 467:
                return "the token is invalid";
            case 492:
                return "the person who connected it no longer has a role on the Page";
            default:
                return "the token is invalid, expired or was revoked";
        }
    }
}
