package io.goalpost.plugins.pinterest.sandbox;

import io.goalpost.plugin.sandbox.ConsentPage;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pinterest's sign-in as the sandbox plays it: the consent page at {@code /oauth/} (as on
 * www.pinterest.com) and the authorization codes it hands out, redeemed once at {@code /v5/oauth/token}
 * for the same redirect URI.
 *
 * <p>The consent page lets the person pick which demo account signs in; {@code approve=yes} approves at
 * once (a 302, no page) and {@code approve=no} denies. Codes are {@code sandbox-pinterest-code-<n>},
 * valid {@link #CODE_LIFETIME} on the sandbox clock, single use, kept in memory only.
 */
final class SandboxSignIn {

    static final String AUTHORIZE_PATH = "/oauth";
    /** The sandbox's choice: Pinterest documents no lifetime for its authorization codes. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final String APP_NAME = "Goalpost demo app";

    /** Pinterest API v5's OAuth scopes; any other is refused on the consent page. */
    static final Set<String> KNOWN_SCOPES = Set.of("ads:read", "ads:write", "biz_access:read", "biz_access:write",
            "boards:read", "boards:read_secret", "boards:write", "boards:write_secret", "catalogs:read",
            "catalogs:write", "pins:read", "pins:read_secret", "pins:write", "pins:write_secret", "user_accounts:read",
            "user_accounts:write");

    private static final Map<String, String> MEANINGS = Map.of(
            "user_accounts:read", "see your account and its analytics",
            "pins:read", "see your public Pins and their analytics",
            "boards:read", "see your public boards");

    /** A code waiting to be redeemed. */
    record Pending(SandboxAccount account, String redirectUri, List<String> scopes, Instant expiresAt) {
    }

    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    /** {@code GET /oauth/}: the consent page, or the redirect back after approving or denying. */
    HttpResponse authorize(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        String redirectUri = q.get("redirect_uri");
        if (!SandboxAccount.CLIENT_ID.equals(q.get("client_id"))) {
            return ConsentPage.error(400, "Pinterest", "This app is not known to the Pinterest sandbox (client_id must"
                    + " be " + SandboxAccount.CLIENT_ID + ").");
        }
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.error(400, "Pinterest", "The redirect_uri is missing or is not an absolute http(s) URL.");
        }
        if (!"code".equals(q.get("response_type"))) {
            return ConsentPage.error(400, "Pinterest", "response_type must be code.");
        }
        List<String> scopes = Arrays.stream(q.getOrDefault("scope", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
        if (scopes.isEmpty()) {
            return ConsentPage.error(400, "Pinterest", "scope is required.");
        }
        Optional<String> unknown = scopes.stream().filter(s -> !KNOWN_SCOPES.contains(s)).findFirst();
        if (unknown.isPresent()) {
            return ConsentPage.error(400, "Pinterest", "Unknown scope: " + unknown.get() + ".");
        }
        String approve = q.getOrDefault("approve", "");
        Map<String, String> back = new LinkedHashMap<>();
        if (approve.equals("no")) {
            back.put("error", "access_denied");
            back.put("error_description", "The user denied access to the app.");
            state(q, back);
            return ConsentPage.redirect(redirectUri, back);
        }
        if (!approve.equals("yes")) {
            List<ConsentPage.Choice> choices = new ArrayList<>();
            SandboxAccount.ALL.forEach(a -> choices.add(new ConsentPage.Choice(a.handle(),
                    a.businessName() + " (" + a.handle() + ")")));
            return ConsentPage.page(request.uri().getPath(), q,
                    new ConsentPage.Content("Pinterest", APP_NAME, scopes, MEANINGS, choices));
        }
        String handle = q.getOrDefault("account", SandboxAccount.ALL.get(0).handle());
        Optional<SandboxAccount> account = SandboxAccount.byHandle(handle);
        if (account.isEmpty()) {
            return ConsentPage.error(400, "Pinterest", "There is no demo account " + handle + " in the Pinterest sandbox.");
        }
        String code = "sandbox-pinterest-code-" + serial.incrementAndGet();
        codes.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        codes.put(code, new Pending(account.get(), redirectUri, scopes, now.plus(CODE_LIFETIME)));
        back.put("code", code);
        state(q, back);
        return ConsentPage.redirect(redirectUri, back);
    }

    /** Spends a code: the pending grant when it was known and unexpired; empty otherwise (then or now spent). */
    Optional<Pending> redeem(String code, Instant now) {
        Pending p = code == null ? null : codes.remove(code);
        return p == null || !now.isBefore(p.expiresAt()) ? Optional.empty() : Optional.of(p);
    }

    private static void state(Map<String, String> query, Map<String, String> back) {
        String state = query.get("state");
        if (state != null) {
            back.put("state", state);
        }
    }
}
