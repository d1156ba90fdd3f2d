package io.goalpost.platform.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** An optional positive whole-number query parameter; {@code fallback} when absent; 400 naming it otherwise. */
    public static long positiveParam(RoutingContext ctx, String name, long fallback) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("query parameter '" + name + "' must be a positive whole number, got '"
                + Inputs.shown(raw) + "'", Map.of(name, "must be a positive whole number"));
    }

    /** A required date query parameter: YYYY-MM-DD between 2000-01-01 and 2100-12-31 ({@link Inputs#date}). */
    public static LocalDate dateParam(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            throw ApiError.badRequest("query parameter '" + name + "' is required (YYYY-MM-DD)",
                    Map.of(name, "is required (YYYY-MM-DD)"));
        }
        return parseDate(name, raw);
    }

    /** An optional date query parameter, or the fallback. */
    public static LocalDate dateParam(RoutingContext ctx, String name, LocalDate fallback) {
        String raw = ctx.queryParams().get(name);
        return raw == null || raw.isBlank() ? fallback : parseDate(name, raw);
    }

    /**
     * A comma-separated list query parameter of ids (empty when absent); each item single-line and at
     * most {@link Inputs#ID_MAX} characters, else a 400 naming the parameter.
     */
    public static List<String> listParam(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : raw.split(",")) {
            String s = textParam(name, item, Inputs.ID_MAX);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * An optional single-line query parameter (e.g. a metric id), trimmed; null when absent or blank;
     * a 400 naming it when it has a control character or more than {@code maxLength} characters.
     */
    public static String textParam(RoutingContext ctx, String name, int maxLength) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return textParam(name, raw, maxLength);
    }

    private static String textParam(String name, String raw, int maxLength) {
        try {
            return Inputs.line(raw, maxLength).trim();
        } catch (Inputs.Invalid e) {
            throw ApiError.badRequest("query parameter '" + name + "' " + e.problem(), Map.of(name, e.problem()));
        }
    }

    /** Parses a date ({@link Inputs#date}) or throws a 400 naming the field. */
    public static LocalDate parseDate(String name, String raw) {
        try {
            return Inputs.date(raw);
        } catch (Inputs.Invalid e) {
            throw ApiError.badRequest("'" + name + "' " + e.problem(), Map.of(name, e.problem()));
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
