package io.goalpost.plugins.x.sandbox;

import io.goalpost.plugin.sandbox.ConsentPage;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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

    /** A code waiting to be redeemed. */
    record Pending(SandboxAccount account, String grantId, String clientId, String redirectUri, String challenge,
            String method, List<String> scopes, Instant expiresAt) {
    }

    /** A redeemed code, or why it was refused, in X's OAuth error words. */
    record Redeemed(Pending grant, String error, String description) {
        boolean ok() {
            return grant != null;
        }
    }

    private final List<SandboxAccount> accounts;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    SandboxSignIn(List<SandboxAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** {@code GET /i/oauth2/authorize}: the consent page, or the redirect back after approving or denying. */
    HttpResponse authorize(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        String redirectUri = q.get("redirect_uri");
        if (!SandboxTokens.CLIENT_ID.equals(q.get("client_id"))) {
            return ConsentPage.error(400, "X", "This app is not known to the X sandbox (client_id must be "
                    + SandboxTokens.CLIENT_ID + ").");
        }
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.error(400, "X", "The redirect_uri is missing or is not an absolute http(s) URL.");
        }
        Optional<String> problem = problem(q);
        if (problem.isPresent()) {
            return ConsentPage.error(400, "X", problem.get());
        }
        List<String> scopes = Arrays.stream(q.get("scope").split(" ")).filter(s -> !s.isEmpty()).distinct().toList();
        String approve = q.getOrDefault("approve", "");
        if (approve.equals("no")) {
            Map<String, String> back = new LinkedHashMap<>();
            back.put("error", "access_denied");
            back.put("error_description", "The user denied the request.");
            back.put("state", q.get("state"));
            return ConsentPage.redirect(redirectUri, back);
        }
        if (!approve.equals("yes")) {
            List<ConsentPage.Choice> choices = new ArrayList<>();
            accounts.forEach(a -> choices.add(new ConsentPage.Choice(a.handle(), "@" + a.handle() + " (" + a.name() + ")")));
            return ConsentPage.page(request.uri().getPath(), q,
                    new ConsentPage.Content("X", APP_NAME, scopes, MEANINGS, choices));
        }
        String handle = q.getOrDefault("account", accounts.get(0).handle());
        Optional<SandboxAccount> account = accounts.stream().filter(a -> a.handle().equals(handle)).findFirst();
        if (account.isEmpty()) {
            return ConsentPage.error(400, "X", "There is no demo account @" + handle + " in the X sandbox.");
        }
        long n = serial.incrementAndGet();
        String code = "sandbox-x-code-" + n;
        codes.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        codes.put(code, new Pending(account.get(), "g" + now.getEpochSecond() + "n" + n, q.get("client_id"), redirectUri,
                q.get("code_challenge"), q.get("code_challenge_method"), scopes, now.plus(CODE_LIFETIME)));
        Map<String, String> back = new LinkedHashMap<>();
        back.put("state", q.get("state"));
        back.put("code", code);
        return ConsentPage.redirect(redirectUri, back);
    }

    /**
     * Redeems a code once: it must be known, unexpired and unused, issued to the same client, for the same
     * redirect URI, and the verifier must match its PKCE challenge. A code is spent by any attempt.
     */
    Redeemed redeem(Map<String, String> form, String clientId, Instant now) {
        Pending p = codes.remove(form.getOrDefault("code", ""));
        if (p == null || !now.isBefore(p.expiresAt()) || !p.clientId().equals(clientId)) {
            return refused("Value passed for the authorization code was invalid.");
        }
        if (!p.redirectUri().equals(form.get("redirect_uri"))) {
            return refused("Value passed for the redirect uri did not match the uri of the authorization code.");
        }
        String verifier = form.getOrDefault("code_verifier", "");
        if (!VERIFIER.matcher(verifier).matches() || !challengeOf(verifier, p.method()).equals(p.challenge())) {
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

    /** What is wrong with an authorization request whose client and redirect URI are fine, if anything. */
    private static Optional<String> problem(Map<String, String> q) {
        if (!"code".equals(q.get("response_type"))) {
            return Optional.of("response_type must be code.");
        }
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
        String scope = q.get("scope");
        if (scope == null || scope.isBlank()) {
            return Optional.of("scope is required.");
        }
        for (String s : scope.split(" ")) {
            if (!s.isEmpty() && !KNOWN_SCOPES.contains(s)) {
                return Optional.of("Unknown scope: " + s + ".");
            }
        }
        return Optional.empty();
    }
}
