package io.goalpost.platform.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.storage.DatabaseUrl;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Goalpost instances on one database, the second in a process of its own: the accounts' syncs
 * are split between them, no account ever syncs on both at once, and when the second is killed
 * (SIGKILL) in mid-sync the first takes its accounts over (the time is printed and bounded) and
 * stores every point exactly once. Sessions and cached answers work on both. The second instance
 * starts first and syncs alone until its fetches hang (see {@link ProbeNetwork}); the first then
 * starts beside it, syncs the accounts it does not hold, and must leave the held ones alone until
 * the kill.
 */
final class SeveralInstancesTest {

    static final int ACCOUNTS = 10;
    static final long LATENCY_MS = 700;
    /** How long the surviving instance may take to resume a killed instance's syncs (README, "Several instances"). */
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(45);

    /**
     * Sync threads per instance here: with the default (32) the child alone would take every due
     * account at once and leave the parent nothing to sync; with two it holds two accounts (hanging in
     * their fetches) and the parent syncs the rest beside it.
     */
    static final String THREADS = "2";
    /** Fetches the child finishes before its fetches hang until it is killed. */
    static final int CHILD_FETCHES_BEFORE_HANG = 3;
    /** How long the child alone may take to start syncing and hang in mid-fetch. */
    static final int MID_FETCH_WAIT_SECONDS = 120;

    @Test
    void syncsSplitNeverOverlapAndAKilledInstancesWorkIsTakenOver(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
        System.setProperty("goalpost.sync.threads", THREADS);
        try {
            run(dirA, dirB);
        } finally {
            System.clearProperty("goalpost.sync.threads");
        }
    }

    private void run(Path dirA, Path dirB) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            DatabaseUrl u = DatabaseUrl.parse(db.url());
            String probeJdbc = u.jdbcUrl() + (u.jdbcUrl().contains("?") ? "&" : "?") + "user=" + u.user();
            ServerConfig configA = new ServerConfig(0, dirA, Optional.of(db.url()), Path.of("target/no-plugins"), Set.of(),
                    false, Duration.ofHours(6));
            // A first start migrates the database; the accounts and their due syncs are then stored
            // while no instance runs, so that both instances race for them from the start.
            GoalpostServer.start(configA, ProbeNetwork.registry("setup", probeJdbc, 0)).close();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE sync_probe (id BIGSERIAL PRIMARY KEY, instance TEXT NOT NULL, page TEXT NOT NULL, "
                        + "window_from DATE NOT NULL, started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ)");
                for (int i = 1; i <= ACCOUNTS; i++) {
                    st.execute("INSERT INTO account (id, network, name, config) VALUES (" + i + ", 'facebook', 'Page " + i
                            + "', '{\"page\": \"" + i + "\"}')");
                    st.execute("INSERT INTO sync_state (account_id, status) VALUES (" + i + ", 'pending')");
                    st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                            + "VALUES ('account-sync', '" + i + "', now(), false, 1)");
                }
                st.execute("SELECT setval('account_id_seq', " + ACCOUNTS + ")");
            }

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx256m", "-Dgoalpost.sync.threads=" + THREADS, "-cp", System.getProperty("java.class.path"),
                    InstanceChild.class.getName(), db.url(), probeJdbc, dirB.toString(), Long.toString(LATENCY_MS),
                    Integer.toString(CHILD_FETCHES_BEFORE_HANG))
                    .redirectErrorStream(true).start();
            long killedAtMillis;
            // The child alone first, until it hangs in mid-fetch: its threads then hold accounts that the
            // parent, started next, must leave alone until the kill. Racing both from the start left the
            // moment to kill to timing, which missed it twice on CI (the child was not fetching when killed).
            ChildOutput childOutput = new ChildOutput();
            int childPort = awaitReady(child, childOutput);
            awaitChildInMidFetch(db, child, childOutput);
            try (GoalpostServer a = GoalpostServer.start(configA, ProbeNetwork.registry("parent", probeJdbc, LATENCY_MS))) {
                // Sessions and answers on both: a token made on one instance works on the other.
                Http onA = Http.admin(a);
                String token = Http.token(a, io.goalpost.platform.access.Role.ADMIN);
                Http onB = new Http(childPort, token);
                assertThat(onB.get("/api/accounts").status()).isEqualTo(200);
                assertThat(new JsonArray(onB.get("/api/accounts").body())).hasSize(ACCOUNTS);
                // A cached answer on one instance follows a person's change made through the other at once.
                assertThat(onA.get("/api/dashboard").body()).doesNotContain("\"manual\"");
                assertThat(onB.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Website\"}").status()).isEqualTo(201);
                assertThat(new io.vertx.core.json.JsonObject(onA.get("/api/dashboard").body()).getJsonObject("kpi_table")
                        .getJsonArray("networks").stream().map(n -> ((io.vertx.core.json.JsonObject) n).getString("id")))
                        .contains("manual");

                // The parent syncs the accounts the child does not hold while the child is alive.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < until && count(db, "SELECT count(DISTINCT page) FROM sync_probe WHERE instance = 'parent' "
                        + "AND ended_at IS NOT NULL") < 2) {
                    Thread.sleep(100);
                }
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                killedAtMillis = count(db, "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint");
                long interrupted = count(db, "SELECT count(DISTINCT page) FROM sync_probe WHERE instance = 'child' AND ended_at IS NULL");
                assertThat(interrupted).as("accounts the child was fetching when killed; fetches: %s", probes(db)).isGreaterThanOrEqualTo(1);

                // Every account ends synced, by the surviving instance where the child was cut off.
                until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < until && count(db, "SELECT count(*) FROM sync_state WHERE status = 'ok' AND account_id <= "
                        + ACCOUNTS) < ACCOUNTS) {
                    Thread.sleep(250);
                }
                assertThat(count(db, "SELECT count(*) FROM sync_state WHERE status = 'ok' AND account_id <= " + ACCOUNTS))
                        .as("accounts synced after the takeover; fetches: %s", probes(db)).isEqualTo(ACCOUNTS);
                String killed = "to_timestamp(" + killedAtMillis + " / 1000.0)";
                long takeoverMillis = count(db, "SELECT (extract(epoch FROM max(first_start)) * 1000)::bigint - " + killedAtMillis
                        + " FROM (SELECT k.page, min(p.started_at) AS first_start FROM (SELECT DISTINCT page FROM sync_probe "
                        + "WHERE instance = 'child' AND ended_at IS NULL) k JOIN sync_probe p ON p.page = k.page "
                        + "AND p.instance = 'parent' AND p.started_at > " + killed + " GROUP BY k.page) f");
                long childAccounts = count(db, "SELECT count(DISTINCT page) FROM sync_probe WHERE instance = 'child'");
                long parentAccounts = count(db, "SELECT count(DISTINCT page) FROM sync_probe WHERE instance = 'parent'");
                System.out.printf("%d accounts: the child instance fetched for %d, the parent for %d; %d interrupted by the kill, "
                        + "the last of them resumed by the parent %.1f s after it%n", ACCOUNTS, childAccounts, parentAccounts,
                        interrupted, takeoverMillis / 1000.0);
                assertThat(childAccounts).as("accounts the child synced").isGreaterThanOrEqualTo(2);
                assertThat(parentAccounts).as("accounts the parent synced").isGreaterThanOrEqualTo(2);
                assertThat(Duration.ofMillis(takeoverMillis)).as("takeover after the kill").isLessThan(TAKEOVER_LIMIT);

                // Never two fetches of one account at once (a fetch cut off by the kill ends at the kill).
                long overlaps = count(db, "SELECT count(*) FROM sync_probe x JOIN sync_probe y ON x.page = y.page AND x.id < y.id "
                        + "AND tstzrange(x.started_at, COALESCE(x.ended_at, to_timestamp(" + killedAtMillis
                        + " / 1000.0))) && tstzrange(y.started_at, COALESCE(y.ended_at, to_timestamp(" + killedAtMillis + " / 1000.0)))");
                assertThat(overlaps).as("fetches of one account on both instances at once").isZero();
                // Every day stored exactly once per account (the primary key forbids a second copy; none is missing).
                assertThat(count(db, "SELECT count(*) FROM metric_point WHERE account_id <= " + ACCOUNTS))
                        .isEqualTo((long) ACCOUNTS * ProbeNetwork.HISTORY_DAYS);
                assertThat(count(db, "SELECT count(*) FROM (SELECT account_id, day FROM metric_point GROUP BY 1, 2 HAVING count(*) > 1) d"))
                        .isZero();
                assertThat(onA.get("/api/dashboard").status()).isEqualTo(200);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits (at most {@value #MID_FETCH_WAIT_SECONDS} s) until the child has finished its fetches and hangs in a next one. */
    static void awaitChildInMidFetch(TestDatabase db, Process child, ChildOutput output) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(MID_FETCH_WAIT_SECONDS);
        while (System.nanoTime() < until) {
            if (count(db, "SELECT count(*) FROM sync_probe WHERE instance = 'child' AND ended_at IS NOT NULL") >= CHILD_FETCHES_BEFORE_HANG
                    && count(db, "SELECT count(*) FROM sync_probe WHERE instance = 'child' AND ended_at IS NULL") >= 1) {
                return;
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child instance did not come to hang in mid-fetch within " + MID_FETCH_WAIT_SECONDS
                + " s (alive: " + child.isAlive() + "); its fetches: " + probes(db) + "\nits output:\n" + output);
    }

    /** The probe table, a line per fetch: what each instance fetched and when (for failure messages). */
    static String probes(TestDatabase db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT instance, page, window_from, started_at, ended_at FROM sync_probe ORDER BY id")) {
            while (rs.next()) {
                out.append('\n').append(rs.getString(1)).append(" page ").append(rs.getString(2)).append(" from ")
                        .append(rs.getString(3)).append(": ").append(rs.getString(4)).append(" - ").append(rs.getString(5));
            }
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    /** The last lines the child printed, kept for failure messages (its log is otherwise not shown). */
    static final class ChildOutput {
        private static final int KEPT = 200;
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        synchronized void add(String line) {
            if (lines.size() == KEPT) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        @Override
        public synchronized String toString() {
            return String.join("\n", lines);
        }
    }

    static int awaitReady(Process child, ChildOutput output) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.startsWith("READY ")) {
                output.add(line);
            } else {
                // Not kept: the line carries the child's admin API token.
                int port = Integer.parseInt(line.substring(6).trim().split(" ")[0]);
                Thread drain = new Thread(() -> {
                    try {
                        for (String l; (l = in.readLine()) != null; ) {
                            output.add(l);
                        }
                    } catch (java.io.IOException e) {
                        // killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("the second instance did not start; its output:\n" + output);
    }
}
