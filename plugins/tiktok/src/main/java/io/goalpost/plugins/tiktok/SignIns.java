package io.goalpost.plugins.tiktok;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which TikTok account a fresh sign-in was for, between the code exchange and the discovery.
 *
 * <p>TikTok names the account ({@code open_id}) only in the token answer, and plugin-api 1.2's
 * {@link io.goalpost.plugin.api.TokenGrant} has no place for it; the host calls {@code exchange} and
 * then {@code discover} within the same callback. So the exchange remembers the open_id under a
 * SHA-256 hash of the new access token (never the token itself) for {@link #KEPT}, at most {@link #MAX}
 * sign-ins, and discovery looks it up. Static: the host may create a new extension instance per call.
 */
final class SignIns {

    /** How long a sign-in is remembered: far longer than a callback takes. */
    static final Duration KEPT = Duration.ofHours(1);
    static final int MAX = 1_000;

    private record Entry(String openId, Instant until) {
    }

    private static final Map<String, Entry> BY_TOKEN_HASH = new LinkedHashMap<>();

    private SignIns() {
    }

    static void remember(String accessToken, String openId, Instant now) {
        synchronized (BY_TOKEN_HASH) {
            evict(now);
            BY_TOKEN_HASH.put(hash(accessToken), new Entry(openId, now.plus(KEPT)));
            while (BY_TOKEN_HASH.size() > MAX) {
                Iterator<String> oldest = BY_TOKEN_HASH.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** The open_id the sign-in with this access token was for, while it is remembered. */
    static Optional<String> openIdFor(String accessToken, Instant now) {
        synchronized (BY_TOKEN_HASH) {
            evict(now);
            Entry entry = BY_TOKEN_HASH.get(hash(accessToken));
            return entry == null ? Optional.empty() : Optional.of(entry.openId());
        }
    }

    private static void evict(Instant now) {
        BY_TOKEN_HASH.values().removeIf(e -> !now.isBefore(e.until()));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
