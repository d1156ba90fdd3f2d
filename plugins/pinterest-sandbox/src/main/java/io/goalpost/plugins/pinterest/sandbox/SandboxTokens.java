package io.goalpost.plugins.pinterest.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens the sandbox issues through its sign-in, obviously fake and checkable without storage (so tokens
 * the host stored stay valid across sandbox restarts):
 * <ul>
 *   <li>{@code sandbox-pinterest-<account>-act-<issued epoch s>-<n>}: an access token, valid 30 days;</li>
 *   <li>{@code sandbox-pinterest-<account>-rft-<issued epoch s>-<n>}: a refresh token, valid 365 days. Like
 *       Pinterest's (without continuous refresh) it is not rotated: a refresh returns a new access token
 *       and the refresh token stays valid until it expires.</li>
 * </ul>
 * The demo accounts' fixed tokens ({@link SandboxAccount#accessToken()}, ...) are accepted as before.
 */
final class SandboxTokens {

    static final String PREFIX = "sandbox-pinterest-";
    static final Duration ACCESS_LIFETIME = Duration.ofDays(30);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(365);

    private final AtomicLong serial = new AtomicLong();

    /** A checked token: its account while valid, or why not. */
    record Check(Optional<SandboxAccount> account, boolean expired) {
        static final Check UNKNOWN = new Check(Optional.empty(), false);
    }

    String issueAccess(SandboxAccount account, Instant now) {
        return PREFIX + account.handle() + "-act-" + now.getEpochSecond() + "-" + serial.incrementAndGet();
    }

    String issueRefresh(SandboxAccount account, Instant now) {
        return PREFIX + account.handle() + "-rft-" + now.getEpochSecond() + "-" + serial.incrementAndGet();
    }

    /** Checks an access token this class issued. */
    static Check checkAccess(String token, Instant now) {
        return check(token, "act", ACCESS_LIFETIME, now);
    }

    /** Checks a refresh token this class issued. */
    static Check checkRefresh(String token, Instant now) {
        return check(token, "rft", REFRESH_LIFETIME, now);
    }

    private static Check check(String token, String kind, Duration lifetime, Instant now) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Check.UNKNOWN;
        }
        String[] parts = token.substring(PREFIX.length()).split("-", -1);
        if (parts.length != 4 || !kind.equals(parts[1]) || !parts[2].matches("[0-9]{1,12}")
                || !parts[3].matches("[0-9]{1,12}")) {
            return Check.UNKNOWN;
        }
        Optional<SandboxAccount> account = SandboxAccount.byHandle(parts[0]);
        if (account.isEmpty()) {
            return Check.UNKNOWN;
        }
        boolean expired = !now.isBefore(Instant.ofEpochSecond(Long.parseLong(parts[2])).plus(lifetime));
        return new Check(account, expired);
    }
}
