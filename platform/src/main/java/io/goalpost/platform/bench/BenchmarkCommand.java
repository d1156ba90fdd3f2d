package io.goalpost.platform.bench;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.kpis.AnalyticsCache;
import io.goalpost.platform.storage.DatabaseUrl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./goalpost benchmark}: loads a synthetic history (default 1,000 accounts × 730 days × 15
 * metrics ≈ 11 M points) into a database of its own, creates goals through the API, and measures
 * the load rate (COPY with the roll-up triggers against a plain COPY of the same rows into the same
 * table, in the same run) and the latency of {@code GET /api/dashboard} and of a KPI roll-up over
 * all accounts at 16 and 64 concurrent clients, with and without the answer cache. Loopback only;
 * every loop is bounded.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, subcommands = SyncBenchmarkCommand.class,
        description = "Load a synthetic history, create goals and measure load rate and dashboard / KPI latency"
                + " ('benchmark sync': accounts synced from the sandboxes inside the networks' quotas).")
public final class BenchmarkCommand implements Callable<Integer> {

    /** The canonical social metrics, in the order {@code --metrics} takes them. */
    static final List<String> METRICS = List.of("followers", "views", "engagements", "reach", "reactions", "comments", "shares",
            "saves", "link_clicks", "profile_views", "video_views", "mentions", "posts_published", "follower_gains",
            "follower_losses");
    static final List<String> NETWORKS = List.of("facebook", "instagram", "linkedin", "tiktok", "x", "pinterest");
    static final String BENCH_DB = "goalpost_bench";

    @Option(names = "--database-url", defaultValue = "postgresql://postgres@127.0.0.1:5432/postgres",
            description = "A PostgreSQL server to use; the benchmark creates and afterwards drops its own database "
                    + BENCH_DB + " there (default: ${DEFAULT-VALUE}).")
    String databaseUrl;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--days", defaultValue = "730", description = "Days of history per account (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--metrics", defaultValue = "15", description = "Metrics per account and day, 1-15 (default: ${DEFAULT-VALUE}).")
    int metrics;

    @Option(names = "--goals", defaultValue = "50", description = "Goals to create (default: ${DEFAULT-VALUE}).")
    int goals;

    @Option(names = "--requests", defaultValue = "3000",
            description = "Requests per cached latency measurement (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--uncached-requests", defaultValue = "32",
            description = "Requests per uncached latency measurement (default: ${DEFAULT-VALUE}).")
    int uncachedRequests;

    @Option(names = "--alone-runs", defaultValue = "7",
            description = "Dashboard recomputations timed one at a time with the cache off (default: ${DEFAULT-VALUE}).")
    int aloneRuns;

    @Option(names = "--warm-up-runs", defaultValue = "60",
            description = "Dashboard recomputations run, not timed, before the timed ones: a server that has just "
                    + "started compiles its hot paths for a while (on two cores the JIT took a third of the CPU of the "
                    + "first runs), which a running server has long done (default: ${DEFAULT-VALUE}).")
    int warmUpRuns;

    @Option(names = "--write-requests", defaultValue = "3000",
            description = "Requests of the dashboard measurement while a sync writes 5 times a second (default: ${DEFAULT-VALUE}).")
    int writeRequests;

    @Option(names = "--batch-accounts", defaultValue = "50",
            description = "Accounts per COPY statement (default: ${DEFAULT-VALUE}).")
    int batchAccounts;

    @Option(names = "--database-name", defaultValue = BENCH_DB,
            description = "Name of the benchmark's own database, created and dropped (default: ${DEFAULT-VALUE}).")
    String benchDb = BENCH_DB;

    @Option(names = "--keep", description = "Keep the benchmark's database afterwards.")
    boolean keep;

    @Option(names = "--reuse", description = "Measure again on the database an earlier run left with --keep (same "
            + "--database-name): no load, no new goals. Implies --keep.")
    boolean reuse;

    private final PrintStream out;

    /** How the benchmark's requests sign in: an admin API token of the server it starts. */
    private String authorization;

    public BenchmarkCommand() {
        this(System.out);
    }

    BenchmarkCommand(PrintStream out) {
        this.out = out;
    }

    /** One latency measurement. */
    record Latency(String endpoint, String mode, int clients, int requests, double p50, double p99, double max,
            double perSecond, int errors) {
    }

    @Override
    public Integer call() throws Exception {
        if (metrics < 1 || metrics > METRICS.size() || accounts < 1 || days < 14 || goals < 0) {
            out.println("--metrics must be 1-15, --accounts ≥ 1, --days ≥ 14, --goals ≥ 0");
            return 2;
        }
        DatabaseUrl admin = DatabaseUrl.parse(databaseUrl);
        if (!benchDb.matches("[a-z_][a-z0-9_]{0,62}")) {
            out.println("--database-name must be a plain lower-case PostgreSQL name, got " + benchDb);
            return 2;
        }
        DatabaseUrl bench = new DatabaseUrl(admin.host(), admin.port(), benchDb, admin.user(), admin.password());
        if (!isLoopback(admin.host())) {
            out.println("The benchmark only runs against a PostgreSQL on this machine (loopback), not " + admin.host());
            return 2;
        }
        if (!reuse) {
            adminSql(admin, "DROP DATABASE IF EXISTS " + benchDb + " WITH (FORCE)", "CREATE DATABASE " + benchDb);
        } else if (!databaseExists(admin, benchDb)) {
            out.println("--reuse: there is no database " + benchDb + " to measure again; run ./goalpost benchmark --keep first"
                    + " (a run without --keep drops its database at the end)");
            return 2;
        }
        Path dataDir = Files.createTempDirectory("goalpost-bench");
        Path pluginsDir = Files.createDirectories(dataDir.resolve("plugins"));
        String url = "postgresql://" + enc(bench.user()) + (bench.password().isEmpty() ? "" : ":" + enc(bench.password()))
                + "@" + bench.host() + ":" + bench.port() + "/" + benchDb;
        GoalpostServer server = null;
        try {
            // No network plugins and no outbound requests: the default outbound policy (no private addresses).
            server = GoalpostServer.start(new ServerConfig(0, dataDir, Optional.of(url), pluginsDir, Set.of(),
                    false, Duration.ofDays(3650)));
            authorization = "Bearer " + io.goalpost.platform.sync.Blocking.await(server.access()
                    .toolToken("benchmark", io.goalpost.platform.access.Role.ADMIN, "benchmark"));
            run(bench, server.port());
            return 0;
        } finally {
            AnalyticsCache.setEnabled(true);
            if (server != null) {
                server.close();
            }
            if (!keep && !reuse) {
                adminSql(admin, "DROP DATABASE IF EXISTS " + benchDb + " WITH (FORCE)");
            }
            deleteTree(dataDir);
        }
    }

    private void run(DatabaseUrl db, int port) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(days);
        long points = (long) accounts * days * metrics;
        out.printf(Locale.ROOT, "Goalpost benchmark: %,d accounts × %,d days × %d metrics = %,d points; %d goals; %d CPUs%n",
                accounts, days, metrics, points, goals, Runtime.getRuntime().availableProcessors());
        long[] ids;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port + "/api";
        if (reuse) {
            try (Connection c = jdbc(db); Statement st = c.createStatement();
                    var rs = st.executeQuery("SELECT id FROM account WHERE name LIKE 'Bench account %' ORDER BY id")) {
                List<Long> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
                ids = found.stream().mapToLong(Long::longValue).toArray();
            }
            out.printf(Locale.ROOT, "Reusing %s: %,d accounts as loaded before; no load, no new goals%n", db.database(), ids.length);
        } else {
            ids = loadAndCreateGoals(db, http, base, first, today, points);
        }

        String dashboard = base + "/dashboard";
        String rollup = base + "/kpis/engagement_rate_views?from=" + today.minusDays(91) + "&to=" + today.minusDays(1)
                + "&granularity=week";
        long t0 = System.nanoTime();
        int status = get(http, dashboard).statusCode();
        out.printf(Locale.ROOT, "First (cold) GET /api/dashboard: %.0f ms (HTTP %d)%n", (System.nanoTime() - t0) / 1e6, status);
        t0 = System.nanoTime();
        status = get(http, rollup).statusCode();
        out.printf(Locale.ROOT, "First (cold) KPI roll-up over all accounts: %.0f ms (HTTP %d)%n", (System.nanoTime() - t0) / 1e6,
                status);

        // A full recomputation with nothing else asking: the cache off, one request at a time, after
        // the warm-up; the median says what one cache miss costs a server that has been running.
        AnalyticsCache.setEnabled(false);
        for (int i = 0; i < warmUpRuns; i++) {
            get(http, dashboard);
        }
        double[] alone = new double[Math.max(1, aloneRuns)];
        long jitMillis = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        double jvmCpu = ProcessCpu.jvmSeconds();
        OptionalDouble pgCpu = ProcessCpu.postgresSeconds();
        for (int i = 0; i < alone.length; i++) {
            t0 = System.nanoTime();
            get(http, dashboard);
            alone[i] = (System.nanoTime() - t0) / 1e6;
        }
        jvmCpu = ProcessCpu.jvmSeconds() - jvmCpu;
        jitMillis = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMillis;
        OptionalDouble pgCpuAfter = ProcessCpu.postgresSeconds();
        AnalyticsCache.setEnabled(true);
        Arrays.sort(alone);
        out.printf(Locale.ROOT, "GET /api/dashboard recomputed alone (cache off, one at a time), %d runs: median %.0f ms, "
                + "min %.0f ms, max %.0f ms (target: median ≤ 250 ms)%n", alone.length, alone[alone.length / 2], alone[0],
                alone[alone.length - 1]);
        String pgPerRun = pgCpu.isPresent() && pgCpuAfter.isPresent()
                ? String.format(Locale.ROOT, "%.0f ms", (pgCpuAfter.getAsDouble() - pgCpu.getAsDouble()) * 1000 / alone.length)
                : "not measured (no /proc)";
        out.printf(Locale.ROOT, "  CPU per recomputation: PostgreSQL %s, this JVM (server and client) %.0f ms; the JIT was still "
                + "compiling (%.0f ms of compile time per recomputation)%n", pgPerRun, jvmCpu * 1000 / alone.length,
                (double) jitMillis / alone.length);

        List<Latency> results = new ArrayList<>();
        String rollupName = "GET /api/kpis/engagement_rate_views (all accounts, 13 weeks)";
        for (int clients : new int[] {16, 64}) {
            results.add(measure("GET /api/dashboard", "cached", dashboard, clients, requests, null, db));
            results.add(measure(rollupName, "cached", rollup, clients, requests, null, db));
        }
        // Every request recomputed from the roll-up tables (the cost of a cache miss under load).
        AnalyticsCache.setEnabled(false);
        results.add(measure("GET /api/dashboard", "uncached", dashboard, 16, uncachedRequests, null, db));
        results.add(measure(rollupName, "uncached", rollup, 16, uncachedRequests, null, db));
        AnalyticsCache.setEnabled(true);
        // What a miss costs as the product meets it: a person's edit (a goal saved) makes every answer
        // stale at once, and 16 clients ask right after it; they share one recomputation.
        results.add(missesTogether(http, i -> dashboard, "missed together (edit)", 16, Math.max(1, uncachedRequests / 2), db));
        // The same edit, but the 16 clients each ask for a range of their own: 16 different answers,
        // which share only what does not depend on the range (the goals' evaluation).
        results.add(missesTogether(http, i -> dashboard + "?from=" + today.minusDays(27 + i) + "&to=" + today.minusDays(i),
                "missed together, ranges", 16, Math.max(1, uncachedRequests / 2), db));
        // A sync-like writer upserts a point 5 times a second: every write supersedes the cached answers.
        results.add(measure("GET /api/dashboard", "cached + 5 sync writes/s", dashboard, 16, writeRequests, ids, db));
        out.println("Latency (closed loop over loopback; client, server and PostgreSQL share this machine):");
        out.printf(Locale.ROOT, "  %-62s %-24s %7s %8s %8s %8s %8s %8s %6s%n", "endpoint", "answers", "clients", "requests",
                "p50 ms", "p99 ms", "max ms", "req/s", "errors");
        for (Latency l : results) {
            out.printf(Locale.ROOT, "  %-62s %-24s %7d %8d %8.1f %8.1f %8.1f %8.0f %6d%n", l.endpoint(), l.mode(), l.clients(),
                    l.requests(), l.p50(), l.p99(), l.max(), l.perSecond(), l.errors());
        }
        out.println("Targets: dashboard cached p99 ≤ 50 ms at 16 clients and ≤ 150 ms at 64, ≤ 50 ms at 16 while a sync writes"
                + " 5 times a second; 16 clients missing different answers together p99 ≤ 2 s ('missed together, ranges', and"
                + " the stricter 'uncached'); load ≥ 0.5 × plain COPY.");
        out.println("'cached': answers are reused until the data they depend on changes; after a sync's write the previous"
                + " answer is served while one recomputation runs (AnalyticsCache). 'uncached': the cache off, every request"
                + " recomputed from the roll-up tables, nothing shared. 'missed together (edit)': after a person's edit 16 clients"
                + " ask at once for the same dashboard and share one recomputation. 'missed together, ranges': after an edit"
                + " 16 clients ask at once, each for a range of its own: 16 answers, sharing only the goals' evaluation.");
    }

    /**
     * Re-importing changed values: an UPDATE of up to 5,000 stored points of one account, with the
     * roll-up triggers and without them (each in a transaction rolled back, so the data stays as loaded).
     */
    private void updateCost(Connection c, long account) throws SQLException {
        c.setAutoCommit(false);
        double[] ms = new double[2];
        int rows = 0;
        for (int run = 0; run < 2; run++) {
            try (Statement st = c.createStatement()) {
                if (run == 1) {
                    st.execute("ALTER TABLE metric_point DISABLE TRIGGER USER");
                }
                long t0 = System.nanoTime();
                rows = st.executeUpdate("UPDATE metric_point SET value = value + 1, source = 'csv' WHERE (account_id, metric, day) IN "
                        + "(SELECT account_id, metric, day FROM metric_point WHERE account_id = " + account
                        + " ORDER BY metric, day LIMIT 5000)");
                ms[run] = (System.nanoTime() - t0) / 1e6;
            } finally {
                c.rollback();
            }
        }
        c.setAutoCommit(true);
        out.printf(Locale.ROOT, "UPDATE of %,d stored points (a re-import with changed values): %.0f ms with roll-up maintenance, "
                + "%.0f ms without%n", rows, ms[0], ms[1]);
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Connection jdbc(DatabaseUrl db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    static boolean databaseExists(DatabaseUrl admin, String name) throws SQLException {
        try (Connection c = jdbc(admin); java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void adminSql(DatabaseUrl admin, String... sql) throws SQLException {
        try (Connection c = jdbc(admin); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** Loads every account's history (plain COPY, then with roll-ups) and creates the goals; answers the account ids. */
    private long[] loadAndCreateGoals(DatabaseUrl db, HttpClient http, String base, LocalDate first, LocalDate today,
            long points) throws Exception {
        long[] ids;
        try (Connection c = jdbc(db)) {
            ids = createAccounts(c);
        }
        // 1. Plain COPY into metric_point with the roll-up and extent triggers off, then the same rows with them on.
        double plain;
        double real;
        try (Connection c = jdbc(db)) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE metric_point DISABLE TRIGGER metric_point_rollup_insert");
                st.execute("ALTER TABLE metric_point DISABLE TRIGGER metric_point_extent_insert");
            }
            plain = load(c, ids, first);
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE metric_point ENABLE TRIGGER metric_point_rollup_insert");
                st.execute("ALTER TABLE metric_point ENABLE TRIGGER metric_point_extent_insert");
                st.execute("TRUNCATE metric_point");
                st.execute("CHECKPOINT");
            }
            real = load(c, ids, first);
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE metric_point");
                st.execute("VACUUM ANALYZE metric_week");
                st.execute("VACUUM ANALYZE metric_month");
            }
            double vac = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "Load (COPY, %d accounts per statement):%n", batchAccounts);
            out.printf(Locale.ROOT, "  plain COPY into metric_point (roll-up triggers off): %,12.0f points/s  (%.1f s)%n",
                    points / plain, plain);
            out.printf(Locale.ROOT, "  COPY with roll-up maintenance (triggers on):         %,12.0f points/s  (%.1f s) = %.2f × plain"
                    + " (target ≥ 0.50)%n", points / real, real, plain / real);
            out.printf(Locale.ROOT, "  VACUUM ANALYZE afterwards (not counted):            %.1f s%n", vac);
            try (Statement st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT (SELECT count(*) FROM metric_point), (SELECT count(*) FROM metric_week), "
                            + "(SELECT count(*) FROM metric_month)")) {
                rs.next();
                out.printf(Locale.ROOT, "  rows: metric_point %,d, metric_week %,d, metric_month %,d%n", rs.getLong(1),
                        rs.getLong(2), rs.getLong(3));
            }
        }
        try (Connection c = jdbc(db)) {
            updateCost(c, ids[0]);
        }
        int created = createGoals(http, base, ids, today);
        out.printf(Locale.ROOT, "Goals created through POST /api/goals: %d of %d%n", created, goals);

        return ids;
    }

    private long[] createAccounts(Connection c) throws SQLException {
        long[] ids = new long[accounts];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (network, name) VALUES (?, ?) RETURNING id")) {
            for (int i = 0; i < accounts; i++) {
                ps.setString(1, NETWORKS.get(i % NETWORKS.size()));
                ps.setString(2, "Bench account " + (i + 1));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    /** COPYs every account's history, batch by batch; answers the seconds spent in COPY (generation excluded). */
    private double load(Connection c, long[] ids, LocalDate first) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long nanos = 0;
        for (int from = 0; from < ids.length; from += batchAccounts) {
            byte[] csv = generate(ids, from, Math.min(ids.length, from + batchAccounts), first);
            long t0 = System.nanoTime();
            copy.copyIn("COPY metric_point (account_id, metric, day, value) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(csv));
            nanos += System.nanoTime() - t0;
        }
        return nanos / 1e9;
    }

    /** Deterministic, plausible daily values: growing audiences, weekly rhythm, noise. */
    byte[] generate(long[] ids, int from, int to, LocalDate first) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream((to - from) * days * metrics * 32);
        StringBuilder line = new StringBuilder(64);
        for (int a = from; a < to; a++) {
            Random rnd = new Random(ids[a] * 7919L);
            double followers = 500 + rnd.nextInt(50_000);
            double growth = rnd.nextInt(40);
            double views = 200 + rnd.nextInt(20_000);
            double rate = 0.01 + rnd.nextDouble() * 0.05;
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                double weekly = day.getDayOfWeek().getValue() >= 6 ? 0.8 : 1.05;
                long gains = Math.max(0, Math.round(growth * (0.7 + 0.6 * rnd.nextDouble())));
                long losses = Math.round(gains * 0.2 * rnd.nextDouble());
                followers += gains - losses;
                long v = Math.round(views * weekly * (0.7 + 0.6 * rnd.nextDouble()));
                long eng = Math.round(v * rate * (0.8 + 0.4 * rnd.nextDouble()));
                long[] values = {Math.round(followers), v, eng, Math.round(v * 0.62), Math.round(eng * 0.6), Math.round(eng * 0.1),
                        Math.round(eng * 0.1), Math.round(eng * 0.05), Math.round(v * 0.008), Math.round(v * 0.02),
                        Math.round(v * 0.3), rnd.nextInt(6), rnd.nextInt(4), gains, losses};
                String dayText = day.toString();
                for (int m = 0; m < metrics; m++) {
                    line.setLength(0);
                    line.append(ids[a]).append(',').append(METRICS.get(m)).append(',').append(dayText).append(',')
                            .append(values[m]).append('\n');
                    byte[] b = line.toString().getBytes(StandardCharsets.US_ASCII);
                    buf.write(b, 0, b.length);
                }
            }
        }
        return buf.toByteArray();
    }

    private int createGoals(HttpClient http, String base, long[] ids, LocalDate today) throws Exception {
        int ok = 0;
        for (int g = 0; g < goals; g++) {
            String net = NETWORKS.get(g % NETWORKS.size());
            JsonObject scope = new JsonObject().put("networks", new JsonArray().add(net));
            JsonObject target;
            String kpi;
            String objective;
            switch (g % 5) {
                case 0 -> {
                    kpi = "followers";
                    objective = "brand_awareness";
                    target = new JsonObject().put("type", "increase_pct").put("value", 10);
                }
                case 1 -> {
                    kpi = "engagement_rate_views";
                    objective = "community_engagement";
                    target = new JsonObject().put("type", "increase_by").put("value", 0.5);
                }
                case 2 -> {
                    kpi = "views";
                    objective = "brand_awareness";
                    target = new JsonObject().put("type", "increase_pct").put("value", 15);
                }
                case 3 -> {
                    kpi = "link_clicks";
                    objective = "website_traffic";
                    JsonArray some = new JsonArray();
                    for (int i = 0; i < 20; i++) {
                        some.add(ids[(g * 37 + i * 13) % ids.length]);
                    }
                    scope = new JsonObject().put("accounts", some);
                    target = new JsonObject().put("type", "increase_pct").put("value", 20);
                }
                default -> {
                    kpi = "click_through_rate";
                    objective = "website_traffic";
                    scope = new JsonObject();
                    target = new JsonObject().put("type", "increase_by").put("value", 0.1);
                }
            }
            if (metrics <= METRICS.indexOf(kpi.equals("engagement_rate_views") ? "engagements"
                    : kpi.equals("click_through_rate") ? "link_clicks" : kpi)) {
                kpi = "followers";
                objective = "brand_awareness";
                target = new JsonObject().put("type", "increase_pct").put("value", 10);
            }
            JsonObject body = new JsonObject().put("title", "Bench goal " + (g + 1)).put("objective", objective).put("kpi", kpi)
                    .put("scope", scope).put("target", target)
                    .put("start", today.minusDays(30 + g % 10).toString()).put("deadline", today.plusDays(60 + g).toString());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/goals"))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                ok++;
            } else {
                out.println("  goal " + (g + 1) + " refused: " + r.statusCode() + " " + r.body());
            }
        }
        return ok;
    }

    private HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Closed loop: {@code clients} threads send {@code total} requests between them, each waiting for
     * its answer before the next. With {@code writeIds}, a writer upserts one point a second meanwhile
     * (as a sync would), which invalidates cached answers.
     */
    private Latency measure(String endpoint, String mode, String url, int clients, int total, long[] writeIds, DatabaseUrl db)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        // Warm up (JIT, connections, PostgreSQL's buffers) so the figures are the steady state.
        int warm = Math.max(clients * 3, Math.min(total, 1000));
        runLoop(http, url, pool, clients, warm, new long[warm], new AtomicInteger());
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = null;
        if (writeIds != null) {
            writer = new Thread(() -> writeLoop(db, writeIds, stop), "bench-writer");
            writer.start();
        }
        long[] lat = new long[total];
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        runLoop(http, url, pool, clients, total, lat, errors);
        double secs = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        if (writer != null) {
            writer.join(10_000);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        Arrays.sort(lat);
        return new Latency(endpoint, mode, clients, total, lat[(int) Math.floor(0.50 * (total - 1))] / 1e6,
                lat[(int) Math.floor(0.99 * (total - 1))] / 1e6, lat[total - 1] / 1e6, total / secs, errors.get());
    }

    /**
     * {@code rounds} times: a person's edit (a goal's owner saved again, which moves the edit counter the
     * cache checks), then {@code clients} requests at once; answers the latency of every request.
     */
    private Latency missesTogether(HttpClient http, java.util.function.IntFunction<String> urlOfClient, String mode, int clients,
            int rounds, DatabaseUrl db) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] lat = new long[clients * rounds];
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        try (Connection c = jdbc(db); Statement st = c.createStatement()) {
            for (int r = 0; r < rounds; r++) {
                st.executeUpdate("UPDATE goal SET owner = owner WHERE id = (SELECT min(id) FROM goal)");
                List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
                int base = r * clients;
                for (int i = 0; i < clients; i++) {
                    int slot = base + i;
                    HttpRequest req = HttpRequest.newBuilder(URI.create(urlOfClient.apply(i))).header("Authorization", authorization)
                            .timeout(Duration.ofSeconds(120)).GET().build();
                    fs.add(pool.submit(() -> {
                        long s = System.nanoTime();
                        try {
                            if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        lat[slot] = System.nanoTime() - s;
                    }));
                }
                for (var f : fs) {
                    f.get(5, TimeUnit.MINUTES);
                }
            }
        } finally {
            pool.shutdown();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        int total = lat.length;
        Arrays.sort(lat);
        return new Latency("GET /api/dashboard", mode, clients, total,
                lat[(int) Math.floor(0.50 * (total - 1))] / 1e6, lat[(int) Math.floor(0.99 * (total - 1))] / 1e6,
                lat[total - 1] / 1e6, total / secs, errors.get());
    }

    private void runLoop(HttpClient http, String url, ExecutorService pool, int clients, int total, long[] lat,
            AtomicInteger errors) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(120)).GET().build();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    lat[i] = System.nanoTime() - s;
                }
            }));
        }
        for (var f : fs) {
            f.get(30, TimeUnit.MINUTES);
        }
    }

    private static void writeLoop(DatabaseUrl db, long[] ids, AtomicBoolean stop) {
        String upsert = "INSERT INTO metric_point (account_id, metric, day, value, source) VALUES (?, 'views', ?, ?, 'sync') "
                + "ON CONFLICT (account_id, metric, day) DO UPDATE SET value = EXCLUDED.value "
                + "WHERE metric_point.value IS DISTINCT FROM EXCLUDED.value";
        Random rnd = new Random(42);
        try (Connection c = jdbc(db); PreparedStatement ps = c.prepareStatement(upsert)) {
            for (int i = 0; i < 18_000 && !stop.get(); i++) {
                ps.setLong(1, ids[rnd.nextInt(ids.length)]);
                ps.setObject(2, LocalDate.now(ZoneOffset.UTC).minusDays(1));
                ps.setDouble(3, rnd.nextInt(100_000));
                ps.executeUpdate();
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            System.err.println("bench writer stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files; nothing to do
        }
    }

    /** Runs the benchmark from the command line (the lead registers it as {@code ./goalpost benchmark}). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchmarkCommand()).execute(args));
    }
}
