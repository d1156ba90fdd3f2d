package io.goalpost.plugins.pinterest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One GET against the Pinterest API.
 *
 * @param path path below the API base URL, e.g. {@code /user_account/analytics}
 * @param query query parameters in the order they are sent; null values are left out
 * @param scopes the OAuth scopes the endpoint needs, named when Pinterest refuses it (403)
 * @param passThrough statuses the caller handles itself (e.g. 404 for a deleted pin) instead of the
 *     usual translation into an {@link io.goalpost.plugin.api.AdapterException}
 */
record ApiCall(String path, Map<String, String> query, Set<String> scopes, Set<Integer> passThrough) {

    static final String SCOPE_USER_ACCOUNTS = "user_accounts:read";
    static final String SCOPE_PINS = "pins:read";

    ApiCall {
        Objects.requireNonNull(path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        // LinkedHashMap keeps the order (tests and logs read better) and allows null values.
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(query, "query is null")));
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes is null"));
        passThrough = Set.copyOf(Objects.requireNonNull(passThrough, "passThrough is null"));
    }

    /** A call whose every error status is translated. */
    static ApiCall of(String path, Map<String, String> query, String scope) {
        return new ApiCall(path, query, Set.of(scope), Set.of());
    }

    /** This call, leaving the given statuses to the caller. */
    ApiCall passingThrough(Integer... statuses) {
        return new ApiCall(path, query, scopes, Set.of(statuses));
    }
}
