package io.goalpost.platform.imports;

import io.goalpost.platform.api.Inputs;
import io.goalpost.plugin.api.CanonicalMetric;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks imported rows one by one: a date YYYY-MM-DD from 2000-01-01 and not after today, a canonical
 * metric id or one in the account's own namespace ({@code manual.response_time}), a value from 0 to
 * 10^15 (in CSV a plain decimal: no exponent, sign, hexadecimal or suffix letters), and no second row
 * for the same day and metric in one import. The rules for dates, text and numbers are those of
 * {@link Inputs}.
 */
public final class PointValidator {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final String network;
    private final LocalDate today;
    /** First row of each (metric, day): keyed by the metric's number in {@link #metrics} and the epoch day, not by text. */
    private final Map<Long, String> seen = new HashMap<>();
    private final Map<String, Integer> metrics = new HashMap<>();

    /**
     * @param network the account's network (its namespace for custom metric ids)
     * @param today the latest day a point may have
     */
    public PointValidator(String network, LocalDate today) {
        this.network = network;
        this.today = today;
    }

    /** The outcome for one row. */
    public sealed interface Result permits Ok, Bad {
    }

    /** A valid row. */
    public record Ok(PointRow row) implements Result {
    }

    /** A rejected row. */
    public record Bad(String reason) implements Result {
    }

    /**
     * Checks a row whose fields arrive as text (CSV) or JSON values.
     *
     * @param where how to name this row in a duplicate message ("line 4", "index 2")
     */
    public Result check(Object dayRaw, Object metricRaw, Object valueRaw, String where) {
        if (dayRaw == null || dayRaw.toString().isBlank()) {
            return new Bad("day is missing");
        }
        LocalDate day;
        try {
            day = Inputs.date(dayRaw.toString());
        } catch (Inputs.Invalid e) {
            return new Bad("day " + e.problem());
        }
        if (day.isAfter(today)) {
            return new Bad("day " + day + " is in the future (today is " + today + ")");
        }
        if (metricRaw == null || metricRaw.toString().isBlank()) {
            return new Bad("metric is missing");
        }
        String metric;
        try {
            metric = Inputs.line(metricRaw.toString(), Inputs.ID_MAX).strip();
        } catch (Inputs.Invalid e) {
            return new Bad("metric " + e.problem());
        }
        String problem = metricProblem(metric);
        if (problem != null) {
            return new Bad(problem);
        }
        if (valueRaw == null || valueRaw.toString().isBlank()) {
            return new Bad("value is missing");
        }
        double value;
        try {
            if (valueRaw instanceof Number n) {
                value = Inputs.number(n, false);
            } else if (valueRaw instanceof String s) {
                value = Inputs.decimal(s, false);
            } else {
                return new Bad("value must be a number");
            }
        } catch (Inputs.Invalid e) {
            return new Bad("value " + e.problem());
        }
        long key = ((long) metrics.computeIfAbsent(metric, m -> metrics.size()) << 32) | (day.toEpochDay() & 0xffffffffL);
        String first = seen.putIfAbsent(key, where);
        if (first != null) {
            return new Bad("duplicate of " + first + " (same day and metric)");
        }
        return new Ok(new PointRow(day, metric, value));
    }

    private String metricProblem(String metric) {
        if (CanonicalMetric.byId(metric).isPresent()) {
            return null;
        }
        int dot = metric.indexOf('.');
        if (dot > 0) {
            String ns = metric.substring(0, dot);
            String name = metric.substring(dot + 1);
            if (!ns.equals(network)) {
                return "metric '" + metric + "' is in namespace '" + ns + "', but this account's is '" + network + "'";
            }
            if (!NAME.matcher(name).matches()) {
                return "metric '" + metric + "': the name after '" + ns + ".' must be lower case letters, digits and _";
            }
            return null;
        }
        return "unknown metric '" + metric + "': use a canonical id (web_sessions, conversions, leads, bounces, ad_spend, "
                + "csat_satisfied, csat_responses, competitor_mentions, followers, …) or " + network + ".<name>";
    }
}
