package io.goalpost.plugins.tiktok.sandbox;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.SandboxAuthorization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    private final SandboxAuthorization<SandboxAccount> flow = new SandboxAuthorization<>(new SandboxAuthorization.Settings(
            "TikTok", "client_key", SandboxTokens.CLIENT_ID, ",", KNOWN_SCOPES, MEANINGS, APP_NAME, "@",
            "sandbox-tiktok-code-", CODE_LIFETIME, List.of("auth_code", "code", "state"), "The user denied the authorization.",
            q -> Optional.empty()), SandboxAccount.ALL, SandboxAccount::username,
            a -> "@" + a.username() + " (" + a.displayName() + ")");

    /** {@code GET /v2/auth/authorize}: the consent page, or the redirect back after approving or denying. */
    HttpResponse authorize(HttpRequest request, Instant now) {
        return flow.authorize(request, now);
    }

    /** Spends a code: the grant when it was known and unexpired; empty otherwise (then or now spent). */
    Optional<SandboxAuthorization.Grant<SandboxAccount>> redeem(String code, Instant now) {
        return flow.redeem(code, now);
    }
}
