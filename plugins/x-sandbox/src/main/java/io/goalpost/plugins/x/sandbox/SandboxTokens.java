package io.goalpost.plugins.x.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

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
 *   <li>{@code sandbox-x-<handle>-<grant>-a<n>-<expiry>} and {@code sandbox-x-<handle>-<grant>-refresh-<n>}:
 *       the same for a grant made through the sign-in ({@code <grant>} = {@code g<issue second>n<serial>}),
 *       a rotation line of its own, so refreshing one connection never voids another.</li>
 * </ul>
 */
final class SandboxTokens {

    static final String PREFIX = "sandbox-x-";
    static final String CLIENT_ID = "sandbox-x-client";
    /** The demo app is a confidential client: its sign-in authenticates with HTTP Basic. */
    static final String CLIENT_SECRET = "sandbox-x-client-secret";
    static final long ACCESS_LIFETIME_SECONDS = 7200;

    private static final Pattern GRANT = Pattern.compile("g[0-9]{1,12}n[0-9]{1,12}");

    private final List<SandboxAccount> accounts;
    // Rotation line (handle, or handle-grant) to the lowest refresh generation still valid.
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
        List<String> parts = new ArrayList<>(List.of(accessToken.substring(PREFIX.length()).split("-", -1)));
        Optional<SandboxAccount> account = byHandle(parts.get(0));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (parts.size() == 1) {
            return account;
        }
        if (parts.size() == 4 && GRANT.matcher(parts.get(1)).matches()) {
            parts.remove(1);
        }
        if (parts.size() == 3 && parts.get(1).matches("a[0-9]{1,9}") && parts.get(2).matches("[0-9]{1,12}")
                && now.getEpochSecond() < Long.parseLong(parts.get(2))) {
            return account;
        }
        return Optional.empty();
    }

    /** A new token pair for the account; no refresh token when the grant lacks {@code offline.access}. */
    record Issued(SandboxAccount account, String accessToken, Optional<String> refreshToken) {
    }

    /** The first pair of a grant made through the sign-in. */
    Issued issue(SandboxAccount account, String grant, boolean withRefreshToken, Instant now) {
        if (!GRANT.matcher(grant).matches()) {
            throw new IllegalArgumentException("not a sandbox grant id: " + grant);
        }
        String line = PREFIX + account.handle() + "-" + grant;
        return new Issued(account, line + "-a1-" + (now.getEpochSecond() + ACCESS_LIFETIME_SECONDS),
                withRefreshToken ? Optional.of(line + "-refresh-1") : Optional.empty());
    }

    /** Uses a refresh token once; empty when it is unknown or already used. */
    Optional<Issued> refresh(String refreshToken, Instant now) {
        if (refreshToken == null || !refreshToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(List.of(refreshToken.substring(PREFIX.length()).split("-", -1)));
        String grant = parts.size() == 4 && GRANT.matcher(parts.get(1)).matches() ? parts.remove(1) : null;
        if (parts.size() != 3 || !"refresh".equals(parts.get(1)) || !parts.get(2).matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        Optional<SandboxAccount> account = byHandle(parts.get(0));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String line = grant == null ? parts.get(0) : parts.get(0) + "-" + grant;
        int generation = Integer.parseInt(parts.get(2));
        AtomicReference<Boolean> accepted = new AtomicReference<>(false);
        lowestValidGeneration.compute(line, (k, lowest) -> {
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
        String base = PREFIX + line;
        return Optional.of(new Issued(account.get(),
                base + "-a" + next + "-" + (now.getEpochSecond() + ACCESS_LIFETIME_SECONDS),
                Optional.of(base + "-refresh-" + next)));
    }

    private Optional<SandboxAccount> byHandle(String handle) {
        return accounts.stream().filter(a -> a.handle().equals(handle)).findFirst();
    }
}
