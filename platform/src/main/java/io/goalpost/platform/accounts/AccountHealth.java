package io.goalpost.platform.accounts;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What an account needs from a person, computed when it is read (platform/API-accounts.md): whether
 * it can sync now and why not, whether its sign-in lapses soon ({@code needs_attention}, from
 * {@link #WARN_BEFORE} before), and how far its first sync (the backfill) got.
 *
 * @param status the sync status to show: the stored one, or {@code needs_attention} / {@code needs_reauth}
 *     when the account's tokens lapse soon / have lapsed
 * @param statusText that status in words
 * @param canSync whether "Sync now" can do anything
 * @param cannotSyncReason why not, in words, or null
 * @param tokenHealth {@code {accessExpiresAt, refreshExpiresAt, warning}}, or null for a manual source
 * @param backfill {@code {daysFetched, daysToFetch, postsFetched, startedAt, estimatedDoneAt}} while the
 *     first sync has not finished, else null
 */
public record AccountHealth(String status, String statusText, boolean canSync, String cannotSyncReason,
        JsonObject tokenHealth, JsonObject backfill) {

    /** How long before a token that cannot be renewed (or a refresh token) lapses the account warns. */
    public static final Duration WARN_BEFORE = Duration.ofDays(14);

    /**
     * The health of an account.
     *
     * @param stored the account as stored
     * @param networkName the network's name, or null when its plugin is not installed
     * @param refreshable whether the account holds a refresh token (its access token is renewed without a person)
     * @param lookbackDays the days of history its network keeps (the backfill's length before it starts)
     * @param now the time
     */
    public static AccountHealth of(AccountStore.Stored stored, String networkName, boolean refreshable, int lookbackDays,
            Instant now) {
        Account a = stored.account();
        SyncStatus s = stored.sync();
        if (a.isManual()) {
            return new AccountHealth(s.status(), s.describe(), false,
                    "a manual source is fed by manual entry and CSV import; it has nothing to sync", null, null);
        }
        AccountStore.TokenExpiry t = stored.tokens();
        // The date the account stops working without a new sign-in: its refresh token's end, or the end
        // of an access token nothing renews.
        Instant lapses = t.refreshExpiresAt() != null ? t.refreshExpiresAt()
                : !refreshable ? t.accessExpiresAt() : null;
        String what = t.refreshExpiresAt() != null ? "the sign-in (refresh token)" : "the access token";
        String warning = null;
        boolean lapsed = false;
        if (lapses != null && !lapses.isAfter(now)) {
            lapsed = true;
            warning = capitalised(what) + " lapsed on " + day(lapses) + ": reconnect the account to sync it again.";
        } else if (lapses != null && lapses.isBefore(now.plus(WARN_BEFORE))) {
            long days = Math.max(0, ChronoUnit.DAYS.between(now, lapses));
            warning = capitalised(what) + " lapses on " + day(lapses) + " (" + (days == 0 ? "within a day" : "in " + days
                    + (days == 1 ? " day" : " days")) + ")" + (t.refreshExpiresAt() == null ? " and cannot be renewed" : "")
                    + ": reconnect the account before then to keep it syncing.";
        }
        JsonObject tokenHealth = new JsonObject().put("accessExpiresAt", str(t.accessExpiresAt()))
                .put("refreshExpiresAt", str(t.refreshExpiresAt())).put("warning", warning);

        String status = s.status();
        String text = s.describe();
        boolean healthy = status.equals("ok") || status.equals("pending") || status.equals("syncing")
                || status.equals("backfilling") || status.equals("queued") || status.equals("interrupted") || status.equals("error") || status.equals("rate_limited");
        if (warning != null && healthy) {
            status = lapsed ? "needs_reauth" : "needs_attention";
            text = warning;
        }
        String reason = null;
        if (networkName == null && s.status().equals("plugin_disabled") && s.lastError() != null) {
            reason = s.lastError();
        } else if (networkName == null) {
            reason = "the plugin for network '" + a.network() + "' is not installed: install it to sync this account";
        } else if (lapsed) {
            reason = warning;
        } else {
            reason = switch (s.status()) {
                case "needs_reauth" -> "the token expired or was revoked: reconnect the account to sync it again";
                case "permission_missing" -> "a permission is missing: reconnect the account and grant it";
                case "config_invalid" -> "the account's settings are wrong: edit or reconnect the account";
                default -> null; // plugin_missing too: the plugin is back, a sync can run
            };
        }

        JsonObject backfill = null;
        AccountStore.Backfill b = stored.backfill();
        if (b.running()) {
            backfill = backfill(b, lookbackDays, now);
            if (status.equals("backfilling")) {
                String estimate = backfill.getString("estimatedDoneAt");
                text = "fetching the account's history: " + backfill.getInteger("daysFetched") + " of "
                        + backfill.getInteger("daysToFetch") + " days, " + b.posts() + (b.posts() == 1 ? " post" : " posts")
                        + " so far" + (estimate == null ? "" : "; done in about "
                        + words(Duration.between(now, Instant.parse(estimate))));
            }
        }
        return new AccountHealth(status, text, reason == null, reason, tokenHealth, backfill);
    }

    /**
     * A running backfill's progress: {@code {daysFetched, daysToFetch, postsFetched, startedAt,
     * estimatedDoneAt}}; the estimate extrapolates the days fetched so far over the time they took.
     */
    public static JsonObject backfill(AccountStore.Backfill b, int lookbackDays, Instant now) {
        int total = b.daysTotal() == null ? lookbackDays : b.daysTotal();
        int done = Math.min(b.daysDone(), total);
        Instant estimate = null;
        if (b.startedAt() != null && done > 0 && done < total) {
            long elapsed = Math.max(1, Duration.between(b.startedAt(), now).toSeconds());
            estimate = now.plusSeconds(elapsed * (total - done) / done).truncatedTo(ChronoUnit.SECONDS);
        }
        return new JsonObject().put("daysFetched", done).put("daysToFetch", total).put("postsFetched", b.posts())
                .put("startedAt", str(b.startedAt())).put("estimatedDoneAt", str(estimate));
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A duration in rounded words: "3 minutes", "2 hours", "4 days". */
    static String words(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes < 90) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = (minutes + 30) / 60;
        if (hours < 48) {
            return hours + " hours";
        }
        return (hours + 12) / 24 + " days";
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
