package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.KpiDefinition.Direction;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The SMART goal arithmetic of docs/kpis.md §5: target, progress, linear pacing, least-squares forecast,
 * status and attainability. Pure functions: every input comes from stored history.
 */
public final class GoalMath {

    /** Fewest weekly values a forecast is drawn from; at most {@link #FORECAST_MAX_WEEKS} are used. */
    public static final int FORECAST_MIN_WEEKS = 4;
    /** Most recent weekly values a forecast is drawn from. */
    public static final int FORECAST_MAX_WEEKS = 8;
    /** Share of the needed change a forecast must reach to be "at risk" rather than "off track". */
    public static final double AT_RISK_SHARE = 0.8;

    /** A goal's state. */
    public enum Status {
        ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, MISSED, NO_DATA, NOT_STARTED, COLLECTING;

        /** The API id. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The value at the deadline if the recent trend holds.
     *
     * @param value the forecast, or null
     * @param trendPerWeek least-squares slope of the weekly values, or null
     * @param weeksUsed weekly values the slope was drawn from
     * @param reason why there is no forecast, or null
     */
    public record Forecast(Double value, Double trendPerWeek, int weeksUsed, String reason) {
    }

    /**
     * A status with the sentence that explains it.
     *
     * @param status the status
     * @param reason why
     */
    public record StatusResult(Status status, String reason) {
    }

    /**
     * How realistic the target is given the history before the start.
     *
     * @param label realistic, ambitious, unrealistic or no_history
     * @param requiredWeeklyChange (target − baseline) / weeks from start to deadline, or null
     * @param historicalWeeklyChange least-squares slope of the weekly values before the start, or null
     * @param ratio required ÷ historical in the good direction, or null
     * @param historyWeeks weekly values with data before the start
     * @param reason explanation when the ratio is not given, or null
     */
    public record Attainability(String label, Double requiredWeeklyChange, Double historicalWeeklyChange, Double ratio,
            int historyWeeks, String reason) {
    }

    private GoalMath() {
    }

    /** The value to reach: absolute, baseline + n, or baseline × (1 + n/100); null when the baseline is unknown. */
    public static Double resolveTarget(String type, double value, Double baseline) {
        return switch (type) {
            case "absolute" -> value;
            case "increase_by" -> baseline == null ? null : baseline + value;
            case "increase_pct" -> baseline == null ? null : baseline * (1 + value / 100.0);
            default -> throw new IllegalArgumentException("unknown target type " + type);
        };
    }

    /** True when a value meets the target in the KPI's good direction. */
    public static boolean meets(double value, double target, Direction dir) {
        double eps = 1e-9 * Math.max(1, Math.abs(target));
        return dir == Direction.UP ? value >= target - eps : value <= target + eps;
    }

    /** (current − baseline) / (target − baseline) × 100, or null when a part is missing or the target is no change. */
    public static Double progress(Double baseline, Double current, Double target) {
        if (baseline == null || current == null || target == null || target.doubleValue() == baseline.doubleValue()) {
            return null;
        }
        double p = (current - baseline) / (target - baseline) * 100.0;
        return Double.isFinite(p) ? p : null;
    }

    /** Elapsed time / total time × 100, clamped to 0–100 (linear pacing). */
    public static double expectedProgress(LocalDate start, LocalDate deadline, LocalDate today) {
        long total = ChronoUnit.DAYS.between(start, deadline);
        if (total <= 0) {
            return 100;
        }
        long elapsed = ChronoUnit.DAYS.between(start, today);
        return Math.max(0, Math.min(100, elapsed * 100.0 / total));
    }

    /** Least-squares slope of y over x = position in the list (nulls skipped), or null with fewer than two values. */
    public static Double slope(List<Double> values) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v != null) {
                n++;
                sx += i;
                sy += v;
            }
        }
        if (n < 2) {
            return null;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v != null) {
                sxy += (i - mx) * (v - my);
                sxx += (i - mx) * (i - mx);
            }
        }
        return sxx == 0 ? null : sxy / sxx;
    }

    /** Number of non-null values. */
    public static int count(List<Double> values) {
        return (int) values.stream().filter(v -> v != null).count();
    }

    /**
     * Forecast at the deadline = current + trend per week × weeks left, the trend being the
     * least-squares slope of the last 4–8 weekly values (oldest first; nulls are weeks without data).
     */
    public static Forecast forecast(Double current, LocalDate asOf, LocalDate deadline, List<Double> weekly) {
        List<Double> recent = weekly.size() > FORECAST_MAX_WEEKS ? weekly.subList(weekly.size() - FORECAST_MAX_WEEKS,
                weekly.size()) : weekly;
        int n = count(recent);
        if (n < FORECAST_MIN_WEEKS) {
            return new Forecast(null, null, n, "a trend needs at least " + FORECAST_MIN_WEEKS
                    + " complete weeks among the last " + FORECAST_MAX_WEEKS + "; found " + n);
        }
        Double trend = slope(recent);
        if (current == null) {
            return new Forecast(null, trend, n, "no current value to project from");
        }
        double weeksLeft = Math.max(0, ChronoUnit.DAYS.between(asOf, deadline)) / 7.0;
        return new Forecast(current + trend * weeksLeft, trend, n, null);
    }

    /**
     * How statuses are worded: the measured quantity ("Views per 7 days"), its good direction, and how
     * numbers (compact) and days are written.
     *
     * @param what the measured quantity, capitalised, e.g. "Views per 7 days"
     * @param dir the good direction
     * @param number compact number format
     * @param day day format ("4 Feb")
     */
    public record Phrasing(String what, Direction dir, Formatter number, java.util.function.Function<LocalDate, String> day) {
    }

    /**
     * The status of docs/kpis.md §5 with its explanation in plain words, falling back to linear pacing
     * when there is no forecast.
     *
     * @param collecting when the goal's first complete window after the start is not in yet, the
     *     sentence saying until when; null otherwise
     */
    public static StatusResult status(Phrasing p, LocalDate today, LocalDate start, LocalDate deadline, Double baseline,
            Double current, Double target, Forecast forecast, Double progress, double expected, String collecting) {
        if (today.isBefore(start)) {
            return new StatusResult(Status.NOT_STARTED, "The goal starts on " + p.day().apply(start) + ".");
        }
        if (collecting != null && !today.isAfter(deadline)) {
            return new StatusResult(Status.COLLECTING, collecting);
        }
        if (current == null) {
            return new StatusResult(Status.NO_DATA, "No complete " + lower(p.what()) + " is stored for this goal's accounts recently.");
        }
        if (target == null) {
            return new StatusResult(Status.NO_DATA, "No baseline is stored for the start, so the target cannot be worked out.");
        }
        String now = p.what() + " " + (p.what().endsWith("s") ? "are" : "is") + " at " + p.number().format(current);
        if (meets(current, target, p.dir())) {
            return new StatusResult(Status.ACHIEVED, now + ", " + (p.dir() == Direction.UP ? "past" : "below")
                    + " the target of " + p.number().format(target) + ".");
        }
        if (today.isAfter(deadline)) {
            return new StatusResult(Status.MISSED, "The deadline (" + p.day().apply(deadline) + ") passed with "
                    + lower(p.what()) + " at " + p.number().format(current) + "; the target was " + p.number().format(target) + ".");
        }
        double ref = baseline != null ? baseline : current;
        double needed = target - ref;
        if (forecast != null && forecast.value() != null) {
            double f = forecast.value();
            String would = p.what() + " would reach about " + p.number().format(f) + " by " + p.day().apply(deadline)
                    + " at the recent pace";
            if (meets(f, target, p.dir())) {
                return new StatusResult(Status.ON_TRACK, would + "; the target is " + p.number().format(target) + ".");
            }
            double covered = needed == 0 ? 0 : (f - ref) / needed;
            String text = covered < 0
                    ? would + ", moving away from the target of " + p.number().format(target)
                    : would + ", short of the target of " + p.number().format(target) + " (" + Math.round(covered * 100)
                            + " % of the change needed)";
            if (covered >= AT_RISK_SHARE) {
                return new StatusResult(Status.AT_RISK, text + ".");
            }
            return new StatusResult(Status.OFF_TRACK, text + ".");
        }
        if (progress != null) {
            String text = "No trend yet (" + (forecast == null || forecast.reason() == null ? "too few complete weeks"
                    : forecast.reason()) + "); " + Math.round(progress) + " % of the change is done with "
                    + Math.round(expected) + " % of the time gone.";
            if (progress >= expected) {
                return new StatusResult(Status.ON_TRACK, text);
            }
            if (progress >= AT_RISK_SHARE * expected) {
                return new StatusResult(Status.AT_RISK, text);
            }
            return new StatusResult(Status.OFF_TRACK, text);
        }
        return new StatusResult(Status.NO_DATA, "Neither a trend nor a baseline is available yet.");
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Attainability: required weekly change ÷ historical weekly change over the same length of time
     * before the start (history oldest first, nulls are weeks without data). ≤ 1.5 realistic,
     * ≤ 2.5 ambitious, above unrealistic; "no_history" with fewer than two weeks of data.
     */
    public static Attainability attainability(Direction dir, Double baseline, Double target, LocalDate start,
            LocalDate deadline, List<Double> history, Formatter fmt) {
        double weeks = Math.max(1, ChronoUnit.DAYS.between(start, deadline)) / 7.0;
        Double required = baseline == null || target == null ? null : (target - baseline) / weeks;
        int n = count(history);
        if (required == null) {
            return new Attainability("no_history", null, null, null, n, "no baseline is stored before the start");
        }
        if (n < 2) {
            return new Attainability("no_history", required, null, null, n,
                    "less than two weeks of data before the start");
        }
        Double hist = slope(history);
        double sign = dir == Direction.UP ? 1 : -1;
        double req = sign * required;
        if (req <= 0) {
            return new Attainability("realistic", required, hist, 0.0, n, "the target is already met at the baseline");
        }
        if (hist == null || sign * hist <= 0) {
            // The weekly figures are in the answer next to the reason: say what they mean, not them again.
            return new Attainability("unrealistic", required, hist, null, n, "in the " + n
                    + " complete weeks before the start it did not move in the good direction");
        }
        double ratio = req / (sign * hist);
        if (!Double.isFinite(ratio)) {
            return new Attainability("unrealistic", required, hist, null, n, "in the " + n
                    + " complete weeks before the start it barely moved");
        }
        String label = ratio <= 1.5 ? "realistic" : ratio <= 2.5 ? "ambitious" : "unrealistic";
        return new Attainability(label, required, hist, ratio, n, null);
    }

    /** Formats numbers for sentences. */
    @FunctionalInterface
    public interface Formatter {
        /** The number as shown. */
        String format(double v);
    }
}
