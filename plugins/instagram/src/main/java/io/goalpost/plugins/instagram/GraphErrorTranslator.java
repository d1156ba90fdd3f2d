package io.goalpost.plugins.instagram;

import io.goalpost.plugin.support.meta.MetaUsage;
import io.goalpost.plugin.support.Redactor;
import io.goalpost.plugin.api.AdapterException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Instagram's error signals into the typed {@link AdapterException}s the host acts on
 * (Meta's Graph API guides to rate limiting and error handling; see the plugin README, "Errors").
 * Meta throttles with HTTP 400 or 403 and a code, never with a {@code Retry-After}, so the code
 * decides, not the status:
 * <ul>
 *   <li>190 (any subcode; 463 = expired), 102, 104 → AuthExpired (the client tries a refresh first when
 *       the login allows one);</li>
 *   <li>10, 200–299 → PermissionMissing, naming the permissions of the login type;</li>
 *   <li>4, 17, 32, 613, 80001, 80002 → RateLimited, retry time from the usage headers;</li>
 *   <li>1, 2, {@code is_transient}, HTTP 5xx → TransientFailure;</li>
 *   <li>100 with a rejected metric or breakdown → ConfigInvalid (retrying cannot help: the plugin asked
 *       for something Meta removed); 100 "more than 30 days" → BadResponse (the plugin's window was
 *       wrong); 100/33 and 803 → ConfigInvalid (wrong account id); other 100, 2635, 368 → ConfigInvalid;</li>
 *   <li>anything else → BadResponse with Instagram's (redacted) message.</li>
 * </ul>
 */
final class GraphErrorTranslator {

    /**
     * When to try again after a throttling error without {@code estimated_time_to_regain_access}: the
     * adapter's estimate, handed to the host as {@code retryAt}, never promised in a message. Meta's
     * limits are rolling windows (an hour for the platform limit, 24 hours for BUC); a quarter hour lets
     * the window move on without hammering it.
     */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(15);

    static final Set<Integer> THROTTLING_CODES = Set.of(4, 17, 32, 613, 80001, 80002);

    private static final Pattern PERMISSION_NAME =
            Pattern.compile("\\b((?:instagram|pages|business|ads)_[a-z_]*[a-z])\\b");

    private final Clock clock;
    private final Redactor redaction;
    private final LoginType loginType;

    GraphErrorTranslator(Clock clock, Redactor redaction, LoginType loginType) {
        this.clock = clock;
        this.redaction = redaction;
        this.loginType = loginType;
    }

    /** The typed failure for an error object received with an HTTP status on the named endpoint. */
    AdapterException translate(GraphError error, int status, MetaUsage usage, String endpoint) {
        if (error == null) {
            return byStatus(status, usage, endpoint);
        }
        int code = error.code();
        String said = redaction.clean(error.message());
        String instagramSays = said.isEmpty() ? "" : " Instagram says: \"" + said + "\"";
        if (error.isTokenProblem()) {
            return authExpired(tokenProblem(error), endpoint);
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            Set<String> named = permissionsIn(error.message());
            Set<String> missing = named.isEmpty() ? loginType.insightsPermissions() : named;
            return new AdapterException.PermissionMissing("The access token lacks a permission needed for " + endpoint
                    + "." + instagramSays + " Reconnect the account and grant " + loginType.permissionList() + ".",
                    missing);
        }
        if (THROTTLING_CODES.contains(code)) {
            return rateLimited(throttleReason(code), usage, endpoint);
        }
        if (code == 1 || code == 2 || error.isTransient() || status >= 500) {
            return new AdapterException.TransientFailure("Instagram had a temporary problem answering " + endpoint
                    + " (code " + code + ")." + instagramSays);
        }
        if (error.isRejectedMetric()) {
            return new AdapterException.ConfigInvalid("Instagram rejected a metric requested from " + endpoint
                    + ", which fails the whole request: Meta has removed or renamed it. Update the Instagram plugin."
                    + instagramSays);
        }
        if (error.isIncompatibleBreakdown()) {
            return new AdapterException.ConfigInvalid("Instagram rejected a breakdown requested from " + endpoint
                    + " for one of the metrics. Update the Instagram plugin." + instagramSays);
        }
        if (error.isWindowTooLong()) {
            return new AdapterException.BadResponse("Instagram refused the date window asked from " + endpoint
                    + ": account insights allow at most 30 days per request." + instagramSays);
        }
        if (code == 803 || (code == 100 && error.subcode() == GraphError.OBJECT_NOT_FOUND)) {
            return new AdapterException.ConfigInvalid("Instagram cannot find the account, or this token cannot see it ("
                    + endpoint + "). Check ig_user_id (the numeric id of the professional account) and that "
                    + "login_type matches how the token was issued (" + loginType.configValue() + ")." + instagramSays);
        }
        if (code == 2635) {
            return new AdapterException.ConfigInvalid("The Graph API version in api_base_url is retired. Set "
                    + "api_base_url to " + InstagramConfig.DEFAULT_API_BASE_URL + " or a newer version." + instagramSays);
        }
        if (code == 368) {
            return new AdapterException.ConfigInvalid("Meta has temporarily blocked calls for a policy reason "
                    + "(code 368). Check the app in Meta's App Dashboard before syncing again." + instagramSays);
        }
        if (code == 100) {
            return new AdapterException.ConfigInvalid("Instagram rejected a parameter of the request to " + endpoint
                    + " (code 100" + (error.subcode() != 0 ? "/" + error.subcode() : "") + ")." + instagramSays);
        }
        AdapterException byStatus = status >= 400 ? byStatus(status, usage, endpoint) : null;
        if (byStatus != null && !(byStatus instanceof AdapterException.BadResponse)) {
            return byStatus;
        }
        return new AdapterException.BadResponse("Instagram answered " + endpoint + " with error code " + code
                + (error.subcode() != 0 ? "/" + error.subcode() : "") + "." + instagramSays);
    }

    /** The failure for an HTTP error status whose body held no Graph error object. */
    AdapterException byStatus(int status, MetaUsage usage, String endpoint) {
        if (status == 401) {
            return authExpired("HTTP 401", endpoint);
        }
        if (status == 403) {
            return new AdapterException.PermissionMissing("Instagram refused access to " + endpoint
                    + " (HTTP 403). Reconnect the account and grant " + loginType.permissionList() + ".",
                    loginType.insightsPermissions());
        }
        if (status == 429) {
            return rateLimited("too many requests (HTTP 429)", usage, endpoint);
        }
        if (status >= 500) {
            return new AdapterException.TransientFailure("Instagram had a temporary problem answering " + endpoint
                    + " (HTTP " + status + ").");
        }
        return new AdapterException.BadResponse("Instagram answered " + endpoint + " with HTTP " + status
                + " and no error description.");
    }

    /** The failure when the token is dead and cannot (or could not) be refreshed. */
    AdapterException.AuthExpired authExpired(String problem, String endpoint) {
        String how = loginType.refreshable()
                ? "Reconnect the account in Goalpost with Instagram Login to issue a new token (a token can only be "
                        + "refreshed while it is still valid and at least 24 hours old)."
                : "Reconnect the account in Goalpost with Facebook Login to issue a new token; Facebook Login tokens "
                        + "cannot be refreshed automatically.";
        return new AdapterException.AuthExpired("Instagram no longer accepts the access token (" + problem + ", on "
                + endpoint + "). " + how);
    }

    /** The failure for a throttling signal, with the best retry time the headers allow. */
    AdapterException.RateLimited rateLimited(String reason, MetaUsage usage, String endpoint) {
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
        return new AdapterException.RateLimited("Instagram is throttling calls to " + endpoint + ": " + reason + "."
                + used + " " + when, clock.instant().plus(wait));
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
                return "too many calls to the linked Page (code 80001)";
            default:
                return "too many calls to this Instagram account (code 80002)";
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
                return "the account is checkpointed: log in to instagram.com";
            case 460:
                return "the password was changed";
            case 463:
                return "the token has expired";
            case 464:
                return "the user is not confirmed";
            case 467:
                return "the token is invalid";
            default:
                return "the token is invalid, expired or was revoked";
        }
    }

    /** Permission names Meta's message mentions, e.g. {@code instagram_manage_insights}, in order. */
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
