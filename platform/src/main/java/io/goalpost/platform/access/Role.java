package io.goalpost.platform.access;

import io.goalpost.platform.api.ApiError;
import java.util.Locale;

/** What a user may do (platform/API-access.md, "Roles"); ordered, each includes the ones before it. */
public enum Role {
    /** Reads dashboards, KPIs, goals, accounts and reports. */
    VIEWER,
    /** Also connects and edits accounts, imports data, edits goals and tactics, shares links. */
    EDITOR,
    /** Also manages users, every API token and reads the audit log. */
    ADMIN;

    /** The name in the API and the database: {@code viewer}, {@code editor}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role includes {@code other}. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower of two roles. */
    public static Role lower(Role a, Role b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Reads a role from the API; 400 naming the roles otherwise. */
    public static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw ApiError.badRequest("role must be one of viewer, editor, admin; got '" + text + "'");
    }

    /** Reads a role stored by this server. */
    static Role stored(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
