package io.goalpost.plugin.api;

import java.util.Objects;
import java.util.Set;

/**
 * A successful connection check. Failures are thrown as {@link AdapterException}s instead.
 *
 * @param identity who the account is
 * @param grantedPermissions permissions or scopes the token has, when the network says
 * @param missingOptionalPermissions permissions that would let the adapter report more metrics
 */
public record CheckResult(AccountIdentity identity, Set<String> grantedPermissions,
        Set<String> missingOptionalPermissions) {
    public CheckResult {
        Objects.requireNonNull(identity, "identity is null");
        grantedPermissions = Set.copyOf(Objects.requireNonNull(grantedPermissions, "grantedPermissions is null"));
        missingOptionalPermissions = Set.copyOf(
                Objects.requireNonNull(missingOptionalPermissions, "missingOptionalPermissions is null"));
    }

    /** A check result without permission information. */
    public static CheckResult of(AccountIdentity identity) {
        return new CheckResult(identity, Set.of(), Set.of());
    }
}
