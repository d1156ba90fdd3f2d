package io.goalpost.platform.reports;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How the report writes numbers, days and statuses: as the web UI does ("1,234", "4.2 %", "4 Dec 2026"). */
final class ReportFormat {

    static final String NOT_AVAILABLE = "not available";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final Map<String, String> STATUS = Map.of("achieved", "Achieved", "on_track", "On track", "at_risk", "At risk",
            "off_track", "Off track", "missed", "Missed", "no_data", "No data", "not_started", "Not started",
            "collecting", "Collecting data");

    private ReportFormat() {
    }

    /** A value in its unit; "not available" for null (never 0). */
    static String number(Double v, String unit) {
        if (v == null) {
            return NOT_AVAILABLE;
        }
        if ("percent".equals(unit)) {
            return decimals(v, 2) + " %";
        }
        if ("currency".equals(unit)) {
            return decimals(v, 2);
        }
        return decimals(v, Math.abs(v) >= 100 || v == Math.rint(v) ? 0 : 2);
    }

    /** A change with its sign ("+12"); of a percentage, in percentage points ("+0.38 pp"), as the dashboard writes it. */
    static String change(Double v, String unit) {
        if (v == null) {
            return NOT_AVAILABLE;
        }
        String s = "percent".equals(unit) ? decimals(Math.abs(v), 2) + " pp" : number(Math.abs(v), unit);
        return (v > 0 ? "+" : v < 0 ? "-" : "") + s;
    }

    /** A percentage change ("+4.8 %"), or empty. */
    static String changePct(Double v) {
        return v == null ? "" : (v > 0 ? "+" : v < 0 ? "-" : "") + decimals(Math.abs(v), 1) + " %";
    }

    static String day(String iso) {
        return iso == null ? "" : LocalDate.parse(iso).format(DAY);
    }

    static String day(LocalDate d) {
        return d.format(DAY);
    }

    static String status(String id) {
        return STATUS.getOrDefault(id, id == null ? "" : id);
    }

    private static String decimals(double v, int n) {
        DecimalFormat f = new DecimalFormat(n == 0 ? "#,##0" : "#,##0." + "0".repeat(n), DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        String s = f.format(v);
        if (n > 0 && s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", ""); // 4.20 -> 4.2, 12.00 -> 12
        }
        return s;
    }

    /** Text safe inside XHTML (element content and attribute values). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters; stored text never has them, but a report must not fail on one.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
