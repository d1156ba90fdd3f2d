package io.goalpost.plugins.instagram.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens the sandbox issues and accepts. They are obviously fake: {@code sandbox-instagram-<username>}
 * for the demo (never expires), and {@code sandbox-instagram-<username>-r<epoch second>} for a token
 * issued by {@code refresh_access_token}, which carries its issue time so the sandbox can enforce the
 * real rules without state: valid 60 days, refreshable once at least 24 hours old. The Facebook Login
 * sign-in ({@link SandboxLogin}) issues Page tokens {@code sandbox-instagram-page-<page id>}, valid for the
 * Instagram account linked to that Page, never expiring and never refreshable.
 */
final class SandboxTokens {

    static final Duration LIFETIME = Duration.ofDays(60);
    static final Duration MIN_REFRESH_AGE = Duration.ofHours(24);

    private static final Pattern TOKEN = Pattern.compile("sandbox-instagram-([a-z0-9._]+?)(?:-r([0-9]{1,12}))?");
    private static final DateTimeFormatter META_DATE =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US).withZone(PostSchedule.PACIFIC);

    private SandboxTokens() {
    }

    /**
     * What a valid token grants.
     *
     * @param account the account it was issued for
     * @param issuedAt when it was issued by a refresh, or empty for a demo token
     * @param pageToken true for the token of a Facebook Page (Facebook Login), which cannot be refreshed
     */
    record Grant(SandboxAccount account, Optional<Instant> issuedAt, boolean pageToken) {
    }

    /** Checks a token as Meta would: unknown → code 190, expired → 190/463. */
    static Grant verify(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw GraphFault.missingToken();
        }
        if (token.startsWith(SandboxLogin.PAGE_TOKEN_PREFIX)) {
            // A Page token from Facebook Login reaches the Instagram account linked to its Page, and never expires.
            SandboxAccount account = SandboxLogin.pageByToken(token).flatMap(SandboxLogin.LinkedPage::instagram)
                    .orElseThrow(GraphFault::invalidToken);
            return new Grant(account, Optional.empty(), true);
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw GraphFault.invalidToken();
        }
        SandboxAccount account = SandboxAccount.byUsername(m.group(1)).orElseThrow(GraphFault::invalidToken);
        Optional<Instant> issuedAt = Optional.ofNullable(m.group(2)).map(s -> Instant.ofEpochSecond(Long.parseLong(s)));
        if (issuedAt.isPresent()) {
            Instant expiry = issuedAt.get().plus(LIFETIME);
            if (now.isAfter(expiry)) {
                throw GraphFault.expiredToken(META_DATE.format(expiry), META_DATE.format(now));
            }
        }
        return new Grant(account, issuedAt, false);
    }

    /** The token a refresh at {@code now} issues. */
    static String refreshed(SandboxAccount account, Instant now) {
        return account.demoToken() + "-r" + now.getEpochSecond();
    }
}
