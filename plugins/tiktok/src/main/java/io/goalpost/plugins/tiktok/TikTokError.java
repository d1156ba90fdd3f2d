package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.api.AdapterException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * One failed TikTok call, as TikTok signalled it: the HTTP status and, when the body was TikTok's
 * envelope {@code {"code","message","request_id","data"}}, its non-zero {@code code}. TikTok sends most
 * errors with HTTP 200, so the code decides first and the status only when there is no code.
 *
 * @param httpStatus the HTTP status
 * @param code TikTok's error code, or null when the body was not TikTok's envelope
 * @param message TikTok's message, already redacted, or empty
 * @param retryAfter a {@code Retry-After} delay the response carried, or null
 */
record TikTokError(int httpStatus, Integer code, String message, Duration retryAfter) {

    /** Throttled: QPS, QPM or QPD limit reached. */
    static final int RATE_LIMITED = 40100;
    /** "No permission to operate tiktok creator id": scope missing or analytics not enabled. */
    static final int NO_PERMISSION = 40001;
    /** Invalid app id and secret. */
    static final int INVALID_APP_CREDENTIALS = 40101;
    /** Access or refresh token expired (TikTok's meaning of 40102/40104/40105 is not fully documented). */
    static final int TOKEN_EXPIRED = 40102;
    /** Access or refresh token empty. */
    static final int TOKEN_EMPTY = 40104;
    /** Access or refresh token invalid or revoked. */
    static final int TOKEN_INVALID = 40105;
    /** Authorization code invalid or expired. */
    static final int AUTH_CODE_INVALID = 40110;

    /**
     * How long to wait after a throttle. TikTok sends no reset header; its limits are per minute (40
     * calls per minute per account and endpoint), so one full minute always clears the window.
     */
    static final Duration THROTTLE_WAIT = Duration.ofSeconds(60);

    private static final Set<Integer> TOKEN_CODES = Set.of(TOKEN_EXPIRED, TOKEN_EMPTY, TOKEN_INVALID);

    TikTokError {
        message = message == null ? "" : message;
    }

    /** True when the access token was refused, so a refresh may help. */
    boolean tokenRejected() {
        return code != null ? TOKEN_CODES.contains(code) : httpStatus == 401;
    }

    /** True for throttling, by code or by HTTP 429. */
    boolean rateLimited() {
        return code != null ? code == RATE_LIMITED : httpStatus == 429;
    }

    /** True for TikTok's system errors and server-side HTTP failures: retrying later may work. */
    boolean transientFailure() {
        return code != null ? code >= 50000 && code < 60000 : httpStatus >= 500 || httpStatus == 408;
    }

    /**
     * The typed error for a call to {@code endpoint} (a path, never a URL with query).
     *
     * @param now the current instant, for the retry time of a throttle
     */
    AdapterException toException(String endpoint, Instant now) {
        String detail = detail();
        if (rateLimited()) {
            // A throttle, not a failed connection. The message says when TikTok accepts calls again only
            // when TikTok said so, and promises no retry: when to try again is the host's decision.
            boolean announced = retryAfter != null && !retryAfter.isNegative();
            Duration wait = announced ? retryAfter : THROTTLE_WAIT;
            return new AdapterException.RateLimited("TikTok is throttling calls to " + endpoint + detail
                    + ": its limits count calls per minute, " + (announced
                            ? "and TikTok asked to wait " + retryAfter.toSeconds() + " seconds."
                            : "and TikTok did not say when it accepts calls again."), now.plus(wait));
        }
        if (transientFailure()) {
            return new AdapterException.TransientFailure("TikTok had a temporary failure on " + endpoint + detail);
        }
        if (tokenRejected() || (code != null && code == AUTH_CODE_INVALID)) {
            return new AdapterException.AuthExpired("TikTok no longer accepts the access token for " + endpoint + detail
                    + ". Reconnect the TikTok account in Goalpost (add a refresh token, App ID and App secret so "
                    + "Goalpost can renew the daily token by itself).");
        }
        if (code != null) {
            return fromCode(endpoint, detail);
        }
        return fromStatus(endpoint);
    }

    private AdapterException fromCode(String endpoint, String detail) {
        if (code == NO_PERMISSION) {
            return new AdapterException.PermissionMissing("TikTok refused " + endpoint + detail
                    + ". Grant the app the scopes " + String.join(", ", new TreeSet<>(scopesFor(endpoint)))
                    + " and make sure TikTok Analytics is turned on in the TikTok app.", scopesFor(endpoint));
        }
        if (code == INVALID_APP_CREDENTIALS) {
            return new AdapterException.ConfigInvalid("TikTok rejected the App ID and App secret" + detail
                    + ". Copy both again from your app in the TikTok API for Business developer portal.");
        }
        if (code >= 40000 && code < 50000) {
            return new AdapterException.ConfigInvalid("TikTok refused the request to " + endpoint + detail
                    + ". Check the Business ID (open_id) of the account.");
        }
        return new AdapterException.BadResponse("TikTok answered " + endpoint + " with an unknown error" + detail);
    }

    private AdapterException fromStatus(String endpoint) {
        if (httpStatus == 403) {
            return new AdapterException.PermissionMissing("TikTok refused " + endpoint + " (HTTP 403). Grant the app "
                    + "the scopes " + String.join(", ", new TreeSet<>(scopesFor(endpoint))) + ".", scopesFor(endpoint));
        }
        if (httpStatus == 404 || httpStatus == 405) {
            return new AdapterException.ConfigInvalid("TikTok has no endpoint " + endpoint + " (HTTP " + httpStatus
                    + "). Check the API base URL; it must end with /open_api/v1.3.");
        }
        return new AdapterException.BadResponse("TikTok answered " + endpoint + " with HTTP " + httpStatus
                + " and no TikTok error code");
    }

    private String detail() {
        StringBuilder b = new StringBuilder(" (");
        if (code != null) {
            b.append("code ").append(code);
        } else {
            b.append("HTTP ").append(httpStatus);
        }
        if (!message.isEmpty()) {
            b.append(": ").append(message);
        }
        return b.append(')').toString();
    }

    /** The scopes an endpoint needs, named in permission errors. */
    static Set<String> scopesFor(String endpoint) {
        if (endpoint.contains("/video/")) {
            return Set.of("video.list", "video.insights");
        }
        return Set.of("user.info.basic", "user.insights");
    }
}
