package io.goalpost.plugins.linkedin.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.sandbox.ConsentPage;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LinkedIn's 3-legged OAuth, simulated for the sandbox's one member ("Alex Sandbox", ADMINISTRATOR of both
 * demo pages): the authorization page, the code exchange at {@code /oauth/v2/accessToken} and the refresh
 * of the member's tokens. Member tokens carry their issue day so the sandbox checks them without state:
 * {@code sandbox-linkedin-member-<epoch day>-<n>} lasts 60 days and reads both pages;
 * {@code sandbox-linkedin-member-refresh-<epoch day of the consent>-<n>} lasts 365 days from the consent,
 * and refreshing does not extend it. Codes are single-use, live 30 minutes, and are numbered in the
 * order they are issued, so a run is repeatable.
 */
final class SandboxLogin {

    static final String APP_NAME = "Goalpost (sandbox app)";
    static final String MEMBER_URN = "urn:li:person:sbx0000042";
    static final String MEMBER_NAME = "Alex Sandbox";

    static final Set<String> KNOWN_SCOPES = Set.of("rw_organization_admin", "r_organization_social",
            "w_organization_social", "r_member_postAnalytics", "openid", "profile", "email");

    static final Duration CODE_LIFETIME = Duration.ofMinutes(30);
    static final long ACCESS_SECONDS = 5_183_999;
    static final int ACCESS_DAYS = 60;
    static final int REFRESH_DAYS = 365;

    private static final Pattern MEMBER_TOKEN = Pattern.compile("sandbox-linkedin-member-([0-9]{1,7})-[0-9]+");
    private static final Pattern MEMBER_REFRESH = Pattern.compile("sandbox-linkedin-member-refresh-([0-9]{1,7})-[0-9]+");

    private record Code(String clientId, String redirectUri, Set<String> scopes, Instant issuedAt, boolean used) {
    }

    private final ObjectMapper mapper;
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    SandboxLogin(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** True for a member access token the sandbox issued and that has not lapsed (60 days from its day). */
    static boolean isLiveMemberToken(String token, Instant now) {
        Matcher m = MEMBER_TOKEN.matcher(token);
        if (!m.matches()) {
            return false;
        }
        long age = now.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() - Long.parseLong(m.group(1));
        return age >= 0 && age < ACCESS_DAYS;
    }

    /** True for a member access token the sandbox issued, lapsed or not. */
    static boolean isMemberToken(String token) {
        return MEMBER_TOKEN.matcher(token).matches();
    }

    // ---- the authorization page ------------------------------------------------------------------

    HttpResponse authorization(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        if (!"code".equals(q.get("response_type"))) {
            return ConsentPage.simple(400, "Bad request", "<p>response_type must be code.</p>");
        }
        if (!LinkedInSandbox.CLIENT_ID.equals(q.get("client_id"))) {
            return ConsentPage.simple(400, "Invalid client", "<p>The passed in client_id is invalid.</p>");
        }
        String redirectUri = q.get("redirect_uri");
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.simple(400, "Invalid redirect_uri",
                    "<p>The redirect_uri is missing or is not an absolute http(s) "
                    + "address.</p>");
        }
        List<String> requested = ConsentPage.scopes(q.get("scope"));
        List<String> unknown = requested.stream().filter(s -> !KNOWN_SCOPES.contains(s)).toList();
        if (requested.isEmpty() || !unknown.isEmpty()) {
            return ConsentPage.simple(400, "Invalid scope",
                    "<p>Scope \"" + ConsentPage.escape(String.join(" ", unknown)) + "\" is not authorized "
                    + "for your application.</p>");
        }
        String state = q.get("state");
        String approve = q.getOrDefault("approve", "");
        if (approve.equals("yes")) {
            Set<String> granted = new LinkedHashSet<>(requested);
            granted.removeAll(ConsentPage.scopes(q.get("decline")));
            String code = "sandbox-linkedin-code-" + issued.incrementAndGet();
            codes.put(code, new Code(q.get("client_id"), redirectUri, Set.copyOf(granted), now, false));
            return ConsentPage.redirect(redirectUri, "code", code, "state", state);
        }
        if (approve.equals("no")) {
            return ConsentPage.redirect(redirectUri, "error", "access_denied",
                    "error_description", "The member declined to authorize the application", "state", state);
        }
        List<String> pages = SandboxOrganization.ALL.stream().map(SandboxOrganization::name).toList();
        return ConsentPage.dialog(request, "Sign in with LinkedIn", APP_NAME, "your LinkedIn pages as " + MEMBER_NAME,
                requested, "Pages you administer: " + String.join(", ", pages), "LinkedIn sandbox");
    }

    // ---- the token endpoint ----------------------------------------------------------------------

    /** {@code grant_type=authorization_code}; the client is already checked. */
    HttpResponse exchangeCode(SandboxQuery form, Instant now) {
        String code = form.decoded("code").orElse("");
        Code issuedCode = codes.get(code);
        if (issuedCode == null || issuedCode.used() || now.isAfter(issuedCode.issuedAt().plus(CODE_LIFETIME))) {
            return oauthError(400, "invalid_request",
                    "Unable to retrieve access token: authorization code not found, already used or expired");
        }
        if (!issuedCode.redirectUri().equals(form.decoded("redirect_uri").orElse(""))) {
            return oauthError(400, "invalid_request",
                    "Unable to retrieve access token: redirect_uri does not match the one of the authorization request");
        }
        if (!codes.replace(code, issuedCode, new Code(issuedCode.clientId(), issuedCode.redirectUri(),
                issuedCode.scopes(), issuedCode.issuedAt(), true))) {
            return oauthError(400, "invalid_request",
                    "Unable to retrieve access token: authorization code not found, already used or expired");
        }
        long day = now.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        long n = issued.incrementAndGet();
        ObjectNode body = mapper.createObjectNode();
        body.put("access_token", "sandbox-linkedin-member-" + day + "-" + n);
        body.put("expires_in", ACCESS_SECONDS);
        body.put("refresh_token", "sandbox-linkedin-member-refresh-" + day + "-" + n);
        body.put("refresh_token_expires_in", REFRESH_DAYS * 86_400L - 1);
        body.put("scope", String.join(",", issuedCode.scopes().stream().sorted().toList()));
        return HttpResponse.json(200, body.toString());
    }

    /** {@code grant_type=refresh_token} with a member's refresh token, or empty for any other refresh token. */
    Optional<HttpResponse> refresh(String refreshToken, Instant now) {
        Matcher m = MEMBER_REFRESH.matcher(refreshToken);
        if (!m.matches()) {
            return Optional.empty();
        }
        long consent = Long.parseLong(m.group(1));
        Instant lapses = java.time.LocalDate.ofEpochDay(consent).plusDays(REFRESH_DAYS).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        if (!now.isBefore(lapses)) {
            return Optional.of(oauthError(400, "invalid_request",
                    "The provided refresh token is invalid, expired or revoked"));
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("access_token", "sandbox-linkedin-member-" + now.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay()
                + "-" + issued.incrementAndGet());
        body.put("expires_in", ACCESS_SECONDS);
        body.put("refresh_token", refreshToken);
        body.put("refresh_token_expires_in", Duration.between(now, lapses).toSeconds());
        body.put("scope", "r_organization_social,rw_organization_admin");
        return Optional.of(HttpResponse.json(200, body.toString()));
    }

    HttpResponse oauthError(int status, String error, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return HttpResponse.json(status, body.toString());
    }
}
