package io.goalpost.plugins.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Translates X API v2 answers into typed {@link AdapterException}s, following X's API v2 docs on rate
 * limits and error responses (the full table is in the plugin README, "Errors").
 *
 * <p>X speaks problem details ({@code title}, {@code detail}, {@code type}, {@code status}); a 429
 * is ambiguous (a 15-minute rate limit, or the terminal monthly usage cap told apart by its
 * {@code type}); 402 means the pay-per-use credits are gone; partial {@code errors[]} may ride
 * inside a 200 next to {@code data}. Messages name the endpoint path only, never the query (it is
 * harmless here, but the rule is simple), and are scrubbed of every configured secret.
 */
final class XErrors {

    /** The OAuth 2.0 scopes the plugin needs (README). */
    static final Set<String> REQUIRED_SCOPES = Set.of("tweet.read", "users.read", "offline.access");

    /** X's rate-limit window; the fallback wait when a 429 carries no reset header. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(15);

    private static final int MAX_DETAIL = 200;

    private final ObjectMapper mapper;
    // Grows when a refresh brings new tokens, so they are scrubbed too.
    private final Set<String> secrets = new java.util.concurrent.CopyOnWriteArraySet<>();

    XErrors(ObjectMapper mapper, Set<String> secrets) {
        this.mapper = mapper;
        this.secrets.addAll(secrets);
    }

    /** Adds a credential obtained later (a refreshed token) to those scrubbed from messages. */
    void addSecret(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /**
     * Returns the JSON body of a successful answer, or throws the typed error an unsuccessful one
     * stands for. A 401 is not expected here: the caller has already tried to refresh.
     *
     * @param endpoint method and path for messages, e.g. {@code GET /2/users/me}
     */
    JsonNode bodyOrThrow(String endpoint, HttpResponse response, Instant now) throws AdapterException {
        int status = response.status();
        if (response.isSuccess()) {
            JsonNode body = parse(endpoint, response);
            if (!body.isObject()) {
                throw new AdapterException.BadResponse("X answered " + endpoint + " with JSON that is not an object");
            }
            throwIfOnlyErrors(endpoint, body);
            return body;
        }
        JsonNode problem = parseQuietly(response);
        String type = text(problem, "type");
        String detail = detail(problem);
        if (status == 401) {
            throw authExpired(endpoint);
        }
        if (status == 402) {
            throw new AdapterException.QuotaExhausted("The X developer app has no API credits left (pay-per-use;"
                    + " X answered 402 for " + endpoint + "). Buy credits in the X developer console; syncing"
                    + " can resume after that.", null);
        }
        if (status == 429) {
            if (type.contains("usage-capped")) {
                String period = text(problem, "period");
                throw new AdapterException.QuotaExhausted("The X project has used up its "
                        + (period.isEmpty() ? "" : period.toLowerCase(java.util.Locale.ROOT) + " ")
                        + "usage cap (" + scrub(detail) + "). X serves no more reads until the cap resets with"
                        + " the project's billing period or the plan is raised; resume syncing after that.", null);
            }
            throw rateLimited("X is rate-limiting calls to " + endpoint, response, now);
        }
        if (status == 403) {
            throw forbidden(endpoint, type, problem, detail);
        }
        if (status == 400) {
            throw invalidRequest(endpoint, problem, detail);
        }
        if (status == 404) {
            throw new AdapterException.ConfigInvalid("X has no resource at " + endpoint
                    + "; check the API base URL and the user id of this account.");
        }
        if (status >= 500) {
            throw new AdapterException.TransientFailure("X answered " + status + " for " + endpoint
                    + " (a temporary problem on X's side).");
        }
        throw new AdapterException.BadResponse("X answered " + status + " for " + endpoint
                + (detail.isEmpty() ? "" : ": " + scrub(detail)));
    }

    /** The typed error for a token X still rejects after any refresh attempt. */
    static AdapterException.AuthExpired authExpired(String endpoint) {
        return new AdapterException.AuthExpired("X rejected the access token for " + endpoint
                + " (it expired or was revoked) and it could not be renewed; reconnect the X account.");
    }

    /**
     * When to retry after a 429: X's {@code x-rate-limit-reset} (unix seconds) when it lies in the
     * near future, else one window from now (X sends no Retry-After).
     */
    static Instant retryAt(HttpResponse response, Instant now) {
        return announcedReset(response, now).orElse(now.plus(RATE_WINDOW));
    }

    /** The reset time X announced in {@code x-rate-limit-reset}, when it is plausible (within a day). */
    static java.util.Optional<Instant> announcedReset(HttpResponse response, Instant now) {
        String reset = response.header("x-rate-limit-reset");
        if (reset != null) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
                if (at.isAfter(now) && at.isBefore(now.plus(Duration.ofDays(1)))) {
                    return java.util.Optional.of(at);
                }
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // not announced
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A throttle, not a failure of the connection: {@link AdapterException.RateLimited} at X's announced
     * reset. The message says when X accepts calls again only when X said so, and promises no retry:
     * whether and when Goalpost tries again is the host's decision.
     *
     * @param what what was throttled, e.g. {@code X is rate-limiting calls to GET /2/users/me}
     */
    static AdapterException.RateLimited rateLimited(String what, HttpResponse response, Instant now) {
        java.util.Optional<Instant> announced = announcedReset(response, now);
        String when = announced.map(at -> "; X says its 15-minute window resets at " + at + ".")
                .orElse("; X did not say when its 15-minute window resets.");
        return new AdapterException.RateLimited(what + when, retryAt(response, now));
    }

    private AdapterException forbidden(String endpoint, String type, JsonNode problem, String detail) {
        if (type.contains("client-forbidden")) {
            String reason = text(problem, "reason");
            return new AdapterException.PermissionMissing("The X developer app may not call " + endpoint
                    + (reason.isEmpty() ? "" : " (" + reason + ")") + ": attach the app to a Project with API"
                    + " access in the X developer console.", Set.of());
        }
        if (type.contains("unsupported-authentication")) {
            return new AdapterException.PermissionMissing("The configured token is an app-only token; " + endpoint
                    + " needs an OAuth 2.0 user token of the account with scopes tweet.read, users.read and"
                    + " offline.access. Reconnect the X account.", REQUIRED_SCOPES);
        }
        return new AdapterException.PermissionMissing("X refused " + endpoint
                + (detail.isEmpty() ? "" : " (" + scrub(detail) + ")")
                + ". The token needs the scopes tweet.read, users.read and offline.access; reconnect the X"
                + " account and grant them.", REQUIRED_SCOPES);
    }

    private AdapterException invalidRequest(String endpoint, JsonNode problem, String detail) {
        for (JsonNode error : problem.path("errors")) {
            JsonNode parameters = error.path("parameters");
            if (parameters.has("pagination_token")) {
                return new AdapterException.CursorInvalid("X no longer accepts the saved page position for "
                        + endpoint + "; the range restarts");
            }
            if (parameters.has("id")) {
                return new AdapterException.ConfigInvalid("X says the configured user id is not valid ("
                        + scrub(text(error, "message")) + "); use the numeric id of the X account or leave"
                        + " it empty.");
            }
        }
        String first = problem.path("errors").path(0).path("message").asText("");
        return new AdapterException.BadResponse("X rejected the request to " + endpoint + ": "
                + scrub(first.isEmpty() ? detail : first));
    }

    /** A 200 that carries {@code errors[]} and no {@code data} failed as a whole. */
    private void throwIfOnlyErrors(String endpoint, JsonNode body) throws AdapterException {
        JsonNode errors = body.path("errors");
        if (body.has("data") || !errors.isArray() || errors.isEmpty()) {
            return;
        }
        JsonNode first = errors.get(0);
        String type = text(first, "type");
        String detail = scrub(first.path("detail").asText(first.path("message").asText("")));
        if (type.contains("resource-not-found")) {
            throw new AdapterException.ConfigInvalid("X found no such account for " + endpoint + " (" + detail
                    + "); check the user id of this account.");
        }
        if (type.contains("not-authorized")) {
            throw new AdapterException.PermissionMissing("X does not let this token read " + endpoint + " ("
                    + detail + "); connect the token of the account itself.", REQUIRED_SCOPES);
        }
        throw new AdapterException.BadResponse("X answered " + endpoint + " with an error instead of data: "
                + detail);
    }

    /**
     * Partial errors inside a 200 that also has data, as plain words for a batch note; the data is
     * kept. Empty when there are none.
     */
    java.util.Optional<String> partialErrorNote(String endpoint, JsonNode body) {
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty() || !body.has("data")) {
            return java.util.Optional.empty();
        }
        String title = errors.get(0).path("title").asText("error");
        return java.util.Optional.of("X reported " + errors.size() + " partial error(s) for " + endpoint
                + " (first: " + scrub(title) + "); the data it did return was kept, and fields it left out"
                + " are not reported.");
    }

    JsonNode parse(String endpoint, HttpResponse response) throws AdapterException.BadResponse {
        try {
            JsonNode node = mapper.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw new AdapterException.BadResponse("X answered " + endpoint + " with an empty body");
            }
            return node;
        } catch (IOException e) {
            // Jackson's message quotes the body; keep it out of the user-facing text and the cause.
            throw new AdapterException.BadResponse("X answered " + endpoint
                    + " with JSON that cannot be read (malformed or cut off)");
        }
    }

    private JsonNode parseQuietly(HttpResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null ? mapper.missingNode() : node;
        } catch (IOException e) {
            return mapper.missingNode();
        }
    }

    private static String detail(JsonNode problem) {
        String detail = text(problem, "detail");
        return detail.isEmpty() ? text(problem, "title") : detail;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText("") : "";
    }

    /** Shortens text from X and removes any configured secret from it. */
    String scrub(String text) {
        String out = text == null ? "" : text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "******");
            }
        }
        return out.length() > MAX_DETAIL ? out.substring(0, MAX_DETAIL) + "…" : out;
    }
}
