package io.goalpost.platform.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated password kept in a file that only its owner may read or write (mode 600 on POSIX file
 * systems). The file holds the password alone, without a newline, so that {@code initdb --pwfile} reads
 * it as it is.
 */
final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String password;

    private PasswordFile(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /**
     * Reads the password in {@code file}, or generates one (32 random bytes, base64url) and writes it
     * there. A file readable by others is narrowed to its owner first.
     */
    static PasswordFile loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            restrictToOwner(file);
            String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!existing.isEmpty()) {
                return new PasswordFile(file, existing);
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Written beside the file, owner-only from its creation, then moved into place: the password is
        // never readable by others, and a crash leaves either no file or a complete one.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        if (posix()) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(partial);
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(fresh));
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Generated a password in {}", file);
        return new PasswordFile(file, fresh);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (!posix()) {
            return; // not a POSIX file system: the data directory's own permissions protect it
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
        if (!now.equals(OWNER_ONLY)) {
            LOG.warn("{} was {}: narrowing it to rw------- (its owner only)", file, PosixFilePermissions.toString(now));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    Path file() {
        return file;
    }

    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "PasswordFile[" + file + "]";
    }
}
