package io.goalpost.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manual and CSV imports through the API on real PostgreSQL (today is 2026-02-14). */
class ImportApiTest {

    static AnalyticsHarness h;
    static long website;
    static long fb;

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 2, 14));
        website = h.account("manual", "Website");
        fb = h.account("facebook", "Acme FB");
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static final String CSV = "day,metric,value\n"
            + "2026-01-05,web_sessions,1200\n"
            + "2026-01-05,bounces,480\n"
            + "\n"
            + "2026-01-06,web_sessions,abc\n"
            + "2026-01-06,web_sessions,1100\n"
            + "2026-13-01,web_sessions,5\n"
            + "2026-01-07,visits,5\n"
            + "2026-01-05,web_sessions,1300\n"
            + "2026-03-01,web_sessions,5\n"
            + "2026-01-08,web_sessions,-3\n"
            + "2026-01-08,web_sessions\n"
            + "\"2026-01-09\",\"manual.response_time\",\"4.5\"\n"
            + "2026-01-09,facebook.thing,1\n";

    @Test
    void csvIsValidatedLineByLineAndReImportChangesNothing() throws Exception {
        AnalyticsHarness.Reply r = h.postText("/accounts/" + website + "/metrics/csv", "text/csv", CSV);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject j = r.json();
        assertThat(j.getInteger("lines")).isEqualTo(14);
        assertThat(j.getInteger("received")).isEqualTo(12);
        assertThat(j.getInteger("accepted")).isEqualTo(4);
        assertThat(j.getInteger("inserted")).isEqualTo(4);
        JsonArray rej = j.getJsonArray("rejected");
        assertThat(rej.stream().map(o -> ((JsonObject) o).getInteger("line"))).containsExactly(5, 7, 8, 9, 10, 11, 12, 14);
        assertThat(reason(rej, 5)).startsWith("value must be a plain decimal number").endsWith("got 'abc'");
        assertThat(reason(rej, 7)).isEqualTo("day must be a date YYYY-MM-DD, got '2026-13-01'");
        assertThat(reason(rej, 8)).contains("unknown metric 'visits'");
        assertThat(reason(rej, 9)).isEqualTo("duplicate of line 2 (same day and metric)");
        assertThat(reason(rej, 10)).contains("in the future");
        assertThat(reason(rej, 11)).contains("negative");
        assertThat(reason(rej, 12)).contains("expected 3 columns");
        assertThat(reason(rej, 14)).contains("namespace 'facebook'");

        // Re-importing the same file changes nothing.
        JsonObject again = h.postText("/accounts/" + website + "/metrics/csv", "text/csv", CSV).json();
        assertThat(again.getInteger("inserted")).isZero();
        assertThat(again.getInteger("updated")).isZero();
        assertThat(again.getInteger("unchanged")).isEqualTo(4);

        // What was stored (read back through GET /api/accounts/{id}/metrics in RestartTest and PlatformApiTest).
        try (var c = h.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE source = 'csv'), "
                        + "max(value) FILTER (WHERE metric = 'web_sessions' AND day = '2026-01-05') "
                        + "FROM metric_point WHERE account_id = " + website)) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            assertThat(rs.getInt(2)).isEqualTo(4);
            assertThat(rs.getDouble(3)).isEqualTo(1200.0);
        }

        // The imported metrics feed KPIs: bounce rate 480 / 1,200.
        JsonObject br = h.get("/kpis/bounce_rate?from=2026-01-05&to=2026-01-05").json();
        assertThat(br.getJsonObject("total").getDouble("value")).isEqualTo(40.0);
    }

    @Test
    void valuesDaysAndMetricsOutsideTheInputLimitsAreRejected() throws Exception {
        String csv = "day,metric,value\n"
                + "2026-01-20,leads,12f\n"
                + "2026-01-20,leads,0x1p3\n"
                + "2026-01-20,leads,1e3\n"
                + "2026-01-20,leads,+5\n"
                + "2026-01-20,leads,NaN\n"
                + "2026-01-20,leads,10000000000000001\n"
                + "+999999999-12-31,leads,1\n"
                + "1999-12-31,leads,1\n"
                + "2026-01-20,le\u0000ads,1\n"
                + "2026-01-20,leads,1000000000000000\n";
        long limits = h.account("manual", "Limits");
        JsonObject j = h.postText("/accounts/" + limits + "/metrics/csv", "text/csv", csv).json();
        assertThat(j.getInteger("accepted")).isEqualTo(1);
        JsonArray rej = j.getJsonArray("rejected");
        for (int line = 2; line <= 6; line++) {
            assertThat(reason(rej, line)).startsWith("value must be a plain decimal number");
        }
        assertThat(reason(rej, 7)).startsWith("value must be at most 10^15");
        assertThat(reason(rej, 8)).isEqualTo("day must be a date YYYY-MM-DD, got '+999999999-12-31'");
        assertThat(reason(rej, 9)).isEqualTo("day must be between 2000-01-01 and 2100-12-31, got 1999-12-31");
        assertThat(reason(rej, 10)).startsWith("metric must be a single line without control characters");
        JsonObject body = new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("day", "2026-01-21").put("metric", "leads").put("value", 1e308))
                .add(new JsonObject().put("day", "2026-01-21").put("metric", "leads").put("value", 1e16)));
        AnalyticsHarness.Reply r = h.post("/accounts/" + limits + "/metrics", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getJsonObject("details").getJsonArray("rejected").stream()
                .map(o -> ((JsonObject) o).getString("reason"))).allMatch(s -> s.startsWith("value must be at most 10^15"));
    }

    static String reason(JsonArray rej, int line) {
        return rej.stream().map(o -> (JsonObject) o).filter(o -> o.getInteger("line") == line).findFirst().orElseThrow()
                .getString("reason");
    }

    @Test
    void csvWithoutHeaderAndColumnsInAnyOrder() throws Exception {
        JsonObject j = h.postText("/accounts/" + fb + "/metrics/csv", "text/csv",
                "\uFEFF2026-01-10,conversions,3\r\n2026-01-11,conversions,4\r\n").json();
        assertThat(j.getInteger("inserted")).isEqualTo(2);
        j = h.postText("/accounts/" + fb + "/metrics/csv", "text/csv", "metric,value,day\nconversions,5,2026-01-12\n").json();
        assertThat(j.getInteger("inserted")).isEqualTo(1);
        j = h.postText("/accounts/" + fb + "/metrics/csv", "text/csv", "day,metric,value\n2026-01-12,conversions,6\n").json();
        assertThat(j.getInteger("updated")).isEqualTo(1);
        assertThat(h.get("/kpis/conversions?from=2026-01-10&to=2026-01-12&accounts=" + fb).json()
                .getJsonObject("total").getDouble("value")).isEqualTo(13.0);
    }

    @Test
    void jsonPointsAreValidatedOneByOne() throws Exception {
        JsonObject body = new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("day", "2026-02-01").put("metric", "ad_spend").put("value", 120.5))
                .add(new JsonObject().put("day", "2026-02-01").put("metric", "ad_spend").put("value", 99))
                .add(new JsonObject().put("day", "2026-02-02").put("metric", "ad_spend").put("value", "12"))
                .add("not an object")
                .add(new JsonObject().put("metric", "leads").put("value", 1)));
        AnalyticsHarness.Reply r = h.post("/accounts/" + fb + "/metrics", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject j = r.json();
        assertThat(j.getInteger("accepted")).isEqualTo(1);
        JsonArray rej = j.getJsonArray("rejected");
        assertThat(rej.stream().map(o -> ((JsonObject) o).getInteger("index"))).containsExactly(1, 2, 3, 4);
        assertThat(rej.getJsonObject(0).getString("reason")).isEqualTo("duplicate of index 0 (same day and metric)");
        assertThat(rej.getJsonObject(1).getString("reason")).contains("JSON number");
        assertThat(rej.getJsonObject(3).getString("reason")).isEqualTo("day is missing");
        assertThat(h.post("/accounts/" + fb + "/metrics", body).json().getInteger("unchanged")).isEqualTo(1);
    }

    @Test
    void onlyForAccountsThatExistAndNothingWhenEveryRowIsBad() throws Exception {
        assertThat(h.postText("/accounts/987654/metrics/csv", "text/csv", "2026-01-01,leads,1\n").status()).isEqualTo(404);
        assertThat(h.post("/accounts/987654/metrics", new JsonObject().put("points", new JsonArray())).status()).isEqualTo(404);
        AnalyticsHarness.Reply r = h.postText("/accounts/" + website + "/metrics/csv", "text/csv", "2026-01-01,leads,x\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getJsonObject("details").getJsonArray("rejected").getJsonObject(0).getInteger("line")).isEqualTo(1);
        assertThat(h.post("/accounts/" + website + "/metrics", new JsonObject().put("rows", 1)).status()).isEqualTo(400);
        assertThat(h.postText("/accounts/" + website + "/metrics/csv", "text/csv", "").status()).isEqualTo(400);
    }

    @Test
    void anImportCanBeUndoneWithoutTouchingSyncedData() throws Exception {
        long page = h.account("facebook", "Acme FB Undo");
        // Synced link clicks (10 a day), and imported ones for the days the sync could not give.
        h.daily(page, "link_clicks", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 10), i -> 10);
        String csv = "day,metric,value\n2026-01-11,link_clicks,7\n2026-01-12,link_clicks,8\n2026-01-12,leads,3\n";
        assertThat(h.postText("/accounts/" + page + "/metrics/csv", "text/csv", csv).status()).isEqualTo(200);
        assertThat(h.post("/accounts/" + page + "/metrics", new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("day", "2026-01-13").put("metric", "link_clicks").put("value", 9)))).status())
                .isEqualTo(200);
        String total = "/kpis/link_clicks?from=2026-01-01&to=2026-01-31&accounts=" + page;
        assertThat(h.get(total).json().getJsonObject("total").getDouble("value")).isEqualTo(100.0 + 7 + 8 + 9);

        // What was imported, per metric and source (the synced days are not listed).
        JsonArray imports = h.get("/accounts/" + page + "/imports").json().getJsonArray("imports");
        assertThat(imports.encode()).isEqualTo(new JsonArray()
                .add(new JsonObject().put("metric", "leads").put("source", "csv").put("first", "2026-01-12").put("last", "2026-01-12").put("count", 1))
                .add(new JsonObject().put("metric", "link_clicks").put("source", "csv").put("first", "2026-01-11").put("last", "2026-01-12").put("count", 2))
                .add(new JsonObject().put("metric", "link_clicks").put("source", "manual").put("first", "2026-01-13").put("last", "2026-01-13").put("count", 1))
                .encode());
        // Undo the imported link clicks of Jan 12–13: the CSV and the manual point go, nothing else.
        AnalyticsHarness.Reply r = h.delete("/accounts/" + page + "/metrics?metric=link_clicks&from=2026-01-12&to=2026-01-13");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getInteger("deleted")).isEqualTo(2);
        assertThat(h.get(total).json().getJsonObject("total").getDouble("value")).isEqualTo(100.0 + 7);
        // Without a metric or range, every imported point goes; the synced days stay (and are never deleted).
        assertThat(h.delete("/accounts/" + page + "/metrics").json().getInteger("deleted")).isEqualTo(2);
        assertThat(h.get(total).json().getJsonObject("total").getDouble("value")).isEqualTo(100.0);
        try (var c = h.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT count(*) FILTER (WHERE source = 'sync'), count(*) FROM metric_point WHERE account_id = " + page)) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(10);
            assertThat(rs.getInt(2)).isEqualTo(10);
        }
        // The roll-ups agree with a recount of what is stored.
        try (var c = h.jdbc(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT (SELECT coalesce(sum(total), 0) FROM metric_week WHERE account_id = " + page + ") = "
                        + "(SELECT coalesce(sum(value), 0) FROM metric_point WHERE account_id = " + page + ")")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        assertThat(h.get("/accounts/" + page + "/imports").json().getJsonArray("imports")).isEmpty();
        assertThat(h.delete("/accounts/999999/metrics").status()).isEqualTo(404);
        assertThat(h.get("/accounts/999999/imports").status()).isEqualTo(404);
        assertThat(h.delete("/accounts/" + page + "/metrics?from=2026-01-12&to=2026-01-01").status()).isEqualTo(400);
    }
}
