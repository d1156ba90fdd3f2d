package io.goalpost.plugins.linkedin;

import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.Urls;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Query syntax of Rest.li protocol 2.0.0 as LinkedIn expects it: URNs percent-encoded, while the
 * structure around them ({@code List(...)}, {@code (timeRange:(start:..,end:..),...)}) stays
 * unescaped. A generic form encoder would escape the parentheses and break the call.
 */
final class RestLi {

    private RestLi() {
    }

    /** A URN (or any value) as one percent-encoded query or path component. */
    static String encode(String value) {
        return Urls.encode(value);
    }

    /** {@code List(urn%3A...,urn%3A...)}. */
    static String list(List<String> urns) {
        StringJoiner joiner = new StringJoiner(",", "List(", ")");
        urns.forEach(urn -> joiner.add(encode(urn)));
        return joiner.toString();
    }

    /**
     * Daily intervals covering the given days: {@code start} is the first day's midnight UTC and
     * {@code end} the midnight after the last day (LinkedIn's ranges are end-exclusive epoch ms).
     */
    static String dailyIntervals(DateRange days) {
        return "(timeRange:(start:" + startOfDayMillis(days.from()) + ",end:"
                + startOfDayMillis(days.to().plusDays(1)) + "),timeGranularityType:DAY)";
    }

    /** Midnight UTC of a day, in epoch milliseconds: LinkedIn's day boundary. */
    static long startOfDayMillis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Joins pairs whose values are already encoded, keeping their order. */
    static String query(Map<String, String> encodedPairs) {
        StringJoiner joiner = new StringJoiner("&");
        encodedPairs.forEach((k, v) -> joiner.add(k + "=" + v));
        return joiner.toString();
    }
}
