package io.goalpost.plugins.x.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's OAuth 2.0 tokens: obviously fake, readable, and checked like X checks its own.
 *
 * <ul>
 *   <li>{@code sandbox-x-<handle>}: the demo's initial access token; it does not expire.</li>
 *   <li>{@code sandbox-x-<handle>-a<n>-<expiry epoch second>}: an access token issued by a refresh;
 *       it expires two hours after issue on the simulated clock, like X's.</li>
 *   <li>{@code sandbox-x-<handle>-refresh-<n>}: refresh token of generation n. Single use and
 *       rotating: using it issues generation n+1 and every generation up to n stops working. Only
 *       the lowest valid generation is remembered, so a restarted sandbox accepts stored tokens.</li>
 * </ul>
 */
final class SandboxTokens {

    static final String PREFIX = "sandbox-x-";
    static final String CLIENT_ID = "sandbox-x-client";
    static final long ACCESS_LIFETIME_SECONDS = 7200;

    private final List<SandboxAccount> accounts;
    private final ConcurrentHashMap<String, Integer> lowestValidGeneration = new ConcurrentHashMap<>();

    SandboxTokens(List<SandboxAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    static String initialAccessToken(SandboxAccount a) {
        return PREFIX + a.handle();
    }

    static String initialRefreshToken(SandboxAccount a) {
        return PREFIX + a.handle() + "-refresh-0";
    }

    /** The account an access token belongs to, if it is one the sandbox issued and it has not expired. */
    Optional<SandboxAccount> authenticate(String accessToken, Instant now) {
        if (accessToken == null || !accessToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = accessToken.substring(PREFIX.length()).split("-", -1);
        Optional<SandboxAccount> account = byHandle(parts[0]);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return account;
        }
        if (parts.length == 3 && parts[1].matches("a[0-9]{1,9}") && parts[2].matches("[0-9]{1,12}")
                && now.getEpochSecond() < Long.parseLong(parts[2])) {
            return account;
        }
        return Optional.empty();
    }

    /** A new token pair for the account. */
    record Issued(SandboxAccount account, String accessToken, String refreshToken) {
    }

    /** Uses a refresh token once; empty when it is unknown or already used. */
    Optional<Issued> refresh(String refreshToken, Instant now) {
        if (refreshToken == null || !refreshToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = refreshToken.substring(PREFIX.length()).split("-", -1);
        if (parts.length != 3 || !"refresh".equals(parts[1]) || !parts[2].matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        Optional<SandboxAccount> account = byHandle(parts[0]);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        int generation = Integer.parseInt(parts[2]);
        AtomicReference<Boolean> accepted = new AtomicReference<>(false);
        lowestValidGeneration.compute(parts[0], (k, lowest) -> {
            if (lowest != null && generation < lowest) {
                return lowest;
            }
            accepted.set(true);
            return generation + 1;
        });
        if (!accepted.get()) {
            return Optional.empty();
        }
        int next = generation + 1;
        String handle = account.get().handle();
        return Optional.of(new Issued(account.get(),
                PREFIX + handle + "-a" + next + "-" + (now.getEpochSecond() + ACCESS_LIFETIME_SECONDS),
                PREFIX + handle + "-refresh-" + next));
    }

    private Optional<SandboxAccount> byHandle(String handle) {
        return accounts.stream().filter(a -> a.handle().equals(handle)).findFirst();
    }
}
