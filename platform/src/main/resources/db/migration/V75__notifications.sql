-- Goal alerts (issue 13): the admin's SMTP settings, notification channels (webhook, email), the
-- alert rules, what the evaluator last saw of each goal and account, the in-app notifications and
-- each channel's deliveries with their retries.

-- The one SMTP server alert and report email goes through. The password is encrypted with the
-- installation's secret key like account secrets (AES-256-GCM); the API never returns it.
CREATE TABLE smtp_settings (
    id            INT         PRIMARY KEY CHECK (id = 1),
    host          TEXT        NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
    port          INT         NOT NULL CHECK (port BETWEEN 1 AND 65535),
    starttls      BOOLEAN     NOT NULL,
    username      TEXT,
    password      BYTEA,
    from_address  TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by    BIGINT      REFERENCES app_user (id) ON DELETE SET NULL
);

-- Where alerts go. A webhook has a URL and a signing secret, both encrypted (Slack's and Teams' webhook
-- URLs carry their credential in the path), and the URL's origin in clear to show; an email channel a
-- list of addresses. events lists the alert kinds it receives; digest collects them into one message a
-- day.
CREATE TABLE notification_channel (
    id              BIGSERIAL   PRIMARY KEY,
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            TEXT        NOT NULL CHECK (kind IN ('webhook', 'email')),
    url             BYTEA,
    url_origin      TEXT,
    secret          BYTEA,
    recipients      TEXT[]      NOT NULL DEFAULT '{}',
    events          TEXT[]      NOT NULL,
    digest          BOOLEAN     NOT NULL DEFAULT false,
    enabled         BOOLEAN     NOT NULL DEFAULT true,
    last_digest_at  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (kind <> 'webhook' OR (url IS NOT NULL AND secret IS NOT NULL)),
    CHECK (kind <> 'email' OR cardinality(recipients) > 0)
);

-- The alert rules, one row: how long a new state must hold before it alerts (no flapping), and the
-- hour (UTC) daily digests are sent.
CREATE TABLE alert_rules (
    id            INT         PRIMARY KEY CHECK (id = 1),
    hold_minutes  INT         NOT NULL CHECK (hold_minutes BETWEEN 0 AND 10080),
    digest_hour   INT         NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO alert_rules (id, hold_minutes, digest_hour) VALUES (1, 360, 8);

-- What the evaluator last saw of each subject ('goal:12', 'account:3:reconnect', 'account:3:stale'):
-- the state observed and since when, and the state last alerted (or taken as the starting point).
-- A state alerts once it has been observed for the hold time and differs from the one last alerted,
-- so a state that flips back within the hold time sends nothing and each change alerts once.
CREATE TABLE alert_state (
    subject         TEXT        PRIMARY KEY,
    observed        TEXT        NOT NULL,
    observed_since  TIMESTAMPTZ NOT NULL,
    alerted         TEXT        NOT NULL,
    alerted_at      TIMESTAMPTZ
);

-- Every alert raised: the in-app list, and what each channel was sent.
CREATE TABLE notification (
    id          BIGSERIAL   PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    event       TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    state       TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    link        TEXT
);
CREATE INDEX notification_created_idx ON notification (created_at DESC);

-- Who has read which notification (the list is shared; read marks are per person).
CREATE TABLE notification_read (
    notification_id  BIGINT      NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    user_id          BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    read_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, notification_id)
);

-- One notification to one channel: pending until sent, retried with backoff, failed after the last
-- attempt; 'digest' waits for the channel's daily digest.
CREATE TABLE notification_delivery (
    id               BIGSERIAL   PRIMARY KEY,
    notification_id  BIGINT      NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    channel_id       BIGINT      NOT NULL REFERENCES notification_channel (id) ON DELETE CASCADE,
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'digest', 'sent', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error       TEXT,
    sent_at          TIMESTAMPTZ,
    UNIQUE (notification_id, channel_id)
);
CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_delivery_channel_idx ON notification_delivery (channel_id, id DESC);
