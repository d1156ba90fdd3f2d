package io.goalpost.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What Meta's usage headers say about the call budget (Meta's Graph API rate-limiting guide).
 * Instagram calls count against Business Use Case limits: {@code X-Business-Use-Case-Usage} (a JSON
 * object keyed by account id, each an array of {@code {"type":"instagram","call_count",...,
 * "estimated_time_to_regain_access"}}, the last in minutes). {@code X-App-Usage} (platform limit) and the
 * legacy {@code X-Page-Usage} are read too. Their numbers are percentages; at 100 Meta throttles.
 * Whether graph.instagram.com sends them is unconfirmed, so their absence means nothing.
 *
 * @param percentUsed highest percentage in any header (call count, CPU time or total time)
 * @param minutesToRegainAccess highest {@code estimated_time_to_regain_access}, 0 when none
 * @param header the header that reported the highest figure, or null when there was none
 */
record UsageReport(int percentUsed, int minutesToRegainAccess, String header) {

    static final UsageReport NONE = new UsageReport(0, 0, null);

    static final String BUSINESS_USE_CASE_USAGE = "X-Business-Use-Case-Usage";
    static final String APP_USAGE = "X-App-Usage";
    static final String PAGE_USAGE = "X-Page-Usage";

    private static final List<String> PERCENT_FIELDS = List.of("call_count", "total_cputime", "total_time");

    /** True when Meta says the budget is used up: the next call would be throttled. */
    boolean exhausted() {
        return percentUsed >= 100 || minutesToRegainAccess > 0;
    }

    /** How long Meta expects the throttling to last, or null when it did not say. */
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
            } catch (IOException e) {
                continue;
            }
            if (json == null || !json.isObject()) {
                continue;
            }
            if (header.equals(BUSINESS_USE_CASE_USAGE)) {
                for (JsonNode entries : json) {
                    if (entries.isArray()) {
                        for (JsonNode entry : entries) {
                            report = report.max(of(entry, header));
                        }
                    }
                }
            } else {
                report = report.max(of(json, header));
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

    private UsageReport max(UsageReport other) {
        if (other.header == null) {
            return this;
        }
        String top = other.percentUsed > percentUsed || header == null ? other.header : header;
        return new UsageReport(Math.max(percentUsed, other.percentUsed),
                Math.max(minutesToRegainAccess, other.minutesToRegainAccess), top);
    }
}
