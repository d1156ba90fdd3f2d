package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads LinkedIn responses: parses JSON bodies and turns every failure signal documented in
 * LinkedIn's rate-limit and error pages (see the plugin README, "Errors") into a typed
 * {@link AdapterException} with a plain-language message that names the resource path only.
 */
final class LinkedInErrors {

    /** {@code serviceErrorCode} of an invalid or expired access token. */
    static final int INVALID_TOKEN = 65600;
    /** {@code serviceErrorCode} of a token the member revoked. */
    static final int REVOKED_TOKEN = 65601;

    /** How long to back off after a 429 that does not say the daily limit is reached. */
    static final java.time.Duration THROTTLE_BACKOFF = java.time.Duration.ofMinutes(5);

    private static final Set<String> TOKEN_CODES =
            Set.of("INVALID_ACCESS_TOKEN", "EXPIRED_ACCESS_TOKEN", "REVOKED_ACCESS_TOKEN");

    private final ObjectMapper mapper;
    private final Clock clock;
    private final String apiVersion;
    private final Supplier<Collection<String>> secrets;

    LinkedInErrors(ObjectMapper mapper, Clock clock, String apiVersion, Supplier<Collection<String>> secrets) {
        this.mapper = mapper;
        this.clock = clock;
        this.apiVersion = apiVersion;
        this.secrets = secrets;
    }

    /** LinkedIn's error envelope {@code {"status","serviceErrorCode","code","message"}}, all parts optional. */
    record ErrorBody(int status, int serviceErrorCode, String code, String message) {
        ErrorBody {
            code = code == null ? "" : code;
            message = message == null ? "" : message;
        }
    }

    /** The body of a successful response as JSON; every other response as its typed error. */
    JsonNode read(Endpoint endpoint, HttpResponse response) throws AdapterException {
        if (!response.isSuccess()) {
            throw translate(endpoint, response.status(), errorBody(response));
        }
        JsonNode body = parse(endpoint, response.bodyText());
        // Not documented for LinkedIn, but cheap to honour: an error envelope inside a 2xx is an error.
        if (body.path("status").isInt() && body.path("status").asInt() >= 400 && !body.has("elements")) {
            ErrorBody inner = errorBody(body, body.path("status").asInt());
            throw translate(endpoint, inner.status(), inner);
        }
        return body;
    }

    /** Parses JSON; malformed or truncated text, or an empty body, is a {@link AdapterException.BadResponse}. */
    JsonNode parse(Endpoint endpoint, String text) throws AdapterException {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode() || !node.isObject()) {
                throw new AdapterException.BadResponse("LinkedIn answered " + endpoint.path()
                        + " with something that is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            // The parser's message quotes the body; it stays out of ours.
            throw new AdapterException.BadResponse("LinkedIn answered " + endpoint.path()
                    + " with malformed or truncated JSON");
        }
    }

    /** True for the 401 signals that a fresh access token may cure (65600, 65601 and their codes). */
    boolean isTokenError(HttpResponse response) {
        if (response.status() != 401) {
            return false;
        }
        ErrorBody body = errorBody(response);
        return body.serviceErrorCode() == INVALID_TOKEN || body.serviceErrorCode() == REVOKED_TOKEN
                || TOKEN_CODES.contains(body.code());
    }

    ErrorBody errorBody(HttpResponse response) {
        try {
            JsonNode node = mapper.readTree(response.bodyText());
            return node != null && node.isObject() ? errorBody(node, response.status())
                    : new ErrorBody(response.status(), 0, "", "");
        } catch (JacksonException e) {
            return new ErrorBody(response.status(), 0, "", "");
        }
    }

    private static ErrorBody errorBody(JsonNode node, int status) {
        return new ErrorBody(status, node.path("serviceErrorCode").asInt(0), node.path("code").asText(""),
                node.path("message").asText(""));
    }

    AdapterException translate(Endpoint endpoint, int status, ErrorBody body) {
        String said = said(body);
        String where = "LinkedIn " + endpoint.path();
        switch (status) {
            case 400:
                if (body.message().toLowerCase(Locale.ROOT).contains("timeintervals")) {
                    // The adapter keeps to the 12-month / 2-day rule; a refusal means LinkedIn's clock
                    // and ours disagree near midnight, which passes.
                    return new AdapterException.TransientFailure(where + " refused the date window (daily "
                            + "statistics cover the last 12 months up to 2 days ago)" + said
                            + "; if this persists, check the server clock");
                }
                return new AdapterException.ConfigInvalid(where + " rejected the request" + said
                        + "; check the organization id");
            case 401:
                return new AdapterException.AuthExpired(authMessage(body) + " Reconnect the LinkedIn account"
                        + " to get a new token.");
            case 403:
                return new AdapterException.PermissionMissing(where + ": access to " + endpoint.description()
                        + " was denied" + said + ". It needs " + endpoint.roleHint()
                        + "; reconnect with a page administrator who grants it.", endpoint.scopes());
            case 404:
                return new AdapterException.ConfigInvalid(where + " does not know this organization" + said
                        + "; check the organization id");
            case 426:
                return new AdapterException.ConfigInvalid("LinkedIn no longer accepts API version " + apiVersion
                        + " (LinkedIn-Version header)" + said + ". Update the 'LinkedIn API version' setting to a"
                        + " current month (YYYYMM) from LinkedIn's API versioning page.");
            case 429:
                return throttled(where, body, said);
            default:
                if (status >= 500 || status == 408) {
                    return new AdapterException.TransientFailure(where + " failed with HTTP " + status + said
                            + "; retry later");
                }
                return new AdapterException.BadResponse(where + " answered with unexpected HTTP " + status + said);
        }
    }

    /**
     * HTTP 429. LinkedIn counts calls per app and per member over the day and resets the counts at
     * midnight UTC, but it also answers 429 to protect its infrastructure, and sends no header saying
     * which or for how long. Only an answer that says a throttle limit is reached (LinkedIn's words
     * for the daily limit, e.g. "Resource level throttle limit for calls to this resource is reached.")
     * waits for midnight UTC; any other 429 backs off {@link #THROTTLE_BACKOFF}.
     */
    private AdapterException.RateLimited throttled(String where, ErrorBody body, String said) {
        if (isDailyLimit(body)) {
            Instant reset = nextMidnightUtc();
            return new AdapterException.RateLimited(where + ": LinkedIn says the daily request limit is reached"
                    + said + ". LinkedIn resets it at midnight UTC (" + reset + "); Goalpost will try again then.",
                    reset);
        }
        return new AdapterException.RateLimited(where + ": LinkedIn is throttling calls (HTTP 429)" + said
                + ". Goalpost will try again in a few minutes.", clock.instant().plus(THROTTLE_BACKOFF));
    }

    /** True when a 429's body says a throttle limit (LinkedIn's per-day app or member limit) is reached. */
    static boolean isDailyLimit(ErrorBody body) {
        String message = body.message().toLowerCase(Locale.ROOT);
        return message.contains("throttle limit") || message.contains("daily limit") || message.contains("day limit")
                || (message.contains("quota") && (message.contains("reached") || message.contains("exceeded")));
    }

    private String authMessage(ErrorBody body) {
        if (body.serviceErrorCode() == REVOKED_TOKEN || "REVOKED_ACCESS_TOKEN".equals(body.code())) {
            return "The LinkedIn member revoked this app's access (code " + REVOKED_TOKEN + ").";
        }
        if (body.serviceErrorCode() == INVALID_TOKEN || TOKEN_CODES.contains(body.code())) {
            return "LinkedIn rejected the access token as invalid or expired (code " + INVALID_TOKEN
                    + "; access tokens last 60 days).";
        }
        return "LinkedIn rejected the access token" + said(body) + ".";
    }

    /** LinkedIn's own words, scrubbed of anything secret, or nothing. */
    private String said(ErrorBody body) {
        String code = body.code().isEmpty() ? "" : body.code();
        String message = Redaction.scrub(body.message(), secrets.get());
        if (code.isEmpty() && message.isEmpty()) {
            return "";
        }
        return " (" + (code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message) + ")";
    }

    /** LinkedIn's daily limits reset at midnight UTC and it sends no header saying when. */
    Instant nextMidnightUtc() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
