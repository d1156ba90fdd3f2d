package io.goalpost.plugin.support.meta;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link GraphErrors} says that differs between the plugins on the Graph API: the network's name
 * and what the user of that plugin has to do. Every text is a whole sentence (or empty where noted).
 *
 * @param network the network as users know it, e.g. {@code Facebook}
 * @param token what the token is called, e.g. {@code Page access token}
 * @param reconnect what to do when the token is dead, e.g. "Reconnect the Page in Goalpost ..."
 * @param grant what to do when a permission is missing, naming the permissions to grant
 * @param unnamedPermissions the permissions to report when Meta's message names none (may be empty)
 * @param checkAccount what to check when Meta cannot find the account (code 803, 100/33)
 * @param checkParameter what to check when Meta rejects another parameter (code 100); may be empty
 * @param apiBaseUrl the default {@code api_base_url}, offered when Meta says the version is retired
 */
public record GraphWording(String network, String token, String reconnect, String grant,
        Set<String> unnamedPermissions, String checkAccount, String checkParameter, String apiBaseUrl) {

    public GraphWording {
        for (String text : new String[] {network, token, reconnect, grant, checkAccount, apiBaseUrl}) {
            if (Objects.requireNonNull(text, "a wording is null").isBlank()) {
                throw new IllegalArgumentException("a wording is blank");
            }
        }
        unnamedPermissions = Set.copyOf(unnamedPermissions);
        checkParameter = checkParameter == null ? "" : checkParameter;
    }
}
