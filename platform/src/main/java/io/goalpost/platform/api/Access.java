package io.goalpost.platform.api;

import io.goalpost.platform.access.Role;
import java.util.Optional;

/** Who may call an API route: anyone (sign-in, health, share links), or a signed-in role and those above it. */
public enum Access {
    /** No sign-in: {@code GET /api/health}, the sign-in endpoints and share links, which check their own token. */
    ANYONE(null),
    /** Any signed-in user. */
    VIEWER(Role.VIEWER),
    /** Editors and admins. */
    EDITOR(Role.EDITOR),
    /** Admins only. */
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role that may call the route; empty for {@link #ANYONE}. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }
}
