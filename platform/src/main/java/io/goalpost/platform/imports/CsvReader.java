package io.goalpost.platform.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code day,metric,value} CSV text: an optional header (columns in any order), blank lines
 * skipped, a UTF-8 byte order mark ignored, fields optionally in double quotes.
 */
public final class CsvReader {

    /**
     * One data line.
     *
     * @param line 1-based line number in the file
     * @param day the day field, or null
     * @param metric the metric field, or null
     * @param value the value field, or null
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

    /** Reads the text. */
    public static Parsed read(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        int dayCol = 0;
        int metricCol = 1;
        int valueCol = 2;
        int width = 3;
        boolean headerSeen = false;
        List<Line> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String raw = lines[i];
            if (raw.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            List<String> fields = split(raw);
            if (fields == null) {
                rows.add(new Line(lineNo, null, null, null, "unbalanced double quotes"));
                headerSeen = true;
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                List<String> names = fields.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
                if (names.contains("day") && names.contains("metric") && names.contains("value")) {
                    dayCol = names.indexOf("day");
                    metricCol = names.indexOf("metric");
                    valueCol = names.indexOf("value");
                    width = names.size();
                    continue;
                }
            }
            if (fields.size() != width) {
                rows.add(new Line(lineNo, null, null, null, "expected " + width + " columns (day,metric,value), found "
                        + fields.size()));
                continue;
            }
            rows.add(new Line(lineNo, fields.get(dayCol), fields.get(metricCol), fields.get(valueCol), null));
        }
        return new Parsed(count, rows);
    }

    /** Splits one line on commas, honouring double quotes; null when quotes do not balance. */
    static List<String> split(String line) {
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
            } else if (c == ',') {
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
