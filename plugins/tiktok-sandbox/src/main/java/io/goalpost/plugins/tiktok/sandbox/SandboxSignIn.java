package io.goalpost.plugins.tiktok.sandbox;

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
 * TikTok's sign-in for the API for Business as the sandbox plays it: the consent page at
 * {@code /v2/auth/authorize} (as on www.tiktok.com) and the authorization codes it hands out, redeemed
 * once at {@code /tt_user/oauth2/token/} for the same redirect URI.
 *
 * <p>The consent page lets the person pick which demo account signs in; {@code approve=yes} approves at
 * once (a 302, no page) and {@code approve=no} denies. Approving redirects with the code as
 * {@code auth_code} (what TikTok's API for Business sends) and as {@code code} (what other TikTok
 * callbacks send), plus the state. Codes are {@code sandbox-tiktok-code-<n>}, valid 10 minutes on the
 * sandbox clock (TikTok's lifetime), single use, and kept in memory only.
 */
final class SandboxSignIn {

    static final String AUTHORIZE_PATH = "/v2/auth/authorize";
    /** TikTok: an auth_code is valid for 10 minutes and can be used once. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final String APP_NAME = "Goalpost demo app";

    /** The API for Business's TikTok Accounts scopes; any other is refused on the consent page. */
    static final Set<String> KNOWN_SCOPES = Set.of("user.info.basic", "user.info.username", "user.info.profile",
            "user.info.stats", "user.account.type", "user.insights", "video.list", "video.insights", "comment.list");

    private static final Map<String, String> MEANINGS = Map.of(
            "user.info.basic", "read your display name and profile image",
            "user.insights", "read your account's daily analytics",
            "video.list", "read the list of your videos",
            "video.insights", "read your videos' analytics");

    /** A code waiting to be redeemed. */
    record Pending(SandboxAccount account, String redirectUri, List<String> scopes, Instant expiresAt) {
    }

    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    /** {@code GET /v2/auth/authorize}: the consent page, or the redirect back after approving or denying. */
    HttpResponse authorize(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        String redirectUri = q.get("redirect_uri");
        if (!SandboxTokens.CLIENT_ID.equals(q.get("client_key"))) {
            return ConsentPage.error(400, "TikTok", "This app is not known to the TikTok sandbox (client_key must be "
                    + SandboxTokens.CLIENT_ID + ").");
        }
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.error(400, "TikTok", "The redirect_uri is missing or is not an absolute http(s) URL.");
        }
        if (!"code".equals(q.get("response_type"))) {
            return ConsentPage.error(400, "TikTok", "response_type must be code.");
        }
        String scope = q.getOrDefault("scope", "");
        List<String> scopes = Arrays.stream(scope.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
                .toList();
        if (scopes.isEmpty()) {
            return ConsentPage.error(400, "TikTok", "scope is required.");
        }
        Optional<String> unknown = scopes.stream().filter(s -> !KNOWN_SCOPES.contains(s)).findFirst();
        if (unknown.isPresent()) {
            return ConsentPage.error(400, "TikTok", "Unknown scope: " + unknown.get() + ".");
        }
        String approve = q.getOrDefault("approve", "");
        Map<String, String> back = new LinkedHashMap<>();
        if (approve.equals("no")) {
            back.put("error", "access_denied");
            back.put("error_description", "The user denied the authorization.");
            state(q, back);
            return ConsentPage.redirect(redirectUri, back);
        }
        if (!approve.equals("yes")) {
            List<ConsentPage.Choice> choices = new ArrayList<>();
            SandboxAccount.ALL.forEach(a -> choices.add(new ConsentPage.Choice(a.username(),
                    "@" + a.username() + " (" + a.displayName() + ")")));
            return ConsentPage.page(request.uri().getPath(), q,
                    new ConsentPage.Content("TikTok", APP_NAME, scopes, MEANINGS, choices));
        }
        String username = q.getOrDefault("account", SandboxAccount.ALL.get(0).username());
        SandboxAccount account = SandboxAccount.byUsername(username);
        if (account == null) {
            return ConsentPage.error(400, "TikTok", "There is no demo account @" + username + " in the TikTok sandbox.");
        }
        String code = "sandbox-tiktok-code-" + serial.incrementAndGet();
        codes.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        codes.put(code, new Pending(account, redirectUri, scopes, now.plus(CODE_LIFETIME)));
        back.put("auth_code", code);
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
