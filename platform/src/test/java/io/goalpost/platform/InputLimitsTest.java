package io.goalpost.platform;

import io.goalpost.platform.plugins.SandboxRegistry;
import io.goalpost.platform.testing.BuiltSandboxes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.testing.TestDatabase;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.testing.Http;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Input that would corrupt numbers, dates or text is refused everywhere (API-analytics.md, "Input
 * limits"): the whole server with the built plugins on a fresh PostgreSQL database, a manual account
 * and a Facebook account connected to the Facebook sandbox. Every bad input is thrown at every
 * endpoint that takes it; each answers 400 naming the field and stores nothing. The edge values
 * themselves (10^15, 2000-01-01, a why with a line break) are accepted, and afterwards the dashboard
 * and the KPI roll-ups still answer, with finite numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class InputLimitsTest {

    private static final Path PLUGINS = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins"));
    private static final String NUL = "\u0000";
    /** Dates every date input refuses: beyond what PostgreSQL stores, and just outside 2000-01-01..2100-12-31. */
    private static final List<String> BAD_DATES = List.of("+999999999-12-31", "1999-12-31", "2101-01-01", "2026-02-30",
            "2026-1-5");

    private TestDatabase db;
    private Path dataDir;
    private GoalpostServer server;
    private Vertx sandboxVertx;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String authorization;
    private final LocalDate today = LocalDate.now();
    private long manual;
    private long facebook;
    private long goal;
    private long tactic;

    /** An answer. */
    record Reply(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        dataDir = Files.createTempDirectory("goalpost-input-limits");
        // The sandbox is a loopback http server: allowed only with --allow-private-api-hosts.
        server = GoalpostServer.start(new ServerConfig(0, dataDir, Optional.of(db.url()), PLUGINS, Set.of("127.0.0.1"),
                true, Duration.ofHours(6)));
        authorization = "Bearer " + Http.token(server, Role.EDITOR);
        SandboxRegistry.LoadedSandbox fb = BuiltSandboxes.of("facebook");
        NetworkSandbox sandbox = fb.sandbox();
        sandboxVertx = Vertx.vertx();
        int port = SandboxServer.start(sandboxVertx, sandbox, fb.classLoader(), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        Map<String, String> page = sandbox.demoAccounts("http://127.0.0.1:" + port).get(0).config();

        Reply r = post("/api/accounts", new JsonObject().put("network", "manual").put("name", "Website 🌐"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        manual = r.json().getLong("id");
        r = post("/api/accounts", new JsonObject().put("network", "facebook").put("name", "Coffee Page")
                .put("config", new JsonObject(new HashMap<String, Object>(page))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        facebook = r.json().getLong("id");

        // Views of 10^15 (the largest value) on the manual account for the last 40 days.
        StringBuilder csv = new StringBuilder("day,metric,value\n");
        for (int i = 0; i < 40; i++) {
            csv.append(today.minusDays(i)).append(",views,1000000000000000\n");
        }
        r = postText("/api/accounts/" + manual + "/metrics/csv", csv.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getInteger("accepted")).isEqualTo(40);

        r = post("/api/goals", goodGoal());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        goal = r.json().getLong("id");
        r = post("/api/goals/" + goal + "/tactics", goodTactic());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        tactic = r.json().getLong("id");
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sandboxVertx != null) {
            sandboxVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    private JsonObject goodGoal() {
        return new JsonObject().put("title", "More website views").put("objective", "website_traffic").put("kpi", "views")
                .put("scope", new JsonObject().put("accounts", new JsonArray().add(manual)))
                .put("target", new JsonObject().put("type", "increase_by").put("value", 1000))
                .put("start", today.minusDays(10).toString()).put("deadline", today.plusDays(30).toString())
                .put("owner", "Dana").put("why", "Traffic pays the bills.");
    }

    private static JsonObject goodTactic() {
        return new JsonObject().put("title", "Weekly newsletter").put("owner", "Sam").put("due", "2027-01-15")
                .put("value", 4).put("complexity", 2);
    }

    // ---- accounts ----

    @Test
    void accountNamesAndConfigValuesWithControlCharactersAreRefused() throws Exception {
        for (String name : List.of("Web" + NUL + "site", "Web\nsite", "Website\r", "Web\u0085site", "x".repeat(201))) {
            refused(() -> post("/api/accounts", new JsonObject().put("network", "manual").put("name", name)), "name");
            refused(() -> post("/api/accounts", new JsonObject().put("network", "facebook").put("name", name)
                    .put("config", new JsonObject().put("page_id", "1").put("page_access_token", "t"))), "name");
            refused(() -> put("/api/accounts/" + manual, new JsonObject().put("name", name)), "name");
            refused(() -> put("/api/accounts/" + facebook, new JsonObject().put("name", name)), "name");
        }
        for (String value : List.of("secret" + NUL, "sec\nret", "sec\u009fret", "s".repeat(4001))) {
            Reply r = refused(() -> post("/api/accounts", new JsonObject().put("network", "facebook").put("name", "Page")
                    .put("config", new JsonObject().put("page_id", "1").put("page_access_token", value))),
                    "config.page_access_token");
            assertThat(r.body()).as("a config value is never shown back").doesNotContain("secret").doesNotContain("sss");
            refused(() -> put("/api/accounts/" + facebook, new JsonObject().put("config",
                    new JsonObject().put("page_access_token", value))), "config.page_access_token");
            refused(() -> put("/api/accounts/" + manual, new JsonObject().put("config",
                    new JsonObject().put("note", value))), "config.note");
        }
        assertThat(get("/api/accounts/" + manual).json().getString("name")).isEqualTo("Website 🌐");
    }

    // ---- goals ----

    @Test
    void goalsWithBadTextNumbersOrDatesAreRefusedOnEveryRoute() throws Exception {
        List<Bad> bad = new ArrayList<>(List.of(
                new Bad("title", g -> g.put("title", "More" + NUL + "views")),
                new Bad("title", g -> g.put("title", "More\nviews")),
                new Bad("title", g -> g.put("title", "x".repeat(201))),
                new Bad("owner", g -> g.put("owner", "Dana" + NUL)),
                new Bad("owner", g -> g.put("owner", "Dana\tSmith")),
                new Bad("why", g -> g.put("why", "Because" + NUL)),
                new Bad("why", g -> g.put("why", "Because\u000bit\u001bpays")),
                new Bad("why", g -> g.put("why", "w".repeat(2001))),
                new Bad("target.value", g -> g.put("target", new JsonObject().put("type", "absolute").put("value", 1e308))),
                new Bad("target.value", g -> g.put("target", new JsonObject().put("type", "absolute").put("value", 1e16))),
                new Bad("target.value", g -> g.put("target", new JsonObject().put("type", "increase_by").put("value", 1e308))),
                new Bad("target.value", g -> g.put("target", new JsonObject().put("type", "increase_pct").put("value", 1e308))),
                new Bad("target.value", g -> g.put("target", new JsonObject().put("type", "increase_pct").put("value", 1_000_001))),
                new Bad("scope", g -> g.put("scope", new JsonObject().put("networks", new JsonArray().add("man" + NUL + "ual"))))));
        for (String date : BAD_DATES) {
            bad.add(new Bad("start", g -> g.put("start", date)));
            bad.add(new Bad("deadline", g -> g.put("deadline", date)));
        }
        for (Bad b : bad) {
            refused(() -> post("/api/goals", b.change().apply(goodGoal())), b.field());
            refused(() -> put("/api/goals/" + goal, b.change().apply(goodGoal())), b.field());
            JsonObject fromTemplate = b.change().apply(goodGoal());
            fromTemplate.remove("objective");
            refused(() -> post("/api/objectives/website_traffic/goals", fromTemplate), b.field());
        }
        // A bad tactic inside a new goal: nothing of either is stored.
        refused(() -> post("/api/goals", goodGoal().put("tactics", new JsonArray().add(goodTactic().put("title", "A" + NUL)))),
                "tactics[0].title");
    }

    @Test
    void aGoalTargetIsNeverEchoedAsInfinity() throws Exception {
        // The largest relative target on a baseline of 7 × 10^15 views resolves to a finite number.
        Reply r = post("/api/goals", goodGoal().put("target", new JsonObject().put("type", "increase_pct").put("value", 1_000_000)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject target = r.json().getJsonObject("target");
        assertThat(r.json().getJsonObject("baseline").getDouble("value")).isEqualTo(7e15);
        assertThat(target.getValue("resolved")).isInstanceOf(Double.class);
        assertThat(target.getDouble("resolved")).isEqualTo(7e15 * 10_001);
        assertThat(r.body()).doesNotContain("Infinity").doesNotContain("NaN");
        assertThat(delete("/api/goals/" + r.json().getLong("id"))).isEqualTo(204);
    }

    @Test
    void edgeValuesAreAccepted() throws Exception {
        // A target of exactly 10^15, a start on 2000-01-01, a why with line breaks and a tab.
        JsonObject body = goodGoal().put("title", "Views at the limit").put("start", "2000-01-01").put("deadline", "2004-12-31")
                .put("target", new JsonObject().put("type", "absolute").put("value", 1e15))
                .put("why", "First line\r\nsecond line\n\tindented");
        Reply r = post("/api/objectives/website_traffic/goals", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject g = r.json();
        assertThat(g.getJsonObject("target").getDouble("value")).isEqualTo(1e15);
        assertThat(g.getJsonObject("target").getDouble("resolved")).isEqualTo(1e15);
        assertThat(g.getString("why")).isEqualTo("First line\r\nsecond line\n\tindented");
        assertThat(g.getString("start")).isEqualTo("2000-01-01");
        assertThat(r.body()).doesNotContain("Infinity").doesNotContain("NaN");
        long id = g.getLong("id");
        r = put("/api/goals/" + id, body.put("objective", "website_traffic").put("deadline", "2001-06-30")
                .put("target", new JsonObject().put("type", "increase_by").put("value", 1e15)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        // Tactics due on the first and the last day taken.
        for (String due : List.of("2000-01-01", "2100-12-31")) {
            r = post("/api/goals/" + id + "/tactics", goodTactic().put("due", due));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().getString("due")).isEqualTo(due);
        }
        assertThat(delete("/api/goals/" + id)).isEqualTo(204);

        // Points of 10^15 on 2000-01-01 (JSON) and 2000-01-02 (CSV), read back exactly.
        r = post("/api/accounts/" + manual + "/metrics", new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("day", "2000-01-01").put("metric", "views").put("value", 1e15))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getInteger("accepted")).isEqualTo(1);
        r = postText("/api/accounts/" + manual + "/metrics/csv", "2000-01-02,views,1000000000000000.0\n2000-01-03,views,0.5\n");
        assertThat(r.json().getInteger("accepted")).as(r.body()).isEqualTo(2);
        JsonArray series = get("/api/accounts/" + manual + "/metrics?from=2000-01-01&to=2000-01-31").json()
                .getJsonObject("series").getJsonArray("views");
        assertThat(series.stream().map(p -> ((JsonObject) p).getDouble("value"))).containsExactly(1e15, 1e15, 0.5);
        JsonObject kpi = get("/api/kpis/views?from=2000-01-01&to=2000-01-31&accounts=" + manual).json();
        assertThat(kpi.getJsonObject("total").getDouble("value")).isEqualTo(2e15 + 0.5);

        // An account name of 200 characters.
        r = put("/api/accounts/" + manual, new JsonObject().put("name", "W".repeat(200)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        r = put("/api/accounts/" + manual, new JsonObject().put("name", "Website 🌐"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    // ---- tactics ----

    @Test
    void tacticsWithBadTextOrDatesAreRefused() throws Exception {
        List<Bad> bad = new ArrayList<>(List.of(
                new Bad("title", t -> t.put("title", "Weekly" + NUL + "newsletter")),
                new Bad("title", t -> t.put("title", "Weekly\nnewsletter")),
                new Bad("title", t -> t.put("title", "x".repeat(201))),
                new Bad("owner", t -> t.put("owner", "Sam" + NUL)),
                new Bad("owner", t -> t.put("owner", "Sam\u0080"))));
        for (String date : BAD_DATES) {
            bad.add(new Bad("due", t -> t.put("due", date)));
        }
        for (Bad b : bad) {
            refused(() -> post("/api/goals/" + goal + "/tactics", b.change().apply(goodTactic())), b.field());
            refused(() -> put("/api/goals/" + goal + "/tactics/" + tactic, b.change().apply(goodTactic())), b.field());
        }
    }

    // ---- imports ----

    @Test
    void importedValuesDaysAndMetricsOutsideTheLimitsAreRefused() throws Exception {
        String day = today.minusDays(1).toString();
        // CSV: every value Double.parseDouble would have taken, and values too large.
        for (String value : List.of("1e308", "1" + "0".repeat(308), "10000000000000000", "1000000000000000.5", "12f", "12d",
                "0x1p3", "1e3", "+5", "-5", "NaN", "Infinity", "\"1,000\"", "١٢")) {
            refusedRow(() -> postText("/api/accounts/" + manual + "/metrics/csv", day + ",views," + value + "\n"), "value");
        }
        // JSON: numbers out of range, and text where a number belongs.
        for (Object value : List.<Object>of(1e308, 1e16, -1, "NaN", "12")) {
            refusedRow(() -> post("/api/accounts/" + manual + "/metrics", points(day, "views", value)), "value");
        }
        // A NaN token is not JSON at all.
        Reply nan = refused(() -> postRaw("/api/accounts/" + manual + "/metrics",
                "{\"points\": [{\"day\": \"" + day + "\", \"metric\": \"views\", \"value\": NaN}]}"), null);
        assertThat(nan.json().getString("error")).contains("malformed JSON");
        for (String bad : BAD_DATES) {
            refusedRow(() -> postText("/api/accounts/" + manual + "/metrics/csv", bad + ",views,1\n"), "day");
            refusedRow(() -> post("/api/accounts/" + manual + "/metrics", points(bad, "views", 1)), "day");
        }
        for (String metric : List.of("vi" + NUL + "ews", "views\u001f", "m".repeat(101))) {
            refusedRow(() -> postText("/api/accounts/" + manual + "/metrics/csv", day + "," + metric + ",1\n"), "metric");
            refusedRow(() -> post("/api/accounts/" + manual + "/metrics", points(day, metric, 1)), "metric");
        }
    }

    private static JsonObject points(String day, String metric, Object value) {
        return new JsonObject().put("points", new JsonArray().add(new JsonObject().put("day", day).put("metric", metric)
                .put("value", value)));
    }

    // ---- queries ----

    @Test
    void queriesWithExtremeDatesAreRefused() throws Exception {
        String ok = today.minusDays(6).toString();
        for (String bad : BAD_DATES) {
            for (String path : List.of("/api/kpis/views", "/api/dashboard", "/api/accounts/" + manual + "/metrics")) {
                refused(() -> get(path + "?from=" + q(bad) + "&to=" + q(today.toString())), "from");
                refused(() -> get(path + "?from=" + q(ok) + "&to=" + q(bad)), "to");
            }
            refused(() -> get("/api/dashboard?from=" + q(bad)), "from");
            refused(() -> get("/api/dashboard?to=" + q(bad)), "to");
        }
        refused(() -> get("/api/kpis/views?from=" + ok + "&to=" + today + "&networks=" + q("face" + NUL + "book")), "networks");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterEverythingTheDashboardAndKpisStillAnswerWithFiniteNumbers() throws Exception {
        // Runs after the other tests; throws the worst inputs of the issue once more itself.
        postText("/api/accounts/" + manual + "/metrics/csv", today + ",views,1e308\n" + today.minusDays(1) + ",views,"
                + "1" + "0".repeat(308) + "\n");
        post("/api/accounts/" + manual + "/metrics", points(today.toString(), "views", 1e308));
        Reply dash = get("/api/dashboard");
        assertThat(dash.status()).as(dash.body()).isEqualTo(200);
        assertThat(dash.body()).doesNotContain("Infinity").doesNotContain("NaN");
        Reply kpi = get("/api/kpis/views?from=" + today.minusDays(27) + "&to=" + today + "&granularity=week&accounts=" + manual);
        assertThat(kpi.status()).as(kpi.body()).isEqualTo(200);
        assertThat(kpi.body()).doesNotContain("Infinity").doesNotContain("NaN");
        assertThat(kpi.json().getJsonObject("total").getDouble("value")).isGreaterThanOrEqualTo(28e15).isLessThan(1e17);
        Reply longest = get("/api/kpis/views?from=" + today.minusDays(1099) + "&to=" + today + "&granularity=month");
        assertThat(longest.status()).as(longest.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM metric_point WHERE NOT (value >= 0 AND value <= 1e15)")).isZero();
    }

    // ---- helpers ----

    /** A change to a good body that makes {@code field} bad. */
    record Bad(String field, UnaryOperator<JsonObject> change) {
    }

    interface Call {
        Reply send() throws Exception;
    }

    /**
     * Sends a request that must be refused: 400, the field named in the message and in the details
     * (an object keyed by field, or the accounts' list of {field, message}); nothing stored.
     */
    private Reply refused(Call call, String field) throws Exception {
        String before = state();
        Reply r = call.send();
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonObject body = r.json();
        if (field != null) {
            assertThat(body.getString("error")).as(r.body()).contains(field);
            Object details = body.getValue("details");
            if (details instanceof JsonObject o) {
                assertThat(o.fieldNames()).as(r.body()).contains(field);
            } else if (details instanceof JsonArray a) {
                assertThat(a.stream().map(d -> ((JsonObject) d).getString("field"))).as(r.body()).contains(field);
            } else {
                fail("no details naming " + field + ": " + r.body());
            }
        }
        assertThat(state()).as("nothing stored by " + r.body()).isEqualTo(before);
        return r;
    }

    /** An import of one row that must be refused: 400, the row listed with its line or index and a reason naming the field. */
    private void refusedRow(Call call, String field) throws Exception {
        String before = state();
        Reply r = call.send();
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonObject body = r.json();
        assertThat(body.getString("error")).as(r.body()).contains(field);
        JsonArray rejected = body.getJsonObject("details").getJsonArray("rejected");
        assertThat(rejected).as(r.body()).hasSize(1);
        JsonObject row = rejected.getJsonObject(0);
        assertThat(row.getValue("line") != null || row.getValue("index") != null).as(r.body()).isTrue();
        assertThat(row.getString("reason")).as(r.body()).startsWith(field + " ");
        assertThat(state()).as("nothing stored by " + r.body()).isEqualTo(before);
    }

    /** What the API stores from people: accounts (not their sync state), goals, tactics, the manual account's points. */
    private String state() throws Exception {
        return query("SELECT coalesce(string_agg(id || '/' || network || '/' || name || '/' || config::text, '|' ORDER BY id), '') "
                + "FROM account")
                + "#" + query("SELECT coalesce(string_agg(g::text, '|' ORDER BY id), '') FROM goal g")
                + "#" + query("SELECT coalesce(string_agg(t::text, '|' ORDER BY id), '') FROM tactic t")
                + "#" + query("SELECT count(*) || '/' || coalesce(sum(value), 0) FROM metric_point WHERE account_id = " + manual);
    }

    private String query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(query(sql));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    private Reply post(String path, JsonObject body) throws Exception {
        return postRaw(path, body.encode());
    }

    private Reply postRaw(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Reply postText(String path, String csv) throws Exception {
        return send(request(path).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private Reply put(String path, JsonObject body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    private int delete(String path) throws Exception {
        return send(request(path).DELETE()).status();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization);
    }

    private Reply send(HttpRequest.Builder builder) throws Exception {
        HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body());
    }
}
