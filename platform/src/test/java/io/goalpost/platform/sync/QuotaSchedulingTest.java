package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.bench.SimulatedQuota;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.testing.TestDatabase;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CallQuota;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's quota-aware scheduling, with servers on real PostgreSQL and a network stub that enforces
 * its quota as a network does (a sliding count, 429 beyond it): two instances sharing the buckets stay
 * inside a small quota together and still use it; without the declaration the same load draws 429s;
 * backfills fetch every account's most recent days before anyone's older history; regular syncs go
 * ahead of backfills' older history; regular syncs are spread over the interval.
 */
final class QuotaSchedulingTest {

    /** The stub's quota: 60 calls a minute, the window compressed 12 times to 5 s. */
    static final long LIMIT = 60;
    static final int TIME_SCALE = 12;
    static final Duration WINDOW = Duration.ofMinutes(1).dividedBy(TIME_SCALE);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    /** What the stub saw: each admitted request's time, instance and window. */
    record Seen(long nanos, String instance, String page, LocalDate from, LocalDate to) {
    }

    /** A network API on loopback that counts every request against one app quota and answers 429 beyond it. */
    static final class Stub implements AutoCloseable {
        final SimulatedQuota quota = new SimulatedQuota(LIMIT, WINDOW);
        final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        final HttpServer server;

        Stub() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
            server.createContext("/insights", ex -> {
                boolean ok = quota.admit();
                if (ok) {
                    java.util.Map<String, String> q = new java.util.HashMap<>();
                    for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                        q.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                    seen.add(new Seen(System.nanoTime(), ex.getRequestHeaders().getFirst("X-Instance"), q.get("page"),
                            LocalDate.parse(q.get("from")), LocalDate.parse(q.get("to"))));
                    try {
                        Thread.sleep(30); // the network's latency
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = (ok ? "{}" : "{\"error\":\"too many calls\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.sendResponseHeaders(ok ? 200 : 429, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The most requests admitted in any interval of the window's length. */
        long busiestWindow() {
            List<Long> t;
            synchronized (seen) {
                t = seen.stream().map(Seen::nanos).sorted().toList();
            }
            long most = 0;
            int first = 0;
            for (int i = 0; i < t.size(); i++) {
                while (t.get(i) - t.get(first) >= WINDOW.toNanos()) {
                    first++;
                }
                most = Math.max(most, i - first + 1);
            }
            return most;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A network whose every fetch is one request to the stub; with or without its quota declared. */
    record StubNetwork(String instance, boolean declared, int historyDays, int daysPerFetch) implements NetworkAdapterFactory {
        @Override
        public AdapterDescriptor descriptor() {
            AdapterDescriptor.Builder b = AdapterDescriptor.builder("tiktok", "TikTok").reports(CanonicalMetric.VIEWS)
                    .config(ConfigSpec.of(ConfigField.requiredUrl("api_url", "API", "the stub"),
                            ConfigField.string("page", "Page", "which page")))
                    .allowHostOf("api_url")
                    .history(new HistoryLimits(historyDays, daysPerFetch, 0, false));
            if (declared) {
                b.quota(CallQuota.of(CallQuota.Scope.APP, LIMIT, CallQuota.Window.MINUTE, "every request of the app"));
            }
            return b.build();
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            String page = config.get("page").orElseThrow();
            return new PageAdapter(page) {
                @Override
                public FetchResult fetch(FetchRequest request) throws AdapterException {
                    HttpResponse r = context.http().send(HttpRequest.get(URI.create(config.get("api_url").orElseThrow()
                            + "/insights?page=" + page + "&from=" + request.range().from() + "&to=" + request.range().to()))
                            .withHeader("X-Instance", instance));
                    if (r.status() == 429) {
                        throw new AdapterException.RateLimited("the stub throttled us", Instant.now().plus(WINDOW));
                    }
                    List<MetricPoint> points = new ArrayList<>();
                    for (LocalDate d = request.range().from(); !d.isAfter(request.range().to()); d = d.plusDays(1)) {
                        points.add(MetricPoint.of(CanonicalMetric.VIEWS, d, 100));
                    }
                    return FetchResult.last(points, List.of());
                }
            };
        }
    }

    static PluginRegistry registry(StubNetwork network) {
        return PluginRegistry.inProcess(List.of(new LoadedNetwork("tiktok", network.descriptor(), network,
                QuotaSchedulingTest.class.getClassLoader())));
    }

    static ServerConfig config(Path dir, TestDatabase db) {
        return new ServerConfig(0, dir, Optional.of(db.url()), Path.of("target/no-plugins"), Set.of(), true, Duration.ofHours(6));
    }

    /** Stores accounts whose syncs are all due now, while no instance runs, so the instances race for them. */
    static void accounts(TestDatabase db, int n, String apiUrl) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int i = 1; i <= n; i++) {
                st.execute("INSERT INTO account (id, network, name, config, external_id) VALUES (" + i + ", 'tiktok', 'Page " + i
                        + "', '{\"page\": \"p" + i + "\", \"api_url\": \"" + apiUrl + "\"}', 'p" + i + "')");
                st.execute("INSERT INTO sync_state (account_id, status) VALUES (" + i + ", 'pending')");
                // Due one after the other, in the order the accounts were connected.
                st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                        + "VALUES ('account-sync', '" + i + "', now() - interval '1 minute' + interval '1 millisecond' * " + i
                        + ", false, 1)");
            }
            st.execute("SELECT setval('account_id_seq', " + n + ")");
        }
    }

    static void awaitBackfilled(TestDatabase db, int n, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until && db.count("SELECT count(*) FROM sync_state WHERE backfill_done_at IS NOT NULL") < n) {
            Thread.sleep(200);
        }
        assertThat(db.count("SELECT count(*) FROM sync_state WHERE backfill_done_at IS NOT NULL")).as("accounts backfilled").isEqualTo(n);
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty(QuotaBuckets.TIME_SCALE_PROPERTY);
        System.clearProperty("goalpost.sync.threads");
    }

    @Test
    void twoInstancesSharingTheBucketsStayInsideTheQuotaTogetherAndUseIt(@TempDir Path dirA, @TempDir Path dirB)
            throws Exception {
        int accounts = 16;
        int days = 12;
        System.setProperty(QuotaBuckets.TIME_SCALE_PROPERTY, Integer.toString(TIME_SCALE));
        System.setProperty("goalpost.sync.threads", "4");
        try (TestDatabase db = new TestDatabase(); Stub stub = new Stub()) {
            GoalpostServer.start(config(dirA, db), registry(new StubNetwork("setup", true, days, 1))).close();
            accounts(db, accounts, stub.url());
            try (GoalpostServer a = GoalpostServer.start(config(dirA, db), registry(new StubNetwork("a", true, days, 1)));
                    GoalpostServer b = GoalpostServer.start(config(dirB, db), registry(new StubNetwork("b", true, days, 1)))) {
                awaitBackfilled(db, accounts, Duration.ofSeconds(120));
            }
            long fromA = stub.seen.stream().filter(s -> "a".equals(s.instance())).count();
            long fromB = stub.seen.stream().filter(s -> "b".equals(s.instance())).count();
            System.out.printf("%d requests (a %d, b %d), %d refused; busiest %d-s window %d of %d allowed%n", stub.quota.used(),
                    fromA, fromB, stub.quota.refused(), WINDOW.toSeconds(), stub.busiestWindow(), LIMIT);
            assertThat(stub.quota.refused()).as("429s from the network").isZero();
            assertThat(stub.busiestWindow()).as("requests in the busiest window").isLessThanOrEqualTo(LIMIT);
            // The quota was used: some window ran at 80 % of it or more (the buckets let 94 % through steadily).
            assertThat(stub.busiestWindow()).as("requests in the busiest window").isGreaterThanOrEqualTo(LIMIT * 8 / 10);
            assertThat(fromA).as("requests sent by instance a").isPositive();
            assertThat(fromB).as("requests sent by instance b").isPositive();
            assertThat(db.count("SELECT count(*) FROM metric_point")).isEqualTo((long) accounts * days);
            assertThat(db.count("SELECT count(*) FROM sync_state WHERE status <> 'ok' OR last_error_kind IS NOT NULL")).isZero();
        }
    }

    @Test
    void withoutTheDeclaredQuotaTheSameLoadIsThrottledByTheNetwork(@TempDir Path dir) throws Exception {
        System.setProperty(QuotaBuckets.TIME_SCALE_PROPERTY, Integer.toString(TIME_SCALE));
        System.setProperty("goalpost.sync.threads", "8");
        try (TestDatabase db = new TestDatabase(); Stub stub = new Stub()) {
            GoalpostServer.start(config(dir, db), registry(new StubNetwork("setup", false, 12, 1))).close();
            accounts(db, 16, stub.url());
            try (GoalpostServer a = GoalpostServer.start(config(dir, db), registry(new StubNetwork("a", false, 12, 1)))) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < until && stub.quota.refused() == 0) {
                    Thread.sleep(100);
                }
            }
            // The stub really enforces its quota: so the test above would see a host that ignored it.
            assertThat(stub.quota.refused()).as("429s without the declaration").isPositive();
            assertThat(db.count("SELECT count(*) FROM sync_state WHERE last_error_kind = 'rate_limited'")).isPositive();
        }
    }

    @Test
    void backfillsFetchEveryAccountsRecentDaysFirstThenOlderHistoryAndRegularSyncsAreSpread(@TempDir Path dir)
            throws Exception {
        int accounts = 8;
        System.setProperty("goalpost.sync.threads", "2");
        try (TestDatabase db = new TestDatabase(); Stub stub = new Stub()) {
            // 12 days in windows of 3: four windows per account; the quota does not bind here.
            GoalpostServer.start(config(dir, db), registry(new StubNetwork("setup", false, 12, 3))).close();
            accounts(db, accounts, stub.url());
            Instant started = Instant.now();
            try (GoalpostServer a = GoalpostServer.start(config(dir, db), registry(new StubNetwork("a", false, 12, 3)))) {
                awaitBackfilled(db, accounts, Duration.ofSeconds(60));
            }
            List<Seen> order = List.copyOf(stub.seen);
            assertThat(order).hasSize(accounts * 4);
            // The first request of every account, before any account's older history: its most recent window.
            assertThat(order.subList(0, accounts)).allSatisfy(s -> assertThat(s.to()).isEqualTo(TODAY))
                    .extracting(Seen::page).doesNotHaveDuplicates();
            for (int i = 1; i <= accounts; i++) {
                String page = "p" + i;
                List<LocalDate> from = order.stream().filter(s -> s.page().equals(page)).map(Seen::from).toList();
                assertThat(from).as("windows of " + page + ", newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder())
                        .hasSize(4).doesNotHaveDuplicates();
            }
            assertThat(db.count("SELECT count(*) FROM metric_point")).isEqualTo(accounts * 12L);

            // Each account's next regular sync sits at its own place in the 6-hour interval, not all at once.
            List<Instant> next = new ArrayList<>();
            try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT execution_time FROM scheduled_tasks WHERE task_name = 'account-sync' ORDER BY execution_time")) {
                while (rs.next()) {
                    next.add(rs.getTimestamp(1).toInstant());
                }
            }
            assertThat(next).hasSize(accounts);
            Duration interval = Duration.ofHours(6);
            assertThat(next.get(0)).isAfterOrEqualTo(started.plus(interval.dividedBy(2)));
            assertThat(next.get(accounts - 1)).isBefore(Instant.now().plus(interval.multipliedBy(3).dividedBy(2)));
            for (int i = 1; i < accounts; i++) {
                assertThat(Duration.between(next.get(i - 1), next.get(i))).as("gap between two accounts' next syncs")
                        .isGreaterThan(interval.dividedBy(accounts * 4));
            }
        }
    }

    @Test
    void regularSyncsOfConnectedAccountsGoAheadOfOtherAccountsOlderHistory(@TempDir Path dir) throws Exception {
        int backfilling = 20;
        int connected = 4;
        System.setProperty("goalpost.sync.threads", "2");
        try (TestDatabase db = new TestDatabase(); Stub stub = new Stub()) {
            // 30 days in windows of 3: a first turn of one window, then nine older windows per account.
            GoalpostServer.start(config(dir, db), registry(new StubNetwork("setup", false, 30, 3))).close();
            accounts(db, backfilling, stub.url());
            // Accounts backfilled long ago, synced through yesterday; their next regular sync is tomorrow.
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (int i = backfilling + 1; i <= backfilling + connected; i++) {
                    st.execute("INSERT INTO account (id, network, name, config, external_id) VALUES (" + i + ", 'tiktok', 'Page "
                            + i + "', '{\"page\": \"p" + i + "\", \"api_url\": \"" + stub.url() + "\"}', 'p" + i + "')");
                    st.execute("INSERT INTO sync_state (account_id, status, synced_through, history_from, backfill_done_at, "
                            + "last_success_at) VALUES (" + i + ", 'ok', current_date - 1, current_date - 29, now() - interval "
                            + "'30 days', now() - interval '1 day')");
                    st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority) "
                            + "VALUES ('account-sync', '" + i + "', now() + interval '1 day', false, 1, " + SyncScheduler.REGULAR + ")");
                }
            }
            java.util.Set<String> regular = new java.util.HashSet<>();
            for (int i = backfilling + 1; i <= backfilling + connected; i++) {
                regular.add("p" + i);
            }
            try (GoalpostServer a = GoalpostServer.start(config(dir, db), registry(new StubNetwork("a", false, 30, 3)))) {
                // Once every backfilling account has had its first turn, their older history is queued...
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < until && stub.seen.stream().filter(s -> !regular.contains(s.page()))
                        .map(Seen::page).distinct().count() < backfilling) {
                    Thread.sleep(20);
                }
                // ...and the connected accounts' regular syncs fall due, after those turns were queued.
                long due = System.nanoTime();
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'account-sync' "
                            + "AND task_instance::bigint > " + backfilling);
                }
                awaitBackfilled(db, backfilling + connected, Duration.ofSeconds(90));
                List<Seen> after = stub.seen.stream().filter(s -> s.nanos() > due).toList();
                long lastRegular = after.stream().filter(s -> regular.contains(s.page())).mapToLong(Seen::nanos).max().orElseThrow();
                long turnsBefore = after.stream().filter(s -> !regular.contains(s.page()) && s.nanos() < lastRegular)
                        .map(Seen::page).distinct().count();
                long turnsQueued = after.stream().filter(s -> !regular.contains(s.page())).map(Seen::page).distinct().count();
                System.out.printf("regular syncs done after %d of the %d backfilling accounts' older-history turns%n",
                        turnsBefore, turnsQueued);
                // Only the turns already running or taken when they fell due (two threads, a few fetched ahead)
                // come first; taken by time alone, every queued turn would.
                assertThat(turnsQueued).as("backfilling accounts still queued when the regular syncs fell due")
                        .isGreaterThanOrEqualTo(backfilling / 2);
                assertThat(turnsBefore).as("older-history turns run before the last regular sync").isLessThanOrEqualTo(8);
            }
            assertThat(db.count("SELECT count(*) FROM sync_state WHERE last_success_at > now() - interval '5 minutes'"))
                    .isEqualTo(backfilling + connected);
        }
    }
}
