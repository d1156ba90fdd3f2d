package io.goalpost.plugin.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The scopes an OAuth token answer says were granted ({@code scope}, RFC 6749 §5.1), checked against the
 * ones a plugin needs, so that a permission the person switched off is named at sign-in rather than at
 * the first sync.
 */
public final class GrantedScopes {

    private GrantedScopes() {
    }

    /** The scopes of a {@code scope} value, comma- or space-separated (networks differ); empty when none. */
    public static Set<String> parse(String scope) {
        Set<String> granted = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.split("[,\\s]+")) {
                if (!s.isBlank()) {
                    granted.add(s.strip());
                }
            }
        }
        return granted;
    }

    /**
     * The required scopes that were not granted, in the order required. None when {@code granted} is
     * empty: the network did not say, and the first call will tell.
     */
    public static Set<String> missing(Set<String> granted, Collection<String> required) {
        Set<String> missing = new LinkedHashSet<>();
        if (!granted.isEmpty()) {
            required.stream().filter(s -> !granted.contains(s)).forEach(missing::add);
        }
        return missing;
    }

    /**
     * The scopes a token answer's {@code scope} says were granted, after checking every required one is
     * among them ({@link #missing}).
     *
     * @param answer the token answer's JSON object
     * @param network the network as users know it, e.g. {@code Pinterest}
     * @param why what the scopes are for, e.g. "pins:read reads the pins"
     * @throws AdapterException.PermissionMissing naming the scopes not granted ({@link #notGranted})
     */
    public static Set<String> require(JsonNode answer, Collection<String> required, String network, String why)
            throws AdapterException.PermissionMissing {
        Set<String> granted = parse(answer.path("scope").asText(""));
        Set<String> missing = missing(granted, required);
        if (!missing.isEmpty()) {
            throw notGranted(network, missing, why);
        }
        return granted;
    }

    /**
     * The sign-in failure for scopes not granted.
     *
     * @param network the network as users know it, e.g. {@code Pinterest}
     * @param missing the scopes not granted (not empty)
     * @param why what the scopes are for, e.g. "pins:read reads the pins"
     */
    public static AdapterException.PermissionMissing notGranted(String network, Set<String> missing, String why) {
        return new AdapterException.PermissionMissing(network + " did not grant Goalpost every permission it needs: "
                + String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are") + " missing (" + why
                + "). Connect with " + network + " again and allow them.", missing);
    }
}
