package io.goalpost.platform.access;

import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.config.HttpBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and trust for one server (platform/API-access.md): its users, sessions, API tokens, sign-in
 * limits, the first-admin setup and the request {@link Authenticator}. Everything lives in PostgreSQL,
 * so instances sharing a database share it all.
 */
public final class AccessControl {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    /** How often ended sessions and old sign-in failures are removed. */
    private static final long PURGE_EVERY_MS = 60 * 60 * 1000L;

    private final Vertx vertx;
    private final Users users;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final SignInLimiter limiter;
    private final SetupToken setup;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicBoolean demo = new AtomicBoolean();
    private long purgeTimer = -1;

    public AccessControl(Vertx vertx, Pool pool, AuditLog audit, Clock clock, HttpBinding binding) {
        this(vertx, pool, pool, audit, clock, binding);
    }

    /**
     * With the session and API-token look-ups of every request on a pool of their own ({@code lookups},
     * the quick pool): on the analytics pool they queued behind a dashboard recomputation's roll-up
     * queries, and a cached answer waited for them.
     */
    public AccessControl(Vertx vertx, Pool pool, Pool lookups, AuditLog audit, Clock clock, HttpBinding binding) {
        this.vertx = vertx;
        this.users = new Users(vertx, pool);
        this.sessions = new Sessions(lookups);
        this.tokens = new ApiTokens(lookups);
        this.limiter = new SignInLimiter(pool);
        this.setup = new SetupToken(pool, users);
        this.authenticator = new Authenticator(sessions, tokens, binding);
        this.audit = audit;
        this.clock = clock;
    }

    /** Removes ended sessions and expired sign-in failures now and every hour. */
    public void startHousekeeping() {
        purge();
        purgeTimer = vertx.setPeriodic(PURGE_EVERY_MS, id -> purge());
    }

    /** Stops the housekeeping timer. */
    public void stop() {
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
    }

    private void purge() {
        Future.all(sessions.purgeEnded(), limiter.purge())
                .onFailure(e -> LOG.debug("Housekeeping of sessions skipped: {}", e.getMessage()));
    }

    /**
     * Makes sure someone can sign in: when no user exists, creates the admin {@code adminUser} with
     * {@code adminPassword} if given ({@code GOALPOST_ADMIN_PASSWORD}), or else issues the one-time
     * setup token and returns it (to print on the console). Empty when users exist or the admin was created.
     */
    public Future<Optional<String>> ensureFirstAdmin(Optional<String> adminUser, Optional<String> adminPassword) {
        return users.anyExists().compose(any -> {
            if (any) {
                return Future.succeededFuture(Optional.empty());
            }
            if (adminPassword.isPresent()) {
                String name = adminUser.filter(s -> !s.isBlank()).orElse("admin");
                return users.create(name, adminPassword.get(), Role.ADMIN)
                        .compose(u -> audit.record(AuditLog.Actor.system(), null, "setup.admin_created",
                                AuditLog.Target.of("user", u.id(), u.username()), null).map(Optional.<String>empty()));
            }
            return setup.issue().map(Optional::of);
        });
    }

    /**
     * An API token for a tool that runs beside the server (the benchmark, tests): for the user
     * {@code username} with {@code role}, created with a random password nobody knows if missing.
     */
    public Future<String> toolToken(String username, Role role, String tokenName) {
        return users.find(username)
                .compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
                        : users.create(username, Secrets.random("pw-"), role))
                .compose(u -> tokens.create(u, tokenName, role, Optional.empty(), java.time.LocalDate.now(clock)))
                .map(ApiTokens.Created::value);
    }

    /** Marks this server as the demo: its sign-in page names the demo users. */
    public void markDemo() {
        demo.set(true);
    }

    /** Whether this server runs the demo. */
    public boolean isDemo() {
        return demo.get();
    }

    public Users users() {
        return users;
    }

    public Sessions sessions() {
        return sessions;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public SignInLimiter limiter() {
        return limiter;
    }

    public SetupToken setup() {
        return setup;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public AuditLog audit() {
        return audit;
    }

    public Clock clock() {
        return clock;
    }

    Vertx vertx() {
        return vertx;
    }
}
