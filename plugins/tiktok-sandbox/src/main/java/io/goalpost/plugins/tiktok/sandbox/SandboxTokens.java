package io.goalpost.plugins.tiktok.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens the sandbox issues and accepts. They are obviously fake and carry what the sandbox needs to
 * check them without storage, so tokens stored by the host stay valid across sandbox restarts:
 * <ul>
 *   <li>{@code sandbox-tiktok-<account>}: the demo's initial access token, which never expires;</li>
 *   <li>{@code sandbox-tiktok-<account>-act-<issued epoch s>-<n>}: a refreshed access token, valid 24 h;</li>
 *   <li>{@code sandbox-tiktok-<account>-rft-0}: the demo's initial refresh token;</li>
 *   <li>{@code sandbox-tiktok-<account>-rft-<issued epoch s>-<n>}: a rotated refresh token, valid 1 year.</li>
 * </ul>
 * A refresh token works once: TikTok rotates it on every refresh, and so does the sandbox (the set of
 * spent tokens is kept in memory).
 */
final class SandboxTokens {

    static final String PREFIX = "sandbox-tiktok-";
    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(86_400);
    static final Duration REFRESH_LIFETIME = Duration.ofSeconds(31_536_000);

    /** The sandbox app's credentials, as the demo configures them. */
    static final String CLIENT_ID = "sandbox-tiktok-app";
    static final String CLIENT_SECRET = "sandbox-tiktok-app-secret";

    private final Set<String> spentRefreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong serial = new AtomicLong();

    /** What checking a token found. */
    enum Status { VALID, EXPIRED, INVALID }

    /** A checked token: its status and, unless invalid, its account. */
    record Check(Status status, SandboxAccount account) {
    }

    /** A newly issued pair. */
    record Pair(String accessToken, String refreshToken) {
    }

    static String initialAccessToken(SandboxAccount account) {
        return PREFIX + account.username();
    }

    static String initialRefreshToken(SandboxAccount account) {
        return PREFIX + account.username() + "-rft-0";
    }

    /** Checks an access token at {@code now}. */
    Check checkAccess(String token, Instant now) {
        return check(token, "act", ACCESS_LIFETIME, now);
    }

    /**
     * Spends a refresh token and issues a new pair, or reports why it cannot: unknown, expired or already
     * spent.
     */
    synchronized RefreshOutcome refresh(String refreshToken, Instant now) {
        Check check = check(refreshToken, "rft", REFRESH_LIFETIME, now);
        if (check.status() != Status.VALID) {
            return new RefreshOutcome(check.status(), null, null);
        }
        if (!spentRefreshTokens.add(refreshToken)) {
            return new RefreshOutcome(Status.INVALID, null, null);
        }
        long issued = now.getEpochSecond();
        long n = serial.incrementAndGet();
        String base = PREFIX + check.account().username();
        return new RefreshOutcome(Status.VALID, check.account(),
                new Pair(base + "-act-" + issued + "-" + n, base + "-rft-" + issued + "-" + n));
    }

    /** The first pair of a grant made through the sign-in: an access token of a day, a refresh token of a year. */
    Pair issue(SandboxAccount account, Instant now) {
        long issued = now.getEpochSecond();
        long n = serial.incrementAndGet();
        String base = PREFIX + account.username();
        return new Pair(base + "-act-" + issued + "-" + n, base + "-rft-" + issued + "-" + n);
    }

    /** The result of a refresh: a new pair when valid. */
    record RefreshOutcome(Status status, SandboxAccount account, Pair pair) {
    }

    private static Check check(String token, String kind, Duration lifetime, Instant now) {
        Objects.requireNonNull(token, "token is null");
        if (!token.startsWith(PREFIX)) {
            return new Check(Status.INVALID, null);
        }
        String[] parts = token.substring(PREFIX.length()).split("-", -1);
        SandboxAccount account = SandboxAccount.byUsername(parts[0]);
        if (account == null) {
            return new Check(Status.INVALID, null);
        }
        boolean initialAccess = parts.length == 1 && kind.equals("act");
        boolean initialRefresh = parts.length == 3 && kind.equals(parts[1]) && parts[2].equals("0");
        if (initialAccess || initialRefresh) {
            return new Check(Status.VALID, account);
        }
        if (parts.length != 4 || !kind.equals(parts[1])) {
            return new Check(Status.INVALID, null);
        }
        long issued;
        try {
            issued = Long.parseLong(parts[2]);
            Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return new Check(Status.INVALID, null);
        }
        boolean expired = !now.isBefore(Instant.ofEpochSecond(issued).plus(lifetime));
        return new Check(expired ? Status.EXPIRED : Status.VALID, account);
    }
}
