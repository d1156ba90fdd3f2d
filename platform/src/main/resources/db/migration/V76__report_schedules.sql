-- Scheduled reports (issue 13): a report emailed weekly or monthly to a list of addresses, through the
-- SMTP settings of V75, and each run with its delivery result and retries.

-- A schedule: weekly on a weekday, or monthly on the 1st, at an hour (UTC). next_run_at is when its
-- next run is due; the scheduler task moves it on when it queues a run.
CREATE TABLE report_schedule (
    id           BIGSERIAL   PRIMARY KEY,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    frequency    TEXT        NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
    weekday      INT         NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
    hour         INT         NOT NULL DEFAULT 7 CHECK (hour BETWEEN 0 AND 23),
    recipients   TEXT[]      NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 50),
    enabled      BOOLEAN     NOT NULL DEFAULT true,
    next_run_at  TIMESTAMPTZ NOT NULL,
    created_by   BIGINT      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One run of a schedule: the period it reports, and its delivery: pending until sent, retried with
-- backoff, failed after the last attempt. A schedule runs once per due time (the unique key), however
-- many instances poll.
CREATE TABLE report_run (
    id               BIGSERIAL   PRIMARY KEY,
    schedule_id      BIGINT      NOT NULL REFERENCES report_schedule (id) ON DELETE CASCADE,
    due_at           TIMESTAMPTZ NOT NULL,
    period_from      DATE        NOT NULL,
    period_to        DATE        NOT NULL,
    manual           BOOLEAN     NOT NULL DEFAULT false,
    status           TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT,
    sent_at          TIMESTAMPTZ,
    pdf_bytes        INT,
    UNIQUE (schedule_id, due_at)
);
CREATE INDEX report_run_due_idx ON report_run (next_attempt_at) WHERE status = 'pending';
CREATE INDEX report_run_schedule_idx ON report_run (schedule_id, id DESC);
