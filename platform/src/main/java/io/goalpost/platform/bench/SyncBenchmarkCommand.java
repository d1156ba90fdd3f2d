package io.goalpost.platform.bench;

import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.demo.SandboxServer;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.plugins.PluginTrust;
import io.goalpost.platform.plugins.SandboxRegistry;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.storage.DatabaseUrl;
import io.goalpost.platform.sync.Blocking;
import io.goalpost.platform.sync.QuotaBuckets;
import io.goalpost.platform.sync.SyncScheduler;
import io.goalpost.plugin.api.CallQuota;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.sandbox.SandboxLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./goalpost benchmark sync}: connects N accounts (default 1,000) spread over the six networks'
 * sandboxes, each network behind a {@link NetworkSimulator} that adds its latency (default 300 ms per
 * call) and enforces its declared quotas the way the network does, and measures the server's sync:
 * the initial backfill of every account, then one incremental sync of every account made due at once,
 * with the accounts synced per minute, each network's quotas used against what they allow, the 429s
 * the simulated networks answered (unplanned: the host should draw none) and the server's RSS. The server
 * under test runs as {@code goalpost serve} in its own JVM ({@link ChildJvm}, options {@code --server-jvm-options}),
 * so that its RSS (sampled from /proc every second, {@link RssSampler}) is the server's alone; the sandboxes, their
 * synthetic histories and the simulators stay in this process. Loopback only; every wait is bounded.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync N accounts from the six sandboxes with simulated latency and quotas; print accounts per minute,"
                + " backfill time, quota used vs allowed, unplanned 429s and RSS.")
public final class SyncBenchmarkCommand implements Callable<Integer> {

    static final String BENCH_DB = "goalpost_bench_sync";

    /** The server JVM's options unless --server-jvm-options says otherwise (see docs/performance.md for the measurements). */
    static final String DEFAULT_SERVER_JVM_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "
            + "-XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=128m -Xss512k MALLOC_ARENA_MAX=2";

    /** The development key's resource beside {@link PluginTrust} (PluginTrust.DEV_KEY_RESOURCE, package-private there). */
    private static final String DEV_KEY_RESOURCE = "goalpost-dev-plugin-signing.pub";

    @Option(names = "--database-url", defaultValue = "postgresql://postgres@127.0.0.1:5432/postgres",
            description = "A PostgreSQL server on this machine; the benchmark creates and afterwards drops its own database"
                    + " there (default: ${DEFAULT-VALUE}).")
    String databaseUrl;

    @Option(names = "--database-name", defaultValue = BENCH_DB, description = "Its own database (default: ${DEFAULT-VALUE}).")
    String benchDb = BENCH_DB;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts, spread over the networks (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--latency-ms", defaultValue = "300", description = "Latency of every network call (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--time-scale", defaultValue = "1",
            description = "Compress every quota window this many times, in the simulated networks and the server's buckets"
                    + " alike (e.g. 60: a day's quota resets every 24 minutes), so a long run finishes in minutes (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--quota-scale", defaultValue = "1",
            description = "Shrink every declared quota limit to this share (0 to 1], in the simulated networks and the server's"
                    + " buckets alike: a small app's quotas, so that one binds and its use can be measured (default: ${DEFAULT-VALUE}).")
    double quotaScale;

    @Option(names = "--threads", description = "Syncs run at once (default: the server's, " + SyncScheduler.DEFAULT_THREADS
            + ", or " + SyncScheduler.THREADS_ENV + ").")
    Integer threads;

    @Option(names = "--networks", split = ",",
            description = "Only these networks' sandboxes (e.g. tiktok), so that one network's app quota meets the demand of every"
                    + " sync thread and binds (default: every network with a sandbox).")
    List<String> onlyNetworks;

    @Option(names = "--plugins-dir", defaultValue = "${env:GOALPOST_PLUGINS_DIR:-platform/target/plugins}",
            description = "The plugin zips with their sandboxes (default: ${DEFAULT-VALUE}).")
    Path pluginsDir;

    @Option(names = "--timeout-minutes", defaultValue = "60", description = "Give up a phase after this long (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--server-jvm-options", defaultValue = DEFAULT_SERVER_JVM_OPTIONS,
            description = "Options of the server's JVM, which runs apart from the sandboxes and simulators so that its RSS is its own;"
                    + " NAME=value words are environment variables for it, e.g. MALLOC_ARENA_MAX=2 (default: ${DEFAULT-VALUE}).")
    String serverJvmOptions;

    @Option(names = "--keep", description = "Keep the benchmark's database afterwards.")
    boolean keep;

    private final PrintStream out;

    public SyncBenchmarkCommand() {
        this(System.out);
    }

    SyncBenchmarkCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (accounts < 1 || latencyMs < 0 || !(timeScale >= 1) || !(quotaScale > 0 && quotaScale <= 1) || timeoutMinutes < 1
                || (threads != null && (threads < 1 || threads > SyncScheduler.MAX_THREADS))) {
            out.println("--accounts ≥ 1, --latency-ms ≥ 0, --time-scale ≥ 1, --quota-scale above 0 and at most 1, --timeout-minutes ≥ 1, --threads 1-"
                    + SyncScheduler.MAX_THREADS);
            return 2;
        }
        DatabaseUrl admin = DatabaseUrl.parse(databaseUrl);
        if (!benchDb.matches("[a-z_][a-z0-9_]{0,62}") || !BenchmarkCommand.isLoopback(admin.host())) {
            out.println("--database-name must be a plain lower-case name and the database on this machine (loopback)");
            return 2;
        }
        DatabaseUrl bench = new DatabaseUrl(admin.host(), admin.port(), benchDb, admin.user(), admin.password());
        BenchmarkCommand.adminSql(admin, "DROP DATABASE IF EXISTS " + benchDb + " WITH (FORCE)", "CREATE DATABASE " + benchDb);
        Path dataDir = Files.createTempDirectory("goalpost-bench-sync");
        String url = "postgresql://" + BenchmarkCommand.enc(bench.user()) + (bench.password().isEmpty() ? ""
                : ":" + BenchmarkCommand.enc(bench.password())) + "@" + bench.host() + ":" + bench.port() + "/" + benchDb;
        // Outside the data directory, which is deleted at the end: the log is what tells why a run failed.
        Path log = Files.createTempFile("goalpost-bench-server-", ".log");
        Vertx vertx = Vertx.vertx();
        List<NetworkSimulator> simulators = new ArrayList<>();
        ChildJvm server = null;
        RssSampler rss = null;
        try {
            // The build's plugins are signed with its development key: the server trusts it as the demo does,
            // through a key file in its data directory (serve itself never trusts the development key).
            Path keys = Files.createDirectories(dataDir.resolve("trusted-keys"));
            try (var in = PluginTrust.class.getResourceAsStream(DEV_KEY_RESOURCE)) {
                Files.write(keys.resolve(DEV_KEY_RESOURCE), java.util.Objects.requireNonNull(in, DEV_KEY_RESOURCE).readAllBytes());
            }
            Map<String, String> env = new LinkedHashMap<>();
            // The accounts' URLs point at the simulators on loopback, over plain http, as in the demo.
            env.put("GOALPOST_EXTRA_ALLOWED_HOSTS", "127.0.0.1");
            List<String> jvm = new ArrayList<>(ChildJvm.jvmOptions(serverJvmOptions, env));
            // The server reads these when it builds its buckets and scheduler: the same windows and limits as the simulators.
            jvm.add("-D" + QuotaBuckets.TIME_SCALE_PROPERTY + "=" + timeScale);
            jvm.add("-D" + QuotaBuckets.LIMIT_SCALE_PROPERTY + "=" + quotaScale);
            if (threads != null) {
                jvm.add("-Dgoalpost.sync.threads=" + threads);
            }
            List<String> command = ChildJvm.command(jvm, "io.goalpost.platform.Main", List.of("serve", "--port", "0",
                    "--host", "127.0.0.1", "--data-dir", dataDir.toString(), "--database-url", url,
                    "--plugins-dir", pluginsDir.toAbsolutePath().toString(), "--allow-private-api-hosts=true",
                    "--sync-interval-minutes", "360"));
            out.printf(Locale.ROOT, "Server under test: its own JVM (%s); its log: %s%n", String.join(" ", serverJvmOptions.trim()
                    .split("\\s+")), log);
            server = ChildJvm.start(command, env, log, "Goalpost is running at", Duration.ofMinutes(3), Duration.ofSeconds(20));
            rss = RssSampler.start(server.pid(), Duration.ofSeconds(1));
            run(server, rss, vertx, bench, dataDir, simulators);
            return 0;
        } finally {
            if (rss != null) {
                rss.close();
            }
            if (server != null) {
                server.close();
                out.printf(Locale.ROOT, "Server stopped; its log: %s%n", log);
            }
            simulators.forEach(NetworkSimulator::close);
            vertx.close();
            if (!keep) {
                BenchmarkCommand.adminSql(admin, "DROP DATABASE IF EXISTS " + benchDb + " WITH (FORCE)");
            }
            BenchmarkCommand.deleteTree(dataDir);
        }
    }

    /** A network under test: its simulator and the demo accounts of its sandbox. */
    private record Net(LoadedNetwork network, NetworkSimulator simulator, List<DemoAccount> demo) {
    }

    private void run(ChildJvm server, RssSampler rss, Vertx vertx, DatabaseUrl db, Path dataDir, List<NetworkSimulator> simulators)
            throws Exception {
        // This process loads the plugins too, for their descriptors (quotas) and the sandboxes' demo accounts,
        // in its own folder: the server unpacks its copy in plugins-unpacked.
        PluginTrust trust = PluginTrust.load(dataDir, List.of(), false).withDevelopmentKey();
        try (PluginRegistry plugins = PluginRegistry.load(pluginsDir.toAbsolutePath(), trust, dataDir.resolve("bench-plugins-unpacked"))) {
            run(server, rss, vertx, db, dataDir, simulators, trust, plugins);
        }
    }

    private void run(ChildJvm server, RssSampler rss, Vertx vertx, DatabaseUrl db, Path dataDir, List<NetworkSimulator> simulators,
            PluginTrust trust, PluginRegistry plugins) throws Exception {
        // The simulators enforce each network's declared quotas, with their windows compressed; a sandbox
        // counting its own limit in real minutes per demo account would throttle the bench accounts that
        // share one (TikTok's 40 a minute), which no real network does.
        System.setProperty(SandboxLimits.PROPERTY, "false");
        // The sandboxes are separate zips beside the plugins (only the demo and this benchmark load them).
        SandboxRegistry sandboxes = SandboxRegistry.load(SandboxRegistry.directory(Optional.empty(), pluginsDir.toAbsolutePath()),
                trust, dataDir.resolve("sandboxes-unpacked"));
        List<LoadedNetwork> networks = plugins.loadedNetworks().stream()
                .filter(n -> sandboxes.forNetwork(n.descriptor().networkId()).isPresent())
                .filter(n -> onlyNetworks == null || onlyNetworks.contains(n.descriptor().networkId())).toList();
        if (networks.isEmpty() && onlyNetworks != null) {
            throw new IllegalStateException("none of --networks " + String.join(",", onlyNetworks) + " has a plugin with a sandbox");
        }
        if (networks.isEmpty()) {
            throw new IllegalStateException("no plugin with a sandbox zip beside " + pluginsDir.toAbsolutePath()
                    + " (build them first: mvn install, or set --plugins-dir)");
        }
        out.printf(Locale.ROOT, "Goalpost sync benchmark: %,d accounts over %d networks, %d ms per call, quota windows ÷ %s, "
                + "quota limits × %s, %d sync threads, %d CPUs%n", accounts, networks.size(), latencyMs, fmt(timeScale), fmt(quotaScale),
                threads != null ? threads : SyncScheduler.threads(),
                Runtime.getRuntime().availableProcessors());
        // Each network's sandbox behind its simulator; its demo accounts point at the simulator.
        List<Net> nets = new ArrayList<>();
        for (LoadedNetwork n : networks) {
            SandboxRegistry.LoadedSandbox loaded = sandboxes.forNetwork(n.descriptor().networkId()).orElseThrow();
            HttpServer sandbox = Blocking.await(SandboxServer.start(vertx, loaded.sandbox(), loaded.classLoader(), Clock.systemUTC()));
            Map<String, Integer> sharers = new java.util.concurrent.ConcurrentHashMap<>();
            NetworkSimulator sim = new NetworkSimulator(vertx, n.descriptor(), sandbox.actualPort(), latencyMs, timeScale, quotaScale,
                    sharers);
            simulators.add(sim);
            HttpServer front = Blocking.await(sim.start());
            List<DemoAccount> demo = PluginRegistry.withLoader(loaded.classLoader(),
                    () -> loaded.sandbox().demoAccounts("http://127.0.0.1:" + front.actualPort()));
            if (!demo.isEmpty()) {
                nets.add(new Net(n, sim, demo));
            }
        }
        Credentials credentials = new Credentials(SecretCipher.load(System.getenv("GOALPOST_SECRET_KEY"), dataDir));
        try (Connection c = BenchmarkCommand.jdbc(db)) {
            createAccounts(c, nets, credentials);
        }
        long t0 = System.nanoTime();
        long[] before = calls(nets);
        out.println("Phase 1: initial backfill of every account (each network's whole history)");
        long backfilled = await(db, "backfill_done_at IS NOT NULL", accounts, t0, nets, server, rss).done();
        double backfill = (System.nanoTime() - t0) / 1e9;
        long[] afterBackfill = calls(nets);
        report(nets, backfill, before, afterBackfill);

        out.printf(Locale.ROOT, "Phase 2: one incremental sync of every backfilled account (%,d), all made due at once%n", backfilled);
        long t1 = System.nanoTime();
        try (Connection c = BenchmarkCommand.jdbc(db); Statement st = c.createStatement()) {
            st.execute("UPDATE sync_state SET last_success_at = NULL WHERE backfill_done_at IS NOT NULL");
            st.execute("UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'account-sync' AND NOT picked "
                    + "AND task_instance IN (SELECT account_id::text FROM sync_state WHERE backfill_done_at IS NOT NULL)");
        }
        Progress phase2 = await(db, "last_success_at IS NOT NULL AND backfill_done_at IS NOT NULL", backfilled, t1, nets, server, rss);
        long synced = phase2.done();
        double incremental = (System.nanoTime() - t1) / 1e9;
        report(nets, incremental, afterBackfill, calls(nets));
        out.printf(Locale.ROOT, "Summary: backfill of %,d of %,d accounts in %.1f min (%.0f accounts/min); incremental sync of "
                + "%,d accounts in %.1f min (%.0f accounts/min, target ≥ 1,000 where quotas allow; the first 90 %% at %.0f accounts/min); "
                + "unplanned 429s %d (target 0); throttled by a sandbox's own limit %d%n", backfilled, accounts, backfill / 60,
                backfilled / (backfill / 60), synced, incremental / 60, synced / (incremental / 60),
                phase2.ninetyPercentPerMinute(), refused(nets),
                nets.stream().mapToLong(n -> n.simulator().sandboxThrottles()).sum());
        // The peak is the kernel's high water mark, read while the server still runs.
        rss.close();
        long peak = rss.peakMb();
        out.printf(Locale.ROOT, "Server RSS: peak %d MB, p50 %d MB over the run (%d samples, 1 s apart); target ≤ 300 MB: %s. "
                + "This process (sandboxes, simulators, not the server): peak %d MB%n", peak, rss.p50Mb(), rss.samples(),
                peak < 0 ? "unknown (no /proc)" : peak <= 300 ? "met" : "MISSED", rssMb("VmHWM"));
    }

    private void createAccounts(Connection c, List<Net> nets, Credentials credentials) throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement account = c.prepareStatement("INSERT INTO account (network, name, config, secrets) "
                + "VALUES (?, ?, ?::jsonb, ?) RETURNING id");
                PreparedStatement state = c.prepareStatement("INSERT INTO sync_state (account_id, status) VALUES (?, 'pending')");
                PreparedStatement due = c.prepareStatement("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, priority, "
                        + "picked, version) VALUES ('account-sync', ?, now(), " + SyncScheduler.REGULAR + ", false, 1)")) {
            for (int i = 0; i < accounts; i++) {
                Net net = nets.get(i % nets.size());
                int k = i / nets.size();
                DemoAccount demo = net.demo().get(k % net.demo().size());
                ConfigSpec spec = net.network().descriptor().config();
                Map<String, String> config = new LinkedHashMap<>(demo.config());
                // The demo credential is shared by several bench accounts: its account quota counts them all.
                for (String key : spec.secretKeys()) {
                    String secret = config.get(key);
                    if (secret != null && !secret.isBlank()) {
                        simulatorSharers(net).merge(secret, 1, Integer::sum);
                    }
                }
                account.setString(1, net.network().descriptor().networkId());
                account.setString(2, "Bench " + net.network().descriptor().networkId() + " " + (k + 1));
                account.setString(3, new JsonObject(new LinkedHashMap<>(Credentials.plainPart(spec, config))).encode());
                account.setBytes(4, credentials.sealSecrets(spec, config));
                long id;
                try (ResultSet rs = account.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                state.setLong(1, id);
                state.executeUpdate();
                due.setString(1, Long.toString(id));
                due.executeUpdate();
            }
        }
        c.commit();
    }

    /** The sharers map a simulator was built with (the same map object, filled before the first request). */
    private static Map<String, Integer> simulatorSharers(Net net) {
        return net.simulator().sharers();
    }

    /**
     * How far a phase got: accounts done of those expected, and when 90 % of them were (the pace of the
     * bulk, apart from the last few accounts whose syncs happened to need the most calls); 0 when it
     * never got there.
     */
    private record Progress(long done, long expected, double ninetyPercentSeconds) {

        /** The accounts that make 90 % of those expected. */
        static long ninetyPercentOf(long expected) {
            return (long) Math.ceil(0.9 * expected);
        }

        /** Accounts a minute until 90 % were done; 0 when they never were. */
        double ninetyPercentPerMinute() {
            return ninetyPercentSeconds > 0 ? ninetyPercentOf(expected) / (ninetyPercentSeconds / 60) : 0.0;
        }
    }

    /**
     * Waits until {@code expected} accounts meet {@code condition} (or the others stopped with an error);
     * answers how many do, and when 90 % did. Prints progress every 30 s.
     */
    private Progress await(DatabaseUrl db, String condition, long expected, long since, List<Net> nets, ChildJvm server,
            RssSampler rss) throws Exception {
        long deadline = since + Duration.ofMinutes(timeoutMinutes).toNanos();
        long nextPrint = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long done = 0;
        double ninety = 0;
        try (Connection c = BenchmarkCommand.jdbc(db); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE " + condition + "), "
                        + "count(*) FILTER (WHERE status IN ('needs_reauth', 'permission_missing', 'config_invalid', "
                        + "'plugin_missing', 'quota_exhausted', 'error')) FROM sync_state")) {
                    rs.next();
                    done = rs.getLong(1);
                    long stuck = rs.getLong(2);
                    if (ninety == 0 && done >= Progress.ninetyPercentOf(expected)) {
                        ninety = (System.nanoTime() - since) / 1e9;
                    }
                    if (!server.handle().isAlive()) {
                        throw new IllegalStateException("the server exited; the end of its log:\n" + server.tail(30));
                    }
                    if (done >= expected || done + stuck >= accounts) {
                        if (stuck > 0) {
                            out.printf(Locale.ROOT, "  %d account(s) stopped with an error instead:%n", stuck);
                            printErrors(st);
                        }
                        break;
                    }
                }
                if (System.nanoTime() > nextPrint) {
                    out.printf(Locale.ROOT, "  %.0f s: %,d of %,d accounts; %,d calls; %d unplanned 429s; server RSS %d MB, "
                            + "this process %d MB%n", (System.nanoTime() - since) / 1e9, done, expected, forwarded(nets), refused(nets),
                            rss.lastMb(), rssMb("VmRSS"));
                    nextPrint += Duration.ofSeconds(30).toNanos();
                }
                Thread.sleep(250);
            }
        }
        double seconds = (System.nanoTime() - since) / 1e9;
        out.printf(Locale.ROOT, "  %,d of %,d accounts in %.1f s%s%s%n", done, expected, seconds,
                done < expected ? " (NOT all: timed out or stopped with errors)" : "",
                ninety > 0 ? String.format(Locale.ROOT, "; 90 %% of them in %.1f s", ninety) : "");
        return new Progress(done, expected, ninety);
    }

    private void printErrors(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT a.network, s.status, left(s.last_error, 160), count(*) FROM sync_state s "
                + "JOIN account a ON a.id = s.account_id WHERE s.last_error IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 10")) {
            while (rs.next()) {
                out.printf(Locale.ROOT, "    %s %s ×%d: %s%n", rs.getString(1), rs.getString(2), rs.getLong(4), rs.getString(3));
            }
        }
    }

    /** Per network: calls, 429s, and each quota's busiest window against its limit. */
    private void report(List<Net> nets, double seconds, long[] from, long[] to) {
        out.printf(Locale.ROOT, "  %-10s %9s %8s %6s  %s%n", "network", "calls", "calls/s", "429s", "quota: busiest window used / allowed");
        for (int i = 0; i < nets.size(); i++) {
            Net net = nets.get(i);
            StringBuilder quotas = new StringBuilder();
            for (NetworkSimulator.Usage u : net.simulator().usage()) {
                CallQuota q = u.quota();
                quotas.append(String.format(Locale.ROOT, "%s%s %,d/%s%s: %,d / %,d (%.0f %%)", quotas.isEmpty() ? "" : "; ",
                        q.scope() == CallQuota.Scope.APP ? "app" : "account", q.limit(), window(q),
                        q.calls().isEmpty() ? "" : " " + q.calls(), u.busiest(), u.limit(), 100 * u.share()));
            }
            out.printf(Locale.ROOT, "  %-10s %,9d %8.1f %6d  %s%n", net.network().descriptor().networkId(), to[2 * i] - from[2 * i],
                    (to[2 * i] - from[2 * i]) / seconds, to[2 * i + 1] - from[2 * i + 1], quotas.isEmpty() ? "none declared" : quotas);
        }
    }

    private static String window(CallQuota q) {
        return switch (q.window()) {
            case MINUTE -> "min";
            case FIFTEEN_MINUTES -> "15 min";
            case HOUR -> "h";
            case DAY -> "day";
            case MONTH -> "month";
        };
    }

    /** Calls forwarded and refused per network, in the order of {@code nets}. */
    private static long[] calls(List<Net> nets) {
        long[] out = new long[nets.size() * 2];
        for (int i = 0; i < nets.size(); i++) {
            out[2 * i] = nets.get(i).simulator().forwarded();
            out[2 * i + 1] = nets.get(i).simulator().refused();
        }
        return out;
    }

    private static long forwarded(List<Net> nets) {
        return nets.stream().mapToLong(n -> n.simulator().forwarded()).sum();
    }

    private static long refused(List<Net> nets) {
        return nets.stream().mapToLong(n -> n.simulator().refused()).sum();
    }

    /** A line of /proc/self/status in MB (VmRSS now, VmHWM the peak); -1 where there is none. */
    static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
