package io.goalpost.plugin.api;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Who a connected account is on its network.
 *
 * @param externalId the network's id of the account (page id, user id, organization URN)
 * @param handle the public handle or vanity name, or the id when there is none
 * @param displayName the account's display name
 * @param reportingZone the time zone in which the network draws its day boundaries (Meta: Pacific
 *     time; most others UTC)
 */
public record AccountIdentity(String externalId, String handle, String displayName, ZoneId reportingZone) {
    public AccountIdentity {
        Objects.requireNonNull(externalId, "externalId is null");
        handle = handle == null || handle.isBlank() ? externalId : handle;
        displayName = displayName == null || displayName.isBlank() ? handle : displayName;
        Objects.requireNonNull(reportingZone, "reportingZone is null");
    }
}
