-- Core storage: connected accounts, their daily metric points, posts, and sync state.

CREATE TABLE account (
    id              BIGSERIAL PRIMARY KEY,
    network         TEXT        NOT NULL,              -- plugin network id, or 'manual'
    name            TEXT        NOT NULL,
    config          JSONB       NOT NULL DEFAULT '{}', -- non-secret configuration values
    secrets         BYTEA,                             -- AES-GCM encrypted JSON of secret values
    external_id     TEXT,
    handle          TEXT,
    display_name    TEXT,
    reporting_zone  TEXT        NOT NULL DEFAULT 'UTC',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    connected_on    DATE        NOT NULL DEFAULT CURRENT_DATE
);

CREATE INDEX account_network_idx ON account (network);

-- One value per account, metric and day. Upserts keyed on the primary key make re-delivery harmless.
CREATE TABLE metric_point (
    account_id  BIGINT           NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    metric      TEXT             NOT NULL,
    day         DATE             NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    source      TEXT             NOT NULL DEFAULT 'sync', -- 'sync', 'manual', 'csv', 'derived'
    PRIMARY KEY (account_id, metric, day)
);

CREATE TABLE post (
    account_id    BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    post_id       TEXT        NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    published_day DATE        NOT NULL, -- in the account's reporting zone
    type          TEXT        NOT NULL,
    permalink     TEXT,
    PRIMARY KEY (account_id, post_id)
);

CREATE INDEX post_day_idx ON post (account_id, published_day);

-- Lifetime metrics of a post as seen on a given day: the history of a post's growth.
CREATE TABLE post_metric (
    account_id  BIGINT           NOT NULL,
    post_id     TEXT             NOT NULL,
    metric      TEXT             NOT NULL,
    seen_on     DATE             NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (account_id, post_id, metric, seen_on),
    FOREIGN KEY (account_id, post_id) REFERENCES post (account_id, post_id) ON DELETE CASCADE
);

CREATE TABLE sync_state (
    account_id       BIGINT PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    status           TEXT        NOT NULL DEFAULT 'pending', -- pending, syncing, ok, error, needs_reauth, rate_limited
    synced_through   DATE,        -- every day up to here has been fetched completely
    window_from      DATE,        -- the window in progress, with the cursor to resume it
    window_to        DATE,
    cursor_version   INT,
    cursor_token     TEXT,
    last_attempt_at  TIMESTAMPTZ,
    last_success_at  TIMESTAMPTZ,
    last_error       TEXT,
    last_error_kind  TEXT,
    last_error_at    TIMESTAMPTZ,
    retry_at         TIMESTAMPTZ,
    notes            TEXT
);

-- db-scheduler's table: sync jobs leased with SELECT ... FOR UPDATE SKIP LOCKED across instances.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
