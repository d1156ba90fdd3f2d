package io.goalpost.plugins.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What Facebook's usage headers say about the call budget. Every Graph response may carry
 * {@code X-App-Usage} (platform limit of the app), {@code X-Business-Use-Case-Usage} (per Page, with
 * {@code estimated_time_to_regain_access} in minutes) and the legacy {@code X-Page-Usage}. Their numbers
 * are percentages of the budget used; at 100 Facebook starts throttling.
 *
 * @param percentUsed highest percentage in any header (call count, CPU time or total time)
 * @param minutesToRegainAccess highest {@code estimated_time_to_regain_access}, 0 when none
 * @param header the header that reported {@link #percentUsed()}, or null when there was none
 */
record UsageReport(int percentUsed, int minutesToRegainAccess, String header) {

    static final UsageReport NONE = new UsageReport(0, 0, null);

    static final String APP_USAGE = "X-App-Usage";
    static final String BUSINESS_USE_CASE_USAGE = "X-Business-Use-Case-Usage";
    static final String PAGE_USAGE = "X-Page-Usage";

    private static final List<String> PERCENT_FIELDS = List.of("call_count", "total_cputime", "total_time");

    /** True when Facebook says the budget is used up (further calls may be throttled). */
    boolean exhausted() {
        return percentUsed >= 100 || minutesToRegainAccess > 0;
    }

    /** How long Facebook expects the throttling to last, or null when it did not say. */
    Duration regainAccessIn() {
        return minutesToRegainAccess > 0 ? Duration.ofMinutes(minutesToRegainAccess) : null;
    }

    /**
     * Reads the usage headers of a response. A header that is not the documented JSON is ignored: it is
     * advice, and a malformed one must not fail a call that returned data.
     */
    static UsageReport read(HttpResponse response, ObjectMapper mapper) {
        UsageReport report = NONE;
        for (String header : List.of(BUSINESS_USE_CASE_USAGE, APP_USAGE, PAGE_USAGE)) {
            String value = response.header(header);
            if (value == null || value.isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = mapper.readTree(value);
            } catch (java.io.IOException e) {
                continue;
            }
            if (json == null || !json.isObject()) {
                continue;
            }
            if (header.equals(BUSINESS_USE_CASE_USAGE)) {
                // {"<page-id>": [{"type":"pages","call_count":97,...,"estimated_time_to_regain_access":0}]}
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
                    for (JsonNode entry : it.next().getValue()) {
                        report = report.merge(of(entry, header));
                    }
                }
            } else {
                report = report.merge(of(json, header));
            }
        }
        return report;
    }

    private static UsageReport of(JsonNode usage, String header) {
        int percent = 0;
        for (String field : PERCENT_FIELDS) {
            percent = Math.max(percent, usage.path(field).asInt(0));
        }
        int minutes = Math.max(0, usage.path("estimated_time_to_regain_access").asInt(0));
        return new UsageReport(percent, minutes, header);
    }

    private UsageReport merge(UsageReport other) {
        boolean otherHigher = other.percentUsed > percentUsed || header == null;
        return new UsageReport(Math.max(percentUsed, other.percentUsed),
                Math.max(minutesToRegainAccess, other.minutesToRegainAccess), otherHigher ? other.header : header);
    }

    /** A plain-language warning for the fetch notes, or null when the budget is not used up. */
    String warning() {
        if (!exhausted()) {
            return null;
        }
        String wait = minutesToRegainAccess > 0
                ? " Facebook expects calls to be accepted again in about " + minutesToRegainAccess + " minutes."
                : "";
        return "Facebook reports that " + percentUsed + " % of this Page's API call budget is used (" + header
                + "); the next calls may be throttled." + wait;
    }
}
