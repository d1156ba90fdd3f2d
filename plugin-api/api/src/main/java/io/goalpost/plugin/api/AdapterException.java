package io.goalpost.plugin.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The typed failures an adapter reports, translated from its network's status codes, headers and
 * error bodies. The host decides what follows from the type: wait and retry, back off, pause the
 * account, or ask the user to reconnect. Messages are shown to users: plain words, never a token.
 */
public abstract sealed class AdapterException extends Exception {

    private static final long serialVersionUID = 1L;

    private AdapterException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message is null"), cause);
    }

    /** A short stable name of the failure type, e.g. {@code rate_limited}. */
    public abstract String kind();

    /** True when retrying later without user action may succeed. */
    public abstract boolean retryable();

    /** The network throttled us; retry at {@link #retryAt()}. */
    public static final class RateLimited extends AdapterException {
        private static final long serialVersionUID = 1L;
        private final Instant retryAt;

        public RateLimited(String message, Instant retryAt) {
            super(message, null);
            this.retryAt = Objects.requireNonNull(retryAt, "retryAt is null");
        }

        /** When the network will accept calls again (the adapter's best estimate). */
        public Instant retryAt() {
            return retryAt;
        }

        @Override
        public String kind() {
            return "rate_limited";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * A usage cap or paid quota is used up (X's monthly cap, credits): no call succeeds until
     * {@link #resetsAt()} or until someone raises the quota.
     */
    public static final class QuotaExhausted extends AdapterException {
        private static final long serialVersionUID = 1L;
        private final Instant resetsAt;

        public QuotaExhausted(String message, Instant resetsAt) {
            super(message, null);
            this.resetsAt = resetsAt;
        }

        /** When the quota resets, or null when only a person can lift it (buying credits). */
        public Instant resetsAt() {
            return resetsAt;
        }

        @Override
        public String kind() {
            return "quota_exhausted";
        }

        @Override
        public boolean retryable() {
            return resetsAt != null;
        }
    }

    /** The access token expired or was revoked and could not be refreshed: the user must reconnect. */
    public static final class AuthExpired extends AdapterException {
        private static final long serialVersionUID = 1L;

        public AuthExpired(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "auth_expired";
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The token lacks a permission or scope the call needs. */
    public static final class PermissionMissing extends AdapterException {
        private static final long serialVersionUID = 1L;
        private final Set<String> permissions;

        public PermissionMissing(String message, Set<String> permissions) {
            super(message, null);
            this.permissions = Set.copyOf(permissions);
        }

        /** The missing permissions, when the network names them. */
        public Set<String> permissions() {
            return permissions;
        }

        @Override
        public String kind() {
            return "permission_missing";
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The configuration is wrong (unknown account id, retired API version, host not allowed). */
    public static final class ConfigInvalid extends AdapterException {
        private static final long serialVersionUID = 1L;

        public ConfigInvalid(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "config_invalid";
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** A temporary failure (5xx, timeout, network-side transient error code): retry with backoff. */
    public static final class TransientFailure extends AdapterException {
        private static final long serialVersionUID = 1L;

        public TransientFailure(String message, Throwable cause) {
            super(message, cause);
        }

        public TransientFailure(String message) {
            this(message, null);
        }

        @Override
        public String kind() {
            return "transient";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The network answered with something the adapter cannot read (malformed or truncated JSON, missing fields). */
    public static final class BadResponse extends AdapterException {
        private static final long serialVersionUID = 1L;

        public BadResponse(String message, Throwable cause) {
            super(message, cause);
        }

        public BadResponse(String message) {
            this(message, null);
        }

        @Override
        public String kind() {
            return "bad_response";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The cursor is corrupt or from an incompatible version: the host restarts the range without it. */
    public static final class CursorInvalid extends AdapterException {
        private static final long serialVersionUID = 1L;

        public CursorInvalid(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "cursor_invalid";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }
}
