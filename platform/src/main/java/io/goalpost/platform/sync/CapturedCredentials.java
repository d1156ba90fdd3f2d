package io.goalpost.platform.sync;

import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.platform.accounts.AccountStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials port of a connection check whose account is not saved yet (a connect), or is saved
 * only once the check passes (a reconnect or an edit): it keeps what the adapter stores, so the caller
 * saves the rotated tokens with the account instead of the ones the network has just voided. X and
 * TikTok rotate their refresh token on every use; throwing the new one away breaks the account.
 */
public final class CapturedCredentials implements CredentialsPort {

    private final Map<String, String> updated = new LinkedHashMap<>();
    private AccountStore.TokenExpiry expiry;

    @Override
    public synchronized void store(Map<String, String> values) {
        updated.putAll(values);
    }

    @Override
    public synchronized void expires(Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt) {
        // A value left out keeps what an earlier report of this check said (CredentialsPort's contract).
        AccountStore.TokenExpiry reported = AccountStore.TokenExpiry.of(accessExpiresAt, refreshExpiresAt);
        expiry = expiry == null ? reported : expiry.then(reported);
    }

    /** The values the adapter stored (field key to value), latest last; empty when it stored none. */
    public synchronized Map<String, String> updated() {
        return Map.copyOf(updated);
    }

    /**
     * When the stored tokens lapse, if the adapter said; a field it did not report is null (unknown:
     * the caller keeps what it knew, see {@link AccountStore.TokenExpiry#then}).
     */
    public synchronized Optional<AccountStore.TokenExpiry> expiry() {
        return Optional.ofNullable(expiry);
    }

    @Override
    public synchronized String toString() {
        return "CapturedCredentials[keys=" + updated.keySet() + ", expiry=" + expiry + "]";
    }
}
