package io.goalpost.plugin.api;

import java.util.Objects;

/**
 * A problem with one configuration value. Messages never repeat a secret value.
 *
 * @param field the field key, or {@code "*"} for a problem that concerns several fields
 * @param message what is wrong, in words a user can act on
 */
public record ConfigIssue(String field, String message) {
    public ConfigIssue {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(message, "message is null");
    }
}
