package io.goalpost.platform.access;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in (the password hash stays in {@link Users}).
 *
 * @param id the user's id
 * @param username the name they sign in with (case-insensitive, unique)
 * @param role what they may do
 * @param disabled whether they are refused sign-in and their sessions and tokens stopped
 * @param createdAt when the user was created
 * @param lastSignInAt their last successful sign-in
 */
public record User(long id, String username, Role role, boolean disabled, OffsetDateTime createdAt,
        Optional<OffsetDateTime> lastSignInAt) {

    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSignInAt, "lastSignInAt");
    }

    /** The user as the API shows it. */
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("username", username).put("role", role.id()).put("disabled", disabled)
                .put("created_at", createdAt.toInstant().toString())
                .put("last_sign_in_at", lastSignInAt.map(t -> t.toInstant().toString()).orElse(null));
    }

    /** Just who: {@code {"id", "username"}}. */
    public JsonObject ref() {
        return new JsonObject().put("id", id).put("username", username);
    }
}
