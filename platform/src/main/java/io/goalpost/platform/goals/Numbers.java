package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.KpiDefinition.Unit;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as people read them: exact in tables and exports ("1,200", "4.2 %", "1,234.50"), compact
 * in sentences and on cards ("255 k", "1.2 M", "3.5 B").
 */
public final class Numbers {

    private Numbers() {
    }

    /** Formats a value in a unit. */
    public static String format(double v, Unit unit) {
        return switch (unit) {
            case PERCENT -> plain(v) + " %";
            case CURRENCY -> new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(v);
            case COUNT -> plain(v);
        };
    }

    /**
     * Compact: below 10,000 as {@link #format} (counts from 100 on without a fraction); from there
     * thousands ("255 k"), millions ("1.2 M") and billions ("3.5 B"), with one decimal under 100 of the
     * unit and none above. Percentages are never compacted.
     */
    public static String compact(double v, Unit unit) {
        double a = Math.abs(v);
        if (unit == Unit.PERCENT || a < 10_000) {
            if (unit == Unit.COUNT) {
                // A forecast of 5,129.69 clicks is 5,130 clicks: counts carry no fraction past 100.
                return halfUp(a < 100 ? "#,##0.#" : "#,##0").format(v);
            }
            return format(v, unit);
        }
        String[] suffix = {" k", " M", " B", " T"};
        double scaled = v / 1_000;
        int i = 0;
        while (Math.abs(scaled) >= 999.95 && i < suffix.length - 1) {
            scaled /= 1_000;
            i++;
        }
        return halfUp(Math.abs(scaled) < 99.95 ? "#,##0.#" : "#,##0").format(scaled) + suffix[i];
    }

    /** Rounds as people do (42.25 → 42.3), not to even. */
    private static DecimalFormat halfUp(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f;
    }

    /** A day as people write it: "4 Feb", with the year when it is not {@code today}'s. */
    public static String day(java.time.LocalDate d, java.time.LocalDate today) {
        String pattern = d.getYear() == today.getYear() ? "d MMM" : "d MMM yyyy";
        return d.format(java.time.format.DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH));
    }

    /** Grouped, at most two decimals. */
    public static String plain(double v) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(v);
    }

    /** Rounds for display in JSON (keeps the API readable without losing meaningful digits). */
    public static Double round(Double v, int decimals) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return v == null || v.isNaN() || v.isInfinite() ? null : v;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
