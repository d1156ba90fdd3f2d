package io.goalpost.platform.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import io.goalpost.platform.security.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated password kept in a file that only its owner may read or write (mode 600 on POSIX file
 * systems). The file holds the password alone, without a newline, so that {@code initdb --pwfile} reads
 * it as it is.
 */
final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);
    static final Set<PosixFilePermission> OWNER_ONLY = OwnerOnlyFile.OWNER_ONLY;
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
        OwnerOnlyFile.write(file, fresh);
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
        return OwnerOnlyFile.posix();
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
