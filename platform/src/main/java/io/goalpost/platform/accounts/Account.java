package io.goalpost.platform.accounts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * A connected account as stored: its network, its non-secret configuration, its encrypted secrets and
 * what its network says it is.
 *
 * @param id Goalpost's id
 * @param network the plugin's network id, or {@link #MANUAL} for a source fed by imports
 * @param name the name the user gave it
 * @param config non-secret configuration values
 * @param sealedSecrets encrypted secret values, or null
 * @param externalId the network's id of the account, once checked
 * @param handle the public handle, once checked
 * @param displayName the network's display name, once checked
 * @param reportingZone the zone in which the network draws day boundaries
 * @param connectedOn the day the account was connected (history of snapshot-only networks starts here)
 * @param origin where its numbers come from (a real network, a demo sandbox, a person), fixed at connection
 */
public record Account(long id, String network, String name, Map<String, String> config, byte[] sealedSecrets,
        String externalId, String handle, String displayName, ZoneId reportingZone, LocalDate connectedOn,
        AccountOrigin origin) {

    /** The network id of accounts fed only by manual entry and CSV import. */
    public static final String MANUAL = "manual";

    public Account {
        Objects.requireNonNull(network, "network is null");
        Objects.requireNonNull(name, "name is null");
        config = Map.copyOf(config);
        Objects.requireNonNull(reportingZone, "reportingZone is null");
        Objects.requireNonNull(connectedOn, "connectedOn is null");
        Objects.requireNonNull(origin, "origin is null");
    }

    /** An account whose origin follows from its network: {@link AccountOrigin#MANUAL} or {@link AccountOrigin#NETWORK}. */
    public Account(long id, String network, String name, Map<String, String> config, byte[] sealedSecrets,
            String externalId, String handle, String displayName, ZoneId reportingZone, LocalDate connectedOn) {
        this(id, network, name, config, sealedSecrets, externalId, handle, displayName, reportingZone, connectedOn,
                MANUAL.equals(network) ? AccountOrigin.MANUAL : AccountOrigin.NETWORK);
    }

    /** True for a manual source. */
    public boolean isManual() {
        return MANUAL.equals(network);
    }
}
