-- Accounts that stay connected (issue 10): each network's app credentials for its "Connect with …"
-- sign-in, the sign-in flows in progress, when each account's tokens lapse, and the progress of an
-- account's first sync (its backfill).

-- One row per network whose app an admin entered (or the demo preset). The client secret is
-- encrypted with the installation's secret key like account secrets (AES-256-GCM); the API never
-- returns it.
CREATE TABLE network_app (
    network        TEXT        PRIMARY KEY,
    client_id      TEXT        NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
    client_secret  BYTEA       NOT NULL,
    base_url       TEXT,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by     BIGINT      REFERENCES app_user (id) ON DELETE SET NULL
);

-- A sign-in in progress. The state (256 random bits) is stored as its SHA-256 only; it is single use:
-- the callback may arrive once, before expires_at (10 minutes after the start), and the discovered
-- accounts may then be connected once (used_at), within the pick time that the callback sets. The
-- PKCE verifier and the discovered accounts (whose configuration holds tokens) are encrypted.
CREATE TABLE oauth_flow (
    id                    BIGSERIAL   PRIMARY KEY,
    state_hash            BYTEA       NOT NULL UNIQUE,
    network               TEXT        NOT NULL,
    user_id               BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    reconnect_account_id  BIGINT      REFERENCES account (id) ON DELETE CASCADE,
    code_verifier         BYTEA,
    redirect_uri          TEXT        NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at            TIMESTAMPTZ NOT NULL,
    called_back_at        TIMESTAMPTZ,
    discovered            BYTEA,
    used_at               TIMESTAMPTZ
);

CREATE INDEX oauth_flow_expires_idx ON oauth_flow (expires_at);

-- When an account's stored tokens lapse, as the plugin reported at connect or after a refresh
-- (null: does not lapse, or not known).
ALTER TABLE account ADD COLUMN access_expires_at TIMESTAMPTZ;
ALTER TABLE account ADD COLUMN refresh_expires_at TIMESTAMPTZ;

-- The first sync of an account fetches its whole history: how far it got. backfill_done_at is set when
-- a sync first finishes; until then the account is backfilling.
ALTER TABLE sync_state ADD COLUMN backfill_started_at TIMESTAMPTZ;
ALTER TABLE sync_state ADD COLUMN backfill_done_at TIMESTAMPTZ;
ALTER TABLE sync_state ADD COLUMN backfill_days_total INT;
ALTER TABLE sync_state ADD COLUMN backfill_days_done INT NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN backfill_posts INT NOT NULL DEFAULT 0;

-- Accounts that synced before this migration have finished their backfill.
UPDATE sync_state SET backfill_done_at = last_success_at WHERE last_success_at IS NOT NULL;
