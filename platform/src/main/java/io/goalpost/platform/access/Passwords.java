package io.goalpost.platform.access;

import io.goalpost.platform.api.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password rules and hashing: Argon2id (Bouncy Castle) with OWASP's parameters (19 MiB, 2 passes, 1
 * lane), stored in the PHC string format {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so the
 * parameters can be raised later without breaking stored hashes. Hashing takes tens of milliseconds
 * on purpose: callers run it off the event loop.
 */
public final class Passwords {

    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 10;
    /** Longest password accepted (hashing cost grows with it). */
    public static final int MAX_LENGTH = 200;

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** Verified against when the user does not exist, so both answers take as long. */
    private static final String DECOY = hash("decoy-password-never-used");

    private Passwords() {
    }

    /** Refuses (400) a password the rules do not allow, naming the rule. */
    public static void checkRules(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiError.badRequest("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiError.badRequest("the password must have at most " + MAX_LENGTH + " characters");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            throw ApiError.badRequest("the password must not be the username");
        }
    }

    /** Hashes a password with a fresh salt. */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** Whether a password matches a stored hash (null: no such user, checked against a decoy all the same). */
    public static boolean matches(String password, String stored) {
        Matcher m = PHC.matcher(stored == null ? DECOY : stored);
        if (!m.matches() || password == null) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = argon2(password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return stored != null && MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(lanes).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
