package io.goalpost.platform.goals;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Inputs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads fields of a JSON body, collecting one problem per field for a 400 whose details name them.
 * The rules for text, dates and numbers are those of {@link Inputs}.
 */
public final class Fields {

    private final JsonObject body;
    private final String prefix;
    private final Map<String, String> problems;

    public Fields(JsonObject body, String prefix, Map<String, String> problems) {
        this.body = body == null ? new JsonObject() : body;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** A fresh reader with its own problem map. */
    public static Fields of(JsonObject body) {
        return new Fields(body, "", new LinkedHashMap<>());
    }

    /** The problems found so far (field → message). */
    public Map<String, String> problems() {
        return problems;
    }

    /** Records a problem for a field (keeps the first per field). */
    public void problem(String field, String message) {
        problems.putIfAbsent(prefix + field, message);
    }

    /** Throws a 400 naming every problem, if any. */
    public void throwIfAny(String what) {
        throwIfAny(what, problems);
    }

    /** Throws a 400 naming every problem, if any. */
    public static void throwIfAny(String what, Map<String, String> problems) {
        if (!problems.isEmpty()) {
            List<String> parts = new ArrayList<>();
            problems.forEach((k, v) -> parts.add(k + " " + v));
            throw ApiError.badRequest(what + " is not valid: " + String.join("; ", parts), new LinkedHashMap<>(problems));
        }
    }

    /**
     * A single-line string (no control character, line breaks included; {@link Inputs#line}): null when
     * absent (and a problem when required); trimmed; at most maxLength characters.
     */
    public String string(String field, boolean required, int maxLength) {
        return string(field, required, maxLength, false);
    }

    /**
     * A free text: like {@link #string} but line breaks and tabs are allowed ({@link Inputs#text}).
     */
    public String text(String field, boolean required, int maxLength) {
        return string(field, required, maxLength, true);
    }

    private String string(String field, boolean required, int maxLength, boolean multiLine) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problem(field, "must be a string");
            return null;
        }
        String t = s.strip();
        if (t.isEmpty()) {
            if (required) {
                problem(field, "must not be empty");
            }
            return null;
        }
        try {
            return multiLine ? Inputs.strippedText(s, maxLength) : Inputs.strippedLine(s, maxLength);
        } catch (Inputs.Invalid e) {
            problem(field, e.problem());
            return null;
        }
    }

    /** A date YYYY-MM-DD between 2000-01-01 and 2100-12-31 ({@link Inputs#date}). */
    public LocalDate date(String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                problem(field, "is required (YYYY-MM-DD)");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problem(field, "must be a date string YYYY-MM-DD");
            return null;
        }
        try {
            return Inputs.date(s);
        } catch (Inputs.Invalid e) {
            problem(field, e.problem());
            return null;
        }
    }

    /** A finite number of at most 10^15 in magnitude ({@link Inputs#number}). */
    public Double number(String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!(v instanceof Number n)) {
            problem(field, "must be a number");
            return null;
        }
        try {
            return Inputs.number(n, true);
        } catch (Inputs.Invalid e) {
            problem(field, e.problem());
            return null;
        }
    }

    /** A whole number between lo and hi. */
    public Integer integer(String field, boolean required, int lo, int hi) {
        Double d = number(field, required);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || d < lo || d > hi) {
            problem(field, "must be a whole number from " + lo + " to " + hi);
            return null;
        }
        return d.intValue();
    }

    /** A nested object (empty when absent and optional). */
    public JsonObject object(String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            problem(field, "must be an object");
            return null;
        }
        return o;
    }

    /** A nested array. */
    public JsonArray array(String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            problem(field, "must be an array");
            return null;
        }
        return a;
    }

    /** A reader for a nested object, reporting under "field." names. */
    public Fields nested(JsonObject o, String field) {
        return new Fields(o, prefix + field + ".", problems);
    }
}
