package io.goalpost.plugin.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An account the signed-in person may connect, found by {@link NetworkAuthorizer#discover}.
 *
 * @param externalId the network's id of the account (what {@link AccountIdentity#externalId()} will be)
 * @param name its name, to show in the list and to name the account in Goalpost
 * @param handle its handle or URL name, if any
 * @param config the raw configuration that connects it, secrets included (e.g. a Page id and its
 *     Page token); validated against the descriptor's {@link ConfigSpec} like a pasted one
 * @param accessExpiresAt when that configuration's access token lapses, if it does
 * @param refreshExpiresAt when its refresh token lapses, if it does
 * @param note why it is listed or what to know, e.g. "Instagram account of the Page Coffee Co."
 */
public record DiscoveredAccount(String externalId, String name, Optional<String> handle, Map<String, String> config,
        Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt, Optional<String> note) {

    public DiscoveredAccount {
        Objects.requireNonNull(externalId, "externalId is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(handle, "handle is null");
        config = Map.copyOf(Objects.requireNonNull(config, "config is null"));
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt is null");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt is null");
        Objects.requireNonNull(note, "note is null");
    }

    @Override
    public String toString() {
        return "DiscoveredAccount[externalId=" + externalId + ", name=" + name + ", config keys=" + config.keySet() + "]";
    }
}
