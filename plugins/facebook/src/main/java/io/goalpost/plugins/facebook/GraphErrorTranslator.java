package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.meta.MetaUsage;
import io.goalpost.plugin.support.Redactor;
import io.goalpost.plugin.api.AdapterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Facebook's error signals into the typed {@link AdapterException}s the host acts on. The table
 * follows Meta's Graph API guides to rate limiting and error handling (see also the plugin README,
 * "Errors"):
 * <ul>
 *   <li>190 (invalid or expired token, any subcode), 102 (session), 104 (no token) → AuthExpired: Page
 *       tokens cannot be refreshed, the Page must be reconnected;</li>
 *   <li>10 and 200–299 → PermissionMissing, naming the permission when Facebook's message does;</li>
 *   <li>4, 17, 32, 613, 80001 → RateLimited, retry time from the usage headers;</li>
 *   <li>1, 2, {@code is_transient}, HTTP 5xx → TransientFailure;</li>
 *   <li>100 (invalid parameter, incl. a removed insights metric), 803, 2635, 368 → ConfigInvalid;</li>
 *   <li>anything else → BadResponse with Facebook's (redacted) message.</li>
 * </ul>
 */
final class GraphErrorTranslator {

    /**
     * When to try again after a throttling error without {@code estimated_time_to_regain_access}: the
     * adapter's estimate, handed to the host as {@code retryAt}. Facebook's limits are rolling windows
     * (one hour for the platform limit); a quarter of that lets the window roll without hammering it.
     */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(15);

    static final Set<Integer> THROTTLING_CODES = Set.of(4, 17, 32, 613, 80001);
    private static final Pattern PERMISSION_NAME = Pattern.compile(
            "\\b((?:pages|read|ads|business|instagram|manage)_[a-z_]*[a-z])\\b");

    private final Clock clock;
    private final Redactor redaction;

    GraphErrorTranslator(Clock clock, Redactor redaction) {
        this.clock = clock;
        this.redaction = redaction;
    }

    /**
     * The typed failure for an error object (may be null when the body had none) received with an HTTP
     * status, on the named endpoint.
     */
    AdapterException translate(GraphError error, int status, MetaUsage usage, String endpoint) {
        if (error == null) {
            return byStatus(status, usage, endpoint);
        }
        int code = error.code();
        String said = redaction.clean(error.message());
        String facebookSays = said.isEmpty() ? "" : " Facebook says: \"" + said + "\"";
        if (code == 190 || code == 102 || code == 104) {
            return new AdapterException.AuthExpired("Facebook no longer accepts the Page access token ("
                    + tokenProblem(error) + "). Reconnect the Page in Goalpost to issue a new Page access token; "
                    + "Page tokens cannot be refreshed automatically.");
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            Set<String> named = permissionsIn(error.message());
            String which = named.isEmpty() ? "a permission" : "the permission " + String.join(", ", named);
            return new AdapterException.PermissionMissing("The Page access token lacks " + which + " needed for "
                    + endpoint + "." + facebookSays + " Reconnect the Page and grant read_insights and "
                    + "pages_read_engagement; the person connecting needs the ANALYZE task on the Page.", named);
        }
        if (THROTTLING_CODES.contains(code)) {
            return rateLimited(throttleReason(code), usage, endpoint);
        }
        if (code == 1 || code == 2 || error.isTransient() || status >= 500) {
            return new AdapterException.TransientFailure("Facebook had a temporary problem answering " + endpoint
                    + " (code " + code + ")." + facebookSays);
        }
        if (error.isInvalidInsightsMetric()) {
            return new AdapterException.ConfigInvalid("Facebook rejected an insights metric requested from "
                    + endpoint + " as no longer valid: Meta has removed it. Update the Facebook plugin."
                    + facebookSays);
        }
        if (code == 803 || (code == 100 && error.subcode() == 33)) {
            return new AdapterException.ConfigInvalid("Facebook cannot find the Page, or this token cannot see it ("
                    + endpoint + "). Check page_id: it must be the numeric id of a Page the token was issued for."
                    + facebookSays);
        }
        if (code == 2635) {
            return new AdapterException.ConfigInvalid("The Graph API version in api_base_url is retired. Set "
                    + "api_base_url to " + FacebookConfig.DEFAULT_API_BASE_URL + " or a newer version." + facebookSays);
        }
        if (code == 368) {
            return new AdapterException.ConfigInvalid("Facebook has temporarily blocked calls for a policy reason "
                    + "(code 368). Check the app in Meta's App Dashboard before syncing again." + facebookSays);
        }
        if (code == 100) {
            return new AdapterException.ConfigInvalid("Facebook rejected a parameter of the request to " + endpoint
                    + ": either page_id is not the numeric id of a Facebook Page, or the plugin needs an update."
                    + facebookSays);
        }
        AdapterException byStatus = status >= 400 ? byStatus(status, usage, endpoint) : null;
        if (byStatus != null && !(byStatus instanceof AdapterException.BadResponse)) {
            return byStatus;
        }
        return new AdapterException.BadResponse("Facebook answered " + endpoint + " with error code " + code
                + (error.subcode() != 0 ? "/" + error.subcode() : "") + "." + facebookSays);
    }

    /** The failure for an HTTP error status whose body held no Graph error object. */
    AdapterException byStatus(int status, MetaUsage usage, String endpoint) {
        if (status == 401) {
            return new AdapterException.AuthExpired("Facebook refused the Page access token (HTTP 401 on " + endpoint
                    + "). Reconnect the Page in Goalpost to issue a new Page access token.");
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing("Facebook refused access to " + endpoint
                    + " (HTTP 403). Reconnect the Page and grant read_insights and pages_read_engagement.", Set.of());
        }
        if (status == 429) {
            return rateLimited("too many requests (HTTP 429)", usage, endpoint);
        }
        if (status >= 500) {
            return new AdapterException.TransientFailure("Facebook had a temporary problem answering " + endpoint
                    + " (HTTP " + status + ").");
        }
        return new AdapterException.BadResponse("Facebook answered " + endpoint + " with HTTP " + status
                + " and no error description.");
    }

    /**
     * The failure for a throttling signal. {@code retryAt} is Facebook's own estimate when a usage header
     * gives one, else {@link #DEFAULT_RATE_LIMIT_WAIT} from now; the message says what happened and that
     * Goalpost tries again, without promising a time Facebook did not give.
     */
    AdapterException.RateLimited rateLimited(String reason, MetaUsage usage, String endpoint) {
        Instant now = clock.instant();
        Duration wait = usage.regainAccessIn();
        String when;
        if (wait != null) {
            when = "Facebook expects to accept calls again in about " + usage.minutesToRegainAccess()
                    + " minutes; Goalpost will try again then.";
        } else {
            wait = DEFAULT_RATE_LIMIT_WAIT;
            when = "Facebook did not say for how long; Goalpost will try again later.";
        }
        String used = usage.header() == null ? ""
                : " " + usage.header() + " reports " + usage.percentUsed() + " % used.";
        return new AdapterException.RateLimited("Facebook is throttling calls to " + endpoint + ": " + reason + "."
                + used + " " + when, now.plus(wait));
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
            default:
                return "too many calls to this Page (code 80001)";
        }
    }

    private static String tokenProblem(GraphError error) {
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
                return "the account is checkpointed: log in to facebook.com";
            case 460:
                return "the password was changed";
            case 463:
                return "the token has expired";
            case 464:
                return "the user is not confirmed";
            case 467:
                return "the token is invalid";
            case 492:
                return "the person who connected the Page no longer has a role on it";
            default:
                return "the token is invalid, expired or was revoked";
        }
    }

    /** Permission names Facebook's message mentions, e.g. {@code read_insights}, in order of mention. */
    static Set<String> permissionsIn(String message) {
        Set<String> names = new LinkedHashSet<>();
        if (message != null) {
            Matcher m = PERMISSION_NAME.matcher(message);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
