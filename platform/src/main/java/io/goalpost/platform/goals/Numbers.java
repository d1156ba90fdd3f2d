package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.KpiDefinition.Unit;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as people read them: "1,200", "4.2 %", "1,234.50". */
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
