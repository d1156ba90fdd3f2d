-- Sign-in and trust (platform/API-access.md): users with a role, sessions, API tokens, sign-in
-- failures (for the per-user and per-address limits), the one-time setup token, read-only share links
-- and the audit log. Every secret is stored as a SHA-256 digest (random 256-bit values need no slow
-- hash) or, for passwords, an Argon2id hash; the plain value exists only in the answer that creates it.

CREATE TABLE app_user (
    id                  BIGSERIAL   PRIMARY KEY,
    username            TEXT        NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
    password_hash       TEXT        NOT NULL,
    role                TEXT        NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    disabled            BOOLEAN     NOT NULL DEFAULT false,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_sign_in_at     TIMESTAMPTZ
);

CREATE UNIQUE INDEX app_user_username_idx ON app_user (lower(username));

CREATE TABLE user_session (
    id_hash         BYTEA       PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE api_token (
    id              BIGSERIAL   PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role            TEXT        NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    token_hash      BYTEA       NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ
);

CREATE INDEX api_token_user_idx ON api_token (user_id);

CREATE TABLE sign_in_failure (
    id          BIGSERIAL   PRIMARY KEY,
    username    TEXT        NOT NULL,
    address     TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX sign_in_failure_user_idx ON sign_in_failure (username, at);
CREATE INDEX sign_in_failure_address_idx ON sign_in_failure (address, at);

-- At most one row: the token printed at the first start, accepted once while no user exists.
CREATE TABLE setup_token (
    singleton   BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    token_hash  BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE share_link (
    id          BIGSERIAL   PRIMARY KEY,
    token_hash  BYTEA       NOT NULL UNIQUE,
    kind        TEXT        NOT NULL CHECK (kind IN ('dashboard', 'goal')),
    range_from  DATE,
    range_to    DATE,
    goal_id     BIGINT      REFERENCES goal (id) ON DELETE CASCADE,
    created_by  BIGINT      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ,
    CHECK ((kind = 'dashboard' AND range_from IS NOT NULL AND range_to IS NOT NULL AND range_from <= range_to
            AND goal_id IS NULL)
        OR (kind = 'goal' AND goal_id IS NOT NULL AND range_from IS NULL AND range_to IS NULL))
);

-- The actor is kept by id and name, without a foreign key: the entries outlive a deleted user.
CREATE TABLE audit_event (
    id          BIGSERIAL   PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_id    BIGINT,
    actor_name  TEXT,
    via         TEXT        NOT NULL CHECK (via IN ('session', 'token', 'setup', 'system')),
    address     TEXT,
    action      TEXT        NOT NULL,
    target_type TEXT,
    target_id   TEXT,
    target_name TEXT,
    details     JSONB       NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_event_action_idx ON audit_event (action text_pattern_ops, id);
