package io.goalpost.platform.kpis;

import io.goalpost.platform.access.AccessControl;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.api.ApiServer;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.plugins.NetworkCatalog;
import io.goalpost.platform.storage.Database;
import io.goalpost.platform.storage.DatabaseUrl;
import io.goalpost.platform.testing.TestDatabase;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.HistoryLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, migrated PostgreSQL database ({@link TestDatabase}: 127.0.0.1:5432 or -Dgoalpost.test.pg) with the analytics routes served over
 * HTTP on a free port, a settable clock and a fixed network catalog: facebook reports the social
 * metrics; x declares reach unavailable; linkedin declares shares unavailable. Flows are final two
 * days after the fact (today and yesterday are not), LinkedIn's views and engagements three; levels
 * at once.
 */
public final class AnalyticsHarness implements AutoCloseable {

    private final Vertx vertx;
    private final Database db;
    private final HttpServer server;
    private final TestDatabase testDb;
    private final DatabaseUrl url;
    private final SettableClock clock;
    /** The harness's requests act as an editor, through an API token. */
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A clock whose day tests set. */
    public static final class SettableClock extends Clock {
        private volatile Instant now;

        public SettableClock(LocalDate today) {
            set(today);
        }

        /** Moves the clock to noon UTC of a day. */
        public void set(LocalDate today) {
            now = today.atTime(12, 0).toInstant(ZoneOffset.UTC);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An HTTP answer. */
    public record Reply(int status, String body) {
        /** The body as JSON. */
        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    private AnalyticsHarness(Vertx vertx, Database db, HttpServer server, TestDatabase testDb, DatabaseUrl url,
            SettableClock clock, String token) {
        this.token = token;
        this.vertx = vertx;
        this.db = db;
        this.server = server;
        this.testDb = testDb;
        this.url = url;
        this.clock = clock;
    }

    /** The test catalog. */
    public static NetworkCatalog catalog() {
        HistoryLimits h = new HistoryLimits(730, 90, 1, false);
        AdapterDescriptor fb = AdapterDescriptor.builder("facebook", "Facebook")
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.REACH, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.SHARES, CanonicalMetric.REACTIONS, CanonicalMetric.LINK_CLICKS)
                .history(h).allowedHosts("graph.facebook.com").build();
        AdapterDescriptor x = AdapterDescriptor.builder("x", "X")
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.ENGAGEMENTS, CanonicalMetric.SHARES)
                .cannotReport(CanonicalMetric.REACH, "the X API has no reach")
                .history(h).allowedHosts("api.x.com").build();
        AdapterDescriptor li = AdapterDescriptor.builder("linkedin", "LinkedIn")
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.ENGAGEMENTS)
                .reportingLag(CanonicalMetric.VIEWS, 3).reportingLag(CanonicalMetric.ENGAGEMENTS, 3)
                .cannotReport(CanonicalMetric.SHARES, "the organization statistics have no share count")
                .history(h).allowedHosts("api.linkedin.com").build();
        List<AdapterDescriptor> all = List.of(fb, li, x);
        return new NetworkCatalog() {
            @Override
            public List<AdapterDescriptor> networks() {
                return all;
            }

            @Override
            public Optional<AdapterDescriptor> network(String id) {
                return all.stream().filter(d -> d.networkId().equals(id)).findFirst();
            }
        };
    }

    /** Starts a fresh database and server with the clock on {@code today}. */
    public static AnalyticsHarness start(LocalDate today) throws Exception {
        TestDatabase testDb = new TestDatabase();
        DatabaseUrl url = DatabaseUrl.parse(testDb.url());
        Vertx vertx = Vertx.vertx();
        Database db = Database.connect(vertx, url, Optional.empty());
        SettableClock clock = new SettableClock(today);
        AuditLog audit = new AuditLog(db.pool());
        AccessControl access = new AccessControl(vertx, db.pool(), audit, clock, HttpBinding.loopback());
        HttpServer server = ApiServer.listen(vertx, ApiServer.router(vertx, AnalyticsModules.withReports(vertx, db, catalog(), clock, audit).routes(),
                access.authenticator()), 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String token = access.toolToken("harness", Role.EDITOR, "harness").toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return new AnalyticsHarness(vertx, db, server, testDb, url, clock, token);
    }

    /**
     * A second instance on the same database, as a second server behind a reverse proxy would be: its
     * own Vert.x, pools, analytics cache and API token. Closing it leaves the database to this harness.
     */
    public AnalyticsHarness secondInstance() throws Exception {
        Vertx vertx2 = Vertx.vertx();
        Database db2 = Database.connect(vertx2, url, Optional.empty());
        AuditLog audit = new AuditLog(db2.pool());
        AccessControl access = new AccessControl(vertx2, db2.pool(), audit, clock, HttpBinding.loopback());
        HttpServer server2 = ApiServer.listen(vertx2, ApiServer.router(vertx2, AnalyticsModules.withReports(vertx2, db2, catalog(),
                clock, audit).routes(), access.authenticator()), 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String token2 = access.toolToken("harness-2", Role.EDITOR, "harness-2").toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return new AnalyticsHarness(vertx2, db2, server2, null, url, clock, token2);
    }

    /** The clock. */
    public SettableClock clock() {
        return clock;
    }

    /** The database. */
    public Database db() {
        return db;
    }

    /** A JDBC connection to the test database (caller closes). */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    /** Runs SQL statements. */
    public void sql(String... statements) throws SQLException {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Creates an account; returns its id. */
    public long account(String network, String name) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO account (network, name) VALUES (?, ?) RETURNING id")) {
            ps.setString(1, network);
            ps.setString(2, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Stores daily values from {@code from} onwards (null = day not reported). */
    public void series(long accountId, String metric, LocalDate from, Double... values) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO metric_point (account_id, metric, day, value) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    continue;
                }
                ps.setLong(1, accountId);
                ps.setString(2, metric);
                ps.setObject(3, from.plusDays(i));
                ps.setDouble(4, values[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Stores one value per day for a range, computed from the day index. */
    public void daily(long accountId, String metric, LocalDate from, LocalDate to, java.util.function.IntToDoubleFunction f)
            throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO metric_point (account_id, metric, day, value) VALUES (?, ?, ?, ?)")) {
            int i = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1), i++) {
                ps.setLong(1, accountId);
                ps.setString(2, metric);
                ps.setObject(3, d);
                ps.setDouble(4, f.applyAsDouble(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** GET. */
    public Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET, answering the body's bytes (a PDF) with the status and Content-Type. */
    public BytesReply getBytes(String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new BytesReply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** An HTTP answer read as bytes. */
    public record BytesReply(int status, String contentType, byte[] body) {
    }

    /** POST JSON. */
    public Reply post(String path, JsonObject body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** POST text. */
    public Reply postText(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** PUT JSON. */
    public Reply put(String path, JsonObject body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    /** DELETE. */
    public Reply delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/api" + path);
    }

    private Reply send(HttpRequest.Builder req) throws Exception {
        HttpResponse<String> r = http.send(req.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    @Override
    public void close() throws Exception {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            db.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            if (testDb != null) {
                testDb.close();
            }
        }
    }
}
