package io.goalpost.platform.imports;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code day,metric,value} CSV: an optional header (columns in any order), blank lines
 * skipped, a UTF-8 byte order mark ignored, fields optionally in double quotes. Fields are separated
 * by commas, or by semicolons when the first line has none outside quotes but has semicolons (what
 * spreadsheets write where the decimal separator is a comma); in a semicolon file a value may use a
 * decimal comma ({@code 4,5} is 4.5).
 *
 * <p>{@link #lines(Buffer)} reads the file line by line from its bytes, so an import holds the
 * bytes and one chunk of rows at a time, never the whole file as text or all its rows.
 */
public final class CsvReader {

    /**
     * One data line.
     *
     * @param line 1-based line number in the file
     * @param day the day field, or null
     * @param metric the metric field, or null
     * @param value the value field (a decimal comma already made a point), or null
     * @param problem a problem with the line's shape, or null
     */
    public record Line(int line, String day, String metric, String value, String problem) {
    }

    /**
     * The file read.
     *
     * @param lines total lines (including header and blank ones)
     * @param rows data lines
     */
    public record Parsed(int lines, List<Line> rows) {
    }

    private CsvReader() {
    }

    /** Reads the whole text at once (small files, tests). */
    public static Parsed read(String text) {
        Lines lines = lines(Buffer.buffer(text));
        List<Line> rows = new ArrayList<>();
        for (Line l = lines.next(); l != null; l = lines.next()) {
            rows.add(l);
        }
        return new Parsed(lines.count(), rows);
    }

    /** Reads the file's data lines one at a time from its UTF-8 bytes (not copied). */
    public static Lines lines(Buffer body) {
        return new Lines(body);
    }

    /** The data lines of a file, in order. */
    public static final class Lines {
        private final Buffer body;
        private final int length;
        private int pos;
        private int lineNo;
        private boolean headerSeen;
        private char separator = ',';
        private int dayCol = 0;
        private int metricCol = 1;
        private int valueCol = 2;
        private int width = 3;

        private Lines(Buffer body) {
            this.body = body;
            this.length = body.length();
            if (length >= 3 && (body.getByte(0) & 0xff) == 0xEF && (body.getByte(1) & 0xff) == 0xBB
                    && (body.getByte(2) & 0xff) == 0xBF) {
                pos = 3;
            }
        }

        /** Lines read so far, blank ones and the header included (all of them once {@link #next()} answered null). */
        public int count() {
            return lineNo;
        }

        /** The separator in use: ',' or ';'. */
        public char separator() {
            return separator;
        }

        /** The next data line, or null at the end. */
        public Line next() {
            while (pos < length) {
                int start = pos;
                int end = start;
                byte b;
                while (end < length && (b = body.getByte(end)) != '\n' && b != '\r') {
                    end++;
                }
                pos = end;
                if (pos < length && body.getByte(pos) == '\r') {
                    pos++;
                    if (pos < length && body.getByte(pos) == '\n') {
                        pos++;
                    }
                } else if (pos < length) {
                    pos++;
                }
                lineNo++;
                String raw = body.getString(start, end, "UTF-8");
                if (raw.isBlank()) {
                    continue;
                }
                if (!headerSeen) {
                    separator = separatorOf(raw);
                }
                List<String> fields = split(raw, separator);
                if (fields == null) {
                    headerSeen = true;
                    return new Line(lineNo, null, null, null, "unbalanced double quotes");
                }
                if (!headerSeen) {
                    headerSeen = true;
                    List<String> names = fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
                    if (names.contains("day") && names.contains("metric") && names.contains("value")) {
                        dayCol = names.indexOf("day");
                        metricCol = names.indexOf("metric");
                        valueCol = names.indexOf("value");
                        width = names.size();
                        continue;
                    }
                }
                if (fields.size() != width) {
                    String sep = separator == ';' ? ";" : ",";
                    return new Line(lineNo, null, null, null, "expected " + width + " columns (day" + sep + "metric" + sep
                            + "value), found " + fields.size());
                }
                String value = fields.get(valueCol);
                if (separator == ';') {
                    value = decimalComma(value);
                }
                return new Line(lineNo, fields.get(dayCol), fields.get(metricCol), value, null);
            }
            return null;
        }
    }

    /** ';' when the first line has semicolons and no comma outside double quotes, else ','. */
    static char separatorOf(String firstLine) {
        boolean quoted = false;
        boolean semicolon = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                return ',';
            } else if (!quoted && c == ';') {
                semicolon = true;
            }
        }
        return semicolon ? ';' : ',';
    }

    /** {@code 4,5} as {@code 4.5}: one comma between digits, no point (a thousands separator stays refused). */
    static String decimalComma(String value) {
        int comma = value.indexOf(',');
        if (comma < 0 || value.indexOf(',', comma + 1) >= 0 || value.indexOf('.') >= 0) {
            return value;
        }
        return value.substring(0, comma) + '.' + value.substring(comma + 1);
    }

    /** Splits one line on commas, honouring double quotes; null when quotes do not balance. */
    static List<String> split(String line) {
        return split(line, ',');
    }

    /** Splits one line on {@code separator}, honouring double quotes; null when quotes do not balance. */
    static List<String> split(String line, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cur.toString());
        return out;
    }
}
