package io.goalpost.plugin.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A read-only view of a JSON value with typed accessors. Jackson does the parsing but never appears in
 * a signature, so a plugin's code depends on this library, not on a Jackson version.
 *
 * <p>Two kinds of accessor: {@code text}/{@code number}/... return empty when the field is missing,
 * null or of another type (a network that leaves a metric out: absent, never 0); {@code require*}
 * throw {@link AdapterException.BadResponse} naming the field, for values without which the response
 * is unusable.
 */
public final class Json {

    /** Refuses content after the value (a doubled or cut answer), as {@link StrictMappers} explains. */
    private static final ObjectMapper MAPPER = StrictMappers.create();

    private final JsonNode node;
    private final String where;

    private Json(JsonNode node, String where) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.where = where;
    }

    /**
     * Parses a JSON text.
     *
     * @throws AdapterException.BadResponse when it is not JSON
     */
    public static Json parse(String text) throws AdapterException.BadResponse {
        Objects.requireNonNull(text, "text is null");
        try {
            JsonNode parsed = MAPPER.readTree(text);
            return new Json(parsed, "");
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the body, which may hold a token: keep only the position.
            throw new AdapterException.BadResponse("the answer is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    /** Parses a response body; see {@link #parse(String)}. */
    public static Json parse(HttpResponse response) throws AdapterException.BadResponse {
        return parse(response.bodyText());
    }

    /** Parses a body that may not be JSON (an error page): a missing value when it is not. */
    public static Json lenient(HttpResponse response) {
        try {
            return parse(response);
        } catch (AdapterException.BadResponse e) {
            return new Json(MissingNode.getInstance(), "");
        }
    }

    /** The value at a field, or a missing value. */
    public Json get(String field) {
        return new Json(node.get(field), where.isEmpty() ? field : where + "." + field);
    }

    /** The value at a dotted path such as {@code data.public_metrics.like_count}, or a missing value. */
    public Json at(String dottedPath) {
        Json current = this;
        for (String part : dottedPath.split("\\.")) {
            current = current.get(part);
        }
        return current;
    }

    /** True when there is no value here (missing field or JSON null). */
    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    /** True for a JSON object. */
    public boolean isObject() {
        return node.isObject();
    }

    /** True for a JSON array. */
    public boolean isArray() {
        return node.isArray();
    }

    /** The text at a field; numbers are given as their text. Empty when missing or not a scalar. */
    public Optional<String> text(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** The text at a field, which must be there. */
    public String requireText(String field) throws AdapterException.BadResponse {
        return text(field).filter(s -> !s.isEmpty()).orElseThrow(() -> missing(field, "a text"));
    }

    /**
     * The number at a field. A number given as text ({@code "42"}) counts: several networks quote
     * their counts. Empty when missing, null or not a number.
     */
    public OptionalDouble number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (v.isNumber()) {
            return OptionalDouble.of(v.doubleValue());
        }
        if (v.isTextual()) {
            try {
                double d = Double.parseDouble(v.textValue().trim());
                return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** The number at a field, which must be there. */
    public double requireNumber(String field) throws AdapterException.BadResponse {
        OptionalDouble n = number(field);
        if (n.isEmpty()) {
            throw missing(field, "a number");
        }
        return n.getAsDouble();
    }

    /** The boolean at a field; empty when missing or not a boolean. */
    public Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
    }

    /** An ISO-8601 instant with offset ({@code 2026-03-02T10:00:00Z}, {@code ...+0000} too) at a field. */
    public Optional<Instant> instant(String field) throws AdapterException.BadResponse {
        Optional<String> t = text(field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String s = t.get();
        // Meta writes +0000 where ISO-8601 wants +00:00.
        if (s.matches(".*[+-]\\d{4}$")) {
            s = s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2);
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            throw new AdapterException.BadResponse("field " + path(field) + " is not a date and time: " + t.get());
        }
    }

    /** An ISO date ({@code 2026-03-02}, or the date part of a date-time) at a field. */
    public Optional<LocalDate> date(String field) throws AdapterException.BadResponse {
        Optional<String> t = text(field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String s = t.get();
        try {
            return Optional.of(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            throw new AdapterException.BadResponse("field " + path(field) + " is not a date: " + s);
        }
    }

    /** The elements of the array at a field; empty when missing, null or not an array. */
    public List<Json> array(String field) {
        return get(field).elements();
    }

    /** The elements of the array at a field, which must be there (an empty array is fine). */
    public List<Json> requireArray(String field) throws AdapterException.BadResponse {
        Json a = get(field);
        if (!a.isArray()) {
            throw missing(field, "an array");
        }
        return a.elements();
    }

    /** The elements when this is an array, else an empty list. */
    public List<Json> elements() {
        if (!node.isArray()) {
            return List.of();
        }
        List<Json> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new Json(node.get(i), where + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    /** The field names when this is an object, in document order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return List.copyOf(names);
    }

    /** This value as text when it is a scalar. */
    public Optional<String> asText() {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** This value as a number when it is one (or numeric text). */
    public OptionalDouble asNumber() {
        if (node.isNumber()) {
            return OptionalDouble.of(node.doubleValue());
        }
        return node.isTextual() ? wrapSelf().number("v") : OptionalDouble.empty();
    }

    private Json wrapSelf() {
        return new Json(MAPPER.createObjectNode().set("v", node), where);
    }

    private AdapterException.BadResponse missing(String field, String what) {
        return new AdapterException.BadResponse("the answer lacks " + what + " at " + path(field));
    }

    private String path(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    /** Compact JSON text of this value (for tests and notes; may contain what the network sent). */
    @Override
    public String toString() {
        return node.toString();
    }
}
