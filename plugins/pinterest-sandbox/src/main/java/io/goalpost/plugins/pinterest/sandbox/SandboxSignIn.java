package io.goalpost.plugins.pinterest.sandbox;

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
 * Pinterest's sign-in as the sandbox plays it: the consent page at {@code /oauth/} (as on
 * www.pinterest.com) and the authorization codes it hands out, redeemed once at {@code /v5/oauth/token}
 * for the same redirect URI.
 *
 * <p>The consent page lets the person pick which demo account signs in; {@code approve=yes} approves at
 * once (a 302, no page) and {@code approve=no} denies. Codes are {@code sandbox-pinterest-code-<n>},
 * valid {@link #CODE_LIFETIME} on the sandbox clock, single use, kept in memory only (the flow is the
 * sandbox API's {@link SandboxAuthorization}).
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

    private final SandboxAuthorization<SandboxAccount> flow = new SandboxAuthorization<>(new SandboxAuthorization.Settings(
            "Pinterest", "client_id", SandboxAccount.CLIENT_ID, ",", KNOWN_SCOPES, MEANINGS, APP_NAME, "",
            "sandbox-pinterest-code-", CODE_LIFETIME, List.of("code", "state"), "The user denied access to the app.",
            q -> Optional.empty()), SandboxAccount.ALL, SandboxAccount::handle, a -> a.businessName() + " (" + a.handle() + ")");

    /** {@code GET /oauth/}: the consent page, or the redirect back after approving or denying. */
    HttpResponse authorize(HttpRequest request, Instant now) {
        return flow.authorize(request, now);
    }

    /** Spends a code: the grant when it was known and unexpired; empty otherwise (then or now spent). */
    Optional<SandboxAuthorization.Grant<SandboxAccount>> redeem(String code, Instant now) {
        return flow.redeem(code, now);
    }
}
