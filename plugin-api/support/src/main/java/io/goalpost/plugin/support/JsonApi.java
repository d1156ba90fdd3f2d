package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON API behind a bearer token, as most networks are: sends through the host's {@code HttpPort},
 * renews a refused token once when it has {@link RotatingTokens}, turns every error status into a typed
 * {@link AdapterException} (the network's own reading first, then {@link StatusErrors}), and parses
 * the body. Messages name the path only, never a query or a token.
 */
public final class JsonApi {

    /** A network's own reading of an error response, before the defaults; empty to use them. */
    @FunctionalInterface
    public interface ErrorReading {
        Optional<AdapterException> read(HttpResponse response, Json body, String path);
    }

    /** A 2xx answer: the response (for headers such as {@code Link}) and its parsed body. */
    public record Reply(HttpResponse response, Json body, URI uri) {
    }

    private final AdapterContext context;
    private final String baseUrl;
    private final Tokens tokens;
    private final StatusErrors errors;
    private final ErrorReading reading;

    private interface Tokens {
        String access();

        /** A token to retry with after {@code refused} was refused, or null when there is none. */
        String renew(String refused) throws AdapterException;
    }

    private JsonApi(AdapterContext context, String baseUrl, Tokens tokens, StatusErrors errors, ErrorReading reading) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl is null");
        this.tokens = tokens;
        this.errors = errors;
        this.reading = reading;
    }

    /** An API whose fixed token, when refused, means the user must reconnect. */
    public static JsonApi bearer(AdapterContext context, String network, String baseUrl, String token,
            Redactor redactor) {
        redactor.add(token);
        Tokens fixed = new Tokens() {
            @Override
            public String access() {
                return token;
            }

            @Override
            public String renew(String refused) {
                return null; // a fixed token: the 401 itself becomes AuthExpired, with the network's words
            }
        };
        return new JsonApi(context, baseUrl, fixed, defaults(context, network, redactor), (r, b, p) -> Optional.empty());
    }

    /** An API whose refused token is renewed once with the refresh token. */
    public static JsonApi bearer(AdapterContext context, String network, String baseUrl, RotatingTokens rotating,
            Redactor redactor) {
        Tokens t = new Tokens() {
            @Override
            public String access() {
                return rotating.access();
            }

            @Override
            public String renew(String refused) throws AdapterException {
                return rotating.renew(refused);
            }
        };
        return new JsonApi(context, baseUrl, t, defaults(context, network, redactor), (r, b, p) -> Optional.empty());
    }

    /** This API with the network's own reading of error responses tried before the defaults. */
    public JsonApi withErrorReading(ErrorReading networkReading) {
        return new JsonApi(context, baseUrl, tokens, errors, networkReading);
    }

    /** The default error reading this API falls back to. */
    public StatusErrors errors() {
        return errors;
    }

    /** GETs a path below the base URL with query parameters (null values left out). */
    public Reply get(String path, Map<String, String> query, Set<String> scopes) throws AdapterException {
        return get(Urls.build(baseUrl, path, query), scopes);
    }

    /** GETs a path and returns only the body. */
    public Json getJson(String path, Map<String, String> query) throws AdapterException {
        return get(path, query, Set.of()).body();
    }

    /** GETs an absolute URI (a next link). The host still refuses hosts the plugin may not call. */
    public Reply get(URI uri, Set<String> scopes) throws AdapterException {
        return send(HttpRequest.get(uri), scopes);
    }

    /** Sends a request with the bearer token, renewing it once when refused (HTTP 401). */
    public Reply send(HttpRequest request, Set<String> scopes) throws AdapterException {
        String token = tokens.access();
        HttpResponse first = context.http().send(authorized(request, token));
        String renewed = first.status() == 401 ? tokens.renew(token) : null;
        HttpResponse response = renewed != null ? context.http().send(authorized(request, renewed)) : first;
        String path = request.uri().getPath();
        if (!response.isSuccess()) {
            Json body = Json.lenient(response);
            Optional<AdapterException> own = reading.read(response, body, path);
            throw own.orElseGet(() -> errors.toException(response, path, scopes));
        }
        return new Reply(response, Json.parse(response), request.uri());
    }

    private static HttpRequest authorized(HttpRequest request, String token) {
        return request.withHeader("Authorization", "Bearer " + token).withHeader("Accept", "application/json");
    }

    private static StatusErrors defaults(AdapterContext context, String network, Redactor redactor) {
        return new StatusErrors(network, context.clock(), StatusErrors.DEFAULT_RATE_LIMIT_WAIT, redactor);
    }
}
