package io.goalpost.plugin.support.meta;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.support.Json;
import java.time.Duration;
import java.util.List;

/**
 * What Meta's usage headers say about the call budget (Meta's Graph API rate-limiting guide), for the
 * Facebook and Instagram plugins alike. A Graph response may carry {@code X-Business-Use-Case-Usage}
 * (a JSON object keyed by Page or account id, each an array of
 * {@code {"type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"}}, the
 * last in minutes), {@code X-App-Usage} (the app's platform limit) and the legacy {@code X-Page-Usage}.
 * Their numbers are percentages of the budget used; at 100 Meta throttles. The highest figure wins.
 *
 * @param percentUsed the highest percentage any header reports
 * @param minutesToRegainAccess the longest wait any header announces, 0 when none
 * @param header the header that reported the highest figure, or null when there was none
 */
public record MetaUsage(int percentUsed, int minutesToRegainAccess, String header) {

    /** No usage header. */
    public static final MetaUsage NONE = new MetaUsage(0, 0, null);

    public static final String APP_USAGE = "X-App-Usage";
    public static final String BUSINESS_USE_CASE_USAGE = "X-Business-Use-Case-Usage";
    public static final String PAGE_USAGE = "X-Page-Usage";

    private static final List<String> PERCENT_FIELDS = List.of("call_count", "total_cputime", "total_time");

    /** True when Meta says the budget is used up: the next calls may be throttled. */
    public boolean exhausted() {
        return percentUsed >= 100 || minutesToRegainAccess > 0;
    }

    /** How long Meta expects the throttling to last, or null when it did not say. */
    public Duration regainAccessIn() {
        return minutesToRegainAccess > 0 ? Duration.ofMinutes(minutesToRegainAccess) : null;
    }

    /**
     * Reads the usage headers of a response. A header that is not the documented JSON is ignored: it is
     * advice, and a malformed one must not fail a call that returned data.
     */
    public static MetaUsage read(HttpResponse response) {
        MetaUsage report = NONE;
        for (String header : List.of(BUSINESS_USE_CASE_USAGE, APP_USAGE, PAGE_USAGE)) {
            String value = response.header(header);
            if (value == null || value.isBlank()) {
                continue;
            }
            Json json;
            try {
                json = Json.parse(value);
            } catch (AdapterException.BadResponse e) {
                continue;
            }
            if (!json.isObject()) {
                continue;
            }
            if (header.equals(BUSINESS_USE_CASE_USAGE)) {
                for (String id : json.fieldNames()) {
                    for (Json entry : json.array(id)) {
                        report = report.max(of(entry, header));
                    }
                }
            } else {
                report = report.max(of(json, header));
            }
        }
        return report;
    }

    /**
     * A plain-language warning for a batch's notes, or null when the budget is not used up.
     *
     * @param network the network as users know it, e.g. {@code Facebook}
     * @param whose whose budget, e.g. {@code this Page's}
     */
    public String warning(String network, String whose) {
        if (!exhausted()) {
            return null;
        }
        String wait = minutesToRegainAccess > 0
                ? " " + network + " expects calls to be accepted again in about " + minutesToRegainAccess + " minutes."
                : "";
        return network + " reports that " + percentUsed + " % of " + whose + " API call budget is used (" + header
                + "); the next calls may be throttled." + wait;
    }

    private static MetaUsage of(Json usage, String header) {
        int percent = 0;
        for (String field : PERCENT_FIELDS) {
            percent = Math.max(percent, (int) usage.number(field).orElse(0));
        }
        int minutes = Math.max(0, (int) usage.number("estimated_time_to_regain_access").orElse(0));
        return new MetaUsage(percent, minutes, header);
    }

    private MetaUsage max(MetaUsage other) {
        if (other.header == null) {
            return this;
        }
        String top = other.percentUsed > percentUsed || header == null ? other.header : header;
        return new MetaUsage(Math.max(percentUsed, other.percentUsed),
                Math.max(minutesToRegainAccess, other.minutesToRegainAccess), top);
    }
}
