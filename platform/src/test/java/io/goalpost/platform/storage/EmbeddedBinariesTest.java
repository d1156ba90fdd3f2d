package io.goalpost.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL's programs are unpacked into {@code <data-dir>/postgres-binaries}, a directory
 * only the user Goalpost runs as can write to (mode 700), and the server runs from there, never from the
 * shared temporary directory where another local user could plant programs. A directory of that name
 * that someone else owns or can write to is refused before anything in it runs.
 */
final class EmbeddedBinariesTest {

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    }

    @Test
    void theServerRunsFromAPrivateDirectoryInTheDataDirectory(@TempDir Path dataDir) throws Exception {
        Path binaries = dataDir.resolve("postgres-binaries");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rwx------");
            assertThat((Integer) Files.getAttribute(binaries, "unix:uid")).isEqualTo((int) new UnixSystem().getUid());

            // The running server's program is the one in that directory.
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
            Path program = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow());
            assertThat(program).startsWith(binaries).endsWith(Path.of("bin", "postgres"));
            try (Stream<Path> unpacked = Files.list(binaries.resolve("unpacked"))) {
                assertThat(unpacked.map(p -> p.getFileName().toString()).toList()).singleElement().asString().matches("PG-[0-9a-f]{32}");
            }
            assertThat(query(db.url(), "SELECT current_user")).isEqualTo("goalpost");
        }

        // A restart uses the same directory, which stays owner-only.
        Path stale = Files.createDirectories(binaries.resolve("unpacked/PG-00000000000000000000000000000000/bin"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(db.url(), "SELECT 1")).isEqualTo("1");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwx------");
            assertThat(stale.getParent()).as("the programs of an older version are removed").doesNotExist();
        }
    }

    @Test
    void aDirectoryOthersCanWriteToIsRefusedAndNothingInItRuns(@TempDir Path dataDir) throws Exception {
        for (String mode : List.of("rwxrwxrwx", "rwxrwx---", "rwx-w--w-")) {
            Path binaries = Files.createDirectories(dataDir.resolve("postgres-binaries"));
            Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString(mode));
            // what another user could have planted before the first start
            Path planted = Files.createDirectories(binaries.resolve("unpacked/planted/bin")).resolve("postgres");
            Files.writeString(planted, "#!/bin/sh\ntouch " + dataDir.resolve("pwned") + "\n");
            Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir)).as(mode)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Refusing to run the embedded PostgreSQL's programs from " + binaries)
                    .hasMessageContaining(mode.charAt(7) == 'w' ? "writable by every user" : "writable by its group")
                    .hasMessageContaining("chmod 700 " + binaries);
            assertThat(dataDir.resolve("postgres/postmaster.pid")).as("no server started").doesNotExist();
            assertThat(dataDir.resolve("pwned")).doesNotExist();
            try (Stream<Path> unpacked = Files.list(binaries.resolve("unpacked"))) {
                assertThat(unpacked.map(p -> p.getFileName().toString()).toList()).as("nothing unpacked").containsExactly("planted");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).as("left as found").isEqualTo(mode);
            deleteTree(binaries);
        }
    }

    @Test
    void aDirectoryOfAnotherUserOrASymbolicLinkIsRefused(@TempDir Path dataDir, @TempDir Path elsewhere) throws Exception {
        Path binaries = dataDir.resolve("postgres-binaries");
        Files.createSymbolicLink(binaries, elsewhere);
        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(binaries + ": it is a symbolic link");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).as("nothing unpacked where the link points").isEmpty();
        }
        Files.delete(binaries);

        assumeTrue(new UnixSystem().getUid() == 0, "only root can give a directory to another user");
        Files.createDirectory(binaries, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(binaries, "unix:uid", 65534);
        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(binaries + ": it belongs to user id 65534, not to the user Goalpost runs as (0)");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        // Removed, it is created again and the server starts.
        Files.delete(binaries);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(query(db.url(), "SELECT 1")).isEqualTo("1");
            assertThat((Integer) Files.getAttribute(binaries, "unix:uid")).isZero();
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String query(DatabaseUrl url, String sql) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("password", url.password());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + url.host() + ":" + url.port() + "/"
                + url.database(), props); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
