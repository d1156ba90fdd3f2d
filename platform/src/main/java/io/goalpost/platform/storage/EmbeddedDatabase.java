package io.goalpost.platform.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from binaries on the classpath, its data kept in the data directory so
 * that one command runs the whole product and a restart keeps everything.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("fsync", "on")
                    .start();
            LOG.info("Embedded PostgreSQL running on port {} with data in {}", pg.getPort(), pgData);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData, e);
        }
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
        return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
