package io.goalpost.platform.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Reading request input with clear 400s. */
public final class Requests {

    private Requests() {
    }

    /** The body as a JSON object; 400 when it is missing, malformed or not an object. */
    public static JsonObject jsonBody(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("request body is empty: a JSON object is expected");
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            throw ApiError.badRequest("malformed JSON in request body: " + firstLine(e.getMessage()));
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiError.badRequest("request body must be a JSON object");
        }
        return object;
    }

    /** A path parameter that must be a positive whole number (an id). */
    public static long idParam(RoutingContext ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(404, name + " '" + raw + "' not found", null);
    }

    /** A required date query parameter in ISO form. */
    public static LocalDate dateParam(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            throw ApiError.badRequest("query parameter '" + name + "' is required (YYYY-MM-DD)");
        }
        return parseDate(name, raw);
    }

    /** An optional date query parameter, or the fallback. */
    public static LocalDate dateParam(RoutingContext ctx, String name, LocalDate fallback) {
        String raw = ctx.queryParams().get(name);
        return raw == null || raw.isBlank() ? fallback : parseDate(name, raw);
    }

    /** A comma-separated list query parameter (empty when absent). */
    public static List<String> listParam(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses a date or throws a 400 naming the field. */
    public static LocalDate parseDate(String name, String raw) {
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + name + "' must be a date in the form YYYY-MM-DD, got '" + raw + "'");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
