package io.goalpost.platform.accounts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The sync state of an account, as users see it.
 *
 * @param status pending, pending_check (connected while the network throttled the check: checked at
 *     {@code retryAt}), backfilling (the first sync, fetching the history), syncing, interrupted (a sync
 *     that stopped without finishing: killed, or cut off by a database outage), ok, error, needs_reauth,
 *     permission_missing, rate_limited, quota_exhausted, config_invalid, plugin_missing, plugin_disabled, manual
 * @param syncedThrough every day up to here has been fetched, or null
 * @param lastAttemptAt when the last sync started
 * @param lastSuccessAt when a sync last finished without error
 * @param lastError the last error message (never a secret), or null
 * @param lastErrorKind the typed error's kind ({@code AdapterException.kind()}, e.g. auth_expired,
 *     rate_limited, transient), never the status
 * @param retryAt when the next attempt is due after an error
 * @param notes remarks from the network about the last batch (e.g. data still processing)
 * @param warnings what the last sync refused to store, in words (e.g. values of a metric the plugin
 *     declares it cannot report)
 * @param followersDerivedFrom the first day of the follower levels rebuilt from daily gains, or null
 */
public record SyncStatus(String status, LocalDate syncedThrough, Instant lastAttemptAt, Instant lastSuccessAt,
        String lastError, String lastErrorKind, Instant retryAt, String notes, java.util.List<String> warnings,
        LocalDate followersDerivedFrom) {

    public SyncStatus {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }

    /** The status in plain words, for the UI. */
    public String describe() {
        return switch (status) {
            case "pending" -> "waiting for the first sync";
            case "pending_check" -> "the network is throttling Goalpost, so the connection is not checked yet: "
                    + (retryAt == null ? "Goalpost checks it soon" : "Goalpost checks it at " + retryAt.truncatedTo(
                            java.time.temporal.ChronoUnit.SECONDS)) + " and then fetches its history";
            case "backfilling" -> "fetching the account's history";
            case "syncing" -> "syncing now";
            case "queued" -> retryAt == null ? "queued: continues after the accounts due before it"
                    : "waiting for the network's quota: continues at " + retryAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            case "interrupted" -> "the last sync was interrupted; the next one resumes where it stopped";
            case "ok" -> "up to date";
            case "needs_reauth" -> "token expired or revoked: reconnect the account";
            case "permission_missing" -> "a permission is missing: reconnect and grant it";
            case "rate_limited" -> "the network asked us to slow down: will retry automatically";
            case "quota_exhausted" -> "the API quota is used up";
            case "config_invalid" -> "the account settings are wrong: edit and reconnect";
            case "plugin_missing" -> "the plugin for this network is not installed";
            case "plugin_disabled" -> "the plugin for this network is disabled: history and goals are kept";
            case "manual" -> "fed by manual entry and CSV import";
            default -> "last sync failed: will retry automatically";
        };
    }
}
