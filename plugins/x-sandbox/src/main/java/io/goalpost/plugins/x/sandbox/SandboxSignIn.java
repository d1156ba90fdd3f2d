package io.goalpost.plugins.x.sandbox;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.SandboxAuthorization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * X's sign-in as the sandbox plays it: the consent page at {@code /i/oauth2/authorize} (as on
 * x.com) and the authorization codes it hands out, redeemed once at the token endpoint against the
 * client, the redirect URI and the PKCE challenge they were issued for.
 *
 * <p>The consent page lets the person pick which demo account signs in; {@code approve=yes} approves at
 * once (a 302, no page) and {@code approve=no} denies. Codes are {@code sandbox-x-code-<n>}, valid
 * {@link #CODE_LIFETIME} on the sandbox clock, single use, kept in memory only (a restart forgets
 * them, as a code is only needed for the seconds of a sign-in).
 */
final class SandboxSignIn {

    static final String AUTHORIZE_PATH = "/i/oauth2/authorize";
    /** The sandbox's choice: X documents no lifetime for its authorization codes. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final String APP_NAME = "Goalpost demo app";

    /** X's OAuth 2.0 scopes; any other is refused on the consent page. */
    static final Set<String> KNOWN_SCOPES = Set.of("tweet.read", "tweet.write", "tweet.moderate.write",
            "users.email", "users.read", "follows.read", "follows.write", "offline.access", "space.read", "mute.read",
            "mute.write", "like.read", "like.write", "list.read", "list.write", "block.read", "block.write",
            "bookmark.read", "bookmark.write", "media.write", "dm.read", "dm.write");

    private static final Map<String, String> MEANINGS = Map.of(
            "tweet.read", "read posts you can see, with their metrics",
            "users.read", "read profiles, including follower counts",
            "offline.access", "stay connected when you are not signed in (a refresh token)");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** A redeemed code, or why it was refused, in X's OAuth error words. */
    record Redeemed(SandboxAuthorization.Grant<SandboxAccount> grant, String error, String description) {
        boolean ok() {
            return grant != null;
        }

        /** The grant's id, which X's tokens carry (the same for every token refreshed from it). */
        String grantId() {
            return "g" + grant.issuedAt().getEpochSecond() + "n" + grant.serial();
        }
    }

    private final SandboxAuthorization<SandboxAccount> flow;

    SandboxSignIn(List<SandboxAccount> accounts) {
        flow = new SandboxAuthorization<>(new SandboxAuthorization.Settings("X", "client_id", SandboxTokens.CLIENT_ID, " ",
                KNOWN_SCOPES, MEANINGS, APP_NAME, "@", "sandbox-x-code-", CODE_LIFETIME, List.of("state", "code"),
                "The user denied the request.", SandboxSignIn::problem), accounts, SandboxAccount::handle,
                a -> "@" + a.handle() + " (" + a.name() + ")");
    }

    /** {@code GET /i/oauth2/authorize}: the consent page, or the redirect back after approving or denying. */
    HttpResponse authorize(HttpRequest request, Instant now) {
        return flow.authorize(request, now);
    }

    /**
     * Redeems a code once: it must be known, unexpired and unused, issued to the same client, for the same
     * redirect URI, and the verifier must match its PKCE challenge. A code is spent by any attempt.
     */
    Redeemed redeem(Map<String, String> form, String clientId, Instant now) {
        var found = flow.redeem(form.getOrDefault("code", ""), now);
        if (found.isEmpty() || !clientId.equals(found.get().request().get("client_id"))) {
            return refused("Value passed for the authorization code was invalid.");
        }
        SandboxAuthorization.Grant<SandboxAccount> p = found.get();
        if (!p.redirectUri().equals(form.get("redirect_uri"))) {
            return refused("Value passed for the redirect uri did not match the uri of the authorization code.");
        }
        String verifier = form.getOrDefault("code_verifier", "");
        String method = p.request().get("code_challenge_method");
        if (!VERIFIER.matcher(verifier).matches() || !challengeOf(verifier, method).equals(p.request().get("code_challenge"))) {
            return refused("Value passed for the code verifier did not match the code challenge.");
        }
        return new Redeemed(p, null, null);
    }

    /** PKCE (RFC 7636): {@code BASE64URL(SHA-256(verifier))} without padding for S256, the verifier itself for plain. */
    static String challengeOf(String verifier, String method) {
        if ("plain".equals(method)) {
            return verifier;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Redeemed refused(String description) {
        return new Redeemed(null, "invalid_request", description);
    }

    /** X's own checks of an authorization request (state and PKCE), after its client, redirect URI and response type. */
    private static Optional<String> problem(Map<String, String> q) {
        String state = q.get("state");
        if (state == null || state.isBlank()) {
            return Optional.of("state is required.");
        }
        String challenge = q.get("code_challenge");
        if (challenge == null || challenge.isBlank()) {
            return Optional.of("code_challenge is required: X requires PKCE.");
        }
        String method = q.get("code_challenge_method");
        if (!"S256".equals(method) && !"plain".equals(method)) {
            return Optional.of("code_challenge_method must be S256 or plain.");
        }
        return Optional.empty();
    }
}
