package io.goalpost.platform.api;

import io.goalpost.plugin.api.MetricPoint;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The input rules of the API (API-analytics.md, "Input limits"), in one place so that every parser
 * (goals, tactics, imports, accounts, query parameters) applies the same ones.
 *
 * <ul>
 *   <li><b>Numbers</b> are finite and at most {@link #MAX_VALUE} (10^15, {@link MetricPoint#MAX_VALUE}) in
 *   magnitude; where negatives make no sense (metric values) they are 0 or more. Every value stored is
 *   then so far from the largest double (1.8 × 10^308) that no sum or product the host computes
 *   overflows. Numbers in text (CSV) are plain decimals: digits with an optional fraction, a leading
 *   {@code -} only where negatives are allowed; no exponent, hexadecimal, {@code +}, suffix letters,
 *   {@code NaN} or {@code Infinity}, all of which {@link Double#parseDouble} would quietly accept.</li>
 *   <li><b>Dates</b> are exactly {@code YYYY-MM-DD} and between {@link #FIRST_DAY} and {@link #LAST_DAY}:
 *   {@link LocalDate#parse} alone also takes {@code +999999999-12-31}, which PostgreSQL cannot store.</li>
 *   <li><b>Text</b> has no control characters (C0 U+0000–U+001F, DEL, C1 U+0080–U+009F) and no lone
 *   UTF-16 surrogate: PostgreSQL refuses U+0000 in text and JSONB, and a lone surrogate would be stored
 *   as {@code ?}. Free text ({@code why}) may have line breaks and tabs. Lengths are capped.</li>
 * </ul>
 *
 * Each rule throws {@link Invalid} with the problem phrased to follow the field's name ("must be …"),
 * so callers report it under the field in their own error shape.
 */
public final class Inputs {

    /** The largest magnitude of a number the API takes: {@link MetricPoint#MAX_VALUE} (10^15). */
    public static final double MAX_VALUE = MetricPoint.MAX_VALUE;
    /** The earliest date the API takes. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    /** The latest date the API takes. */
    public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);
    /** Longest name, title or owner (characters). */
    public static final int NAME_MAX = 200;
    /** Longest free text, e.g. a goal's {@code why} (characters). */
    public static final int TEXT_MAX = 2000;
    /** Longest identifier: metric, network, KPI, objective ids, config keys (characters). */
    public static final int ID_MAX = 100;
    /** Longest account configuration value, e.g. an access token (characters). */
    public static final int CONFIG_VALUE_MAX = 4000;

    private static final String MAX_TEXT = "10^15 (1,000,000,000,000,000)";
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final int SHOWN_MAX = 40;

    private Inputs() {
    }

    /** A value that breaks a rule; {@link #problem()} reads after the field's name ("must be …"). */
    public static final class Invalid extends Exception {

        private static final long serialVersionUID = 1L;

        Invalid(String problem) {
            super(problem, null, false, false);
        }

        /** What is wrong, e.g. "must be a date YYYY-MM-DD, got '2026-13-01'". */
        public String problem() {
            return getMessage();
        }
    }

    // ---- text ----

    /**
     * A single-line text (name, title, owner, id, configuration value): no control character at all,
     * line breaks included, and at most {@code maxLength} characters. Answers the text unchanged.
     */
    public static String line(String text, int maxLength) throws Invalid {
        checkCharacters(text, false);
        return checkLength(text, maxLength);
    }

    /** A free text: line breaks ({@code \n}, {@code \r}) and tabs allowed, no other control character. */
    public static String text(String text, int maxLength) throws Invalid {
        checkCharacters(text, true);
        return checkLength(text, maxLength);
    }

    /**
     * {@link #line} for an input that is stored stripped of surrounding white space: a control character
     * is refused wherever it is (also at either end); the length limit applies to the stripped text,
     * which is answered.
     */
    public static String strippedLine(String text, int maxLength) throws Invalid {
        checkCharacters(text, false);
        return checkLength(text.strip(), maxLength);
    }

    /** {@link #text} for an input that is stored stripped of surrounding white space (see {@link #strippedLine}). */
    public static String strippedText(String text, int maxLength) throws Invalid {
        checkCharacters(text, true);
        return checkLength(text.strip(), maxLength);
    }

    private static void checkCharacters(String text, boolean multiLine) throws Invalid {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                throw new Invalid((multiLine ? "must not contain control characters other than line breaks and tabs"
                        : "must be a single line without control characters") + " (found " + codePoint(c)
                        + " at character " + (i + 1) + ")");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw new Invalid("must be valid Unicode text (found a lone surrogate " + codePoint(c)
                            + " at character " + (i + 1) + ")");
                }
                i++;
            }
        }
    }

    private static String checkLength(String text, int maxLength) throws Invalid {
        if (text.length() > maxLength) {
            throw new Invalid("must be at most " + maxLength + " characters (got " + text.length() + ")");
        }
        return text;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    // ---- dates ----

    /**
     * A date written exactly {@code YYYY-MM-DD} (surrounding spaces ignored), a real calendar day,
     * between {@link #FIRST_DAY} and {@link #LAST_DAY}.
     */
    public static LocalDate date(String raw) throws Invalid {
        String s = raw.strip();
        LocalDate day = null;
        if (DATE.matcher(s).matches()) {
            try {
                day = LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (day == null) {
            throw new Invalid("must be a date YYYY-MM-DD, got '" + shown(raw) + "'");
        }
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new Invalid("must be between " + FIRST_DAY + " and " + LAST_DAY + ", got " + day);
        }
        return day;
    }

    // ---- numbers ----

    /**
     * A number written as text (CSV): a plain decimal ({@code 1200}, {@code 4.5}; {@code -3} only with
     * {@code negatives}), surrounding spaces ignored, at most {@link #MAX_VALUE} in magnitude.
     */
    public static double decimal(String raw, boolean negatives) throws Invalid {
        String s = raw.strip();
        if (!DECIMAL.matcher(s).matches()) {
            throw new Invalid("must be a plain decimal number (digits with an optional '.' and fraction"
                    + (negatives ? ", an optional leading '-'" : "")
                    + "; no exponent, '+', letters or thousands separators), got '" + shown(raw) + "'");
        }
        if (!negatives && s.startsWith("-")) {
            throw new Invalid("must not be negative (0 or more), got " + shown(s));
        }
        // The text is plain digits: parseDouble rounds it correctly and cannot answer NaN.
        return inRange(Double.parseDouble(s), shown(s));
    }

    /** A JSON number: finite, at most {@link #MAX_VALUE} in magnitude, 0 or more unless {@code negatives}. */
    public static double number(Number n, boolean negatives) throws Invalid {
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new Invalid("must be a finite number of at most " + MAX_TEXT + ", got " + shown(n.toString()));
        }
        if (!negatives && d < 0) {
            throw new Invalid("must not be negative (0 or more), got " + shown(n.toString()));
        }
        return inRange(d, shown(n.toString()));
    }

    private static double inRange(double d, String shown) throws Invalid {
        if (Math.abs(d) > MAX_VALUE) {
            throw new Invalid("must be at most " + MAX_TEXT + (d < 0 ? " in magnitude" : "") + ", got " + shown);
        }
        return d + 0.0; // -0.0 becomes 0.0
    }

    /** An input value as shown in a message: at most 40 characters; control characters and lone surrogates as U+XXXX. */
    public static String shown(String raw) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < raw.length() && i < SHOWN_MAX) {
            int cp = raw.codePointAt(i);
            if (Character.isISOControl(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                b.append(String.format(Locale.ROOT, "U+%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return i < raw.length() ? b.append('…').toString() : b.toString();
    }
}
