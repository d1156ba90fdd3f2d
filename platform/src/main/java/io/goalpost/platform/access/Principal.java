package io.goalpost.platform.access;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a request acts for: a user, the role it acts with, and how it proved it.
 *
 * @param userId the user
 * @param username their name, as they chose it
 * @param role the role this request has: the user's, or for an API token the lower of the token's and the user's
 * @param via {@link Via#SESSION} (a signed-in browser) or {@link Via#TOKEN} (an API token)
 * @param session the session's digest and CSRF token, for {@link Via#SESSION} only
 * @param tokenId the API token's id, for {@link Via#TOKEN} only
 */
public record Principal(long userId, String username, Role role, Via via, Optional<SessionRef> session,
        Optional<Long> tokenId) {

    private static final String KEY = "goalpost.principal";

    /** How a request proved who it is. */
    public enum Via {
        SESSION, TOKEN;

        /** The name in the API and the audit log. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The session a browser request belongs to.
     *
     * @param idHash SHA-256 of the cookie's value (the value itself is never kept)
     * @param csrfToken what state-changing requests must send in {@code X-CSRF-Token}
     */
    public record SessionRef(byte[] idHash, String csrfToken) {
        public SessionRef {
            Objects.requireNonNull(idHash, "idHash");
            Objects.requireNonNull(csrfToken, "csrfToken");
        }

        @Override
        public String toString() {
            return "SessionRef[redacted]";
        }
    }

    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(tokenId, "tokenId");
        if ((via == Via.SESSION) != session.isPresent()) {
            throw new IllegalArgumentException("a session principal has a session, others none");
        }
    }

    /** The principal of a request, if it is signed in. */
    public static Optional<Principal> of(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(KEY));
    }

    /** The principal of a request that passed the sign-in check. */
    public static Principal required(RoutingContext ctx) {
        Principal p = ctx.get(KEY);
        if (p == null) {
            throw new IllegalStateException("route without a sign-in requirement asks for the principal");
        }
        return p;
    }

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }
}
