-- Like-for-like goals (docs/kpis.md §5): a goal's progress is measured over the accounts that have
-- data at its baseline. When that set changes (an account is connected, deleted, stops reporting or
-- has its history backfilled), the baseline and a relative target move; the goal records each change
-- so that its page can say when and why.
--
-- goal_baseline keeps the set last measured and the baseline it gave. It is written while goals are
-- evaluated (a read), so it has no generation trigger: a change of set is always caused by a write
-- that already moved the generations. Changes are recorded with a compare-and-set on the stored set,
-- so two evaluations running at once record each change once.
CREATE TABLE goal_baseline (
    goal_id      BIGINT           PRIMARY KEY REFERENCES goal (id) ON DELETE CASCADE,
    accounts     BIGINT[]         NOT NULL,
    value        DOUBLE PRECISION,
    recorded_at  TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE TABLE goal_baseline_change (
    id            BIGSERIAL        PRIMARY KEY,
    goal_id       BIGINT           NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    changed_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    account_id    BIGINT           NOT NULL,
    account_name  TEXT             NOT NULL,
    network       TEXT             NOT NULL,
    change        TEXT             NOT NULL CHECK (change IN ('added', 'removed')),
    why           TEXT             NOT NULL,
    old_baseline  DOUBLE PRECISION,
    new_baseline  DOUBLE PRECISION
);

CREATE INDEX goal_baseline_change_goal_idx ON goal_baseline_change (goal_id, changed_at, id);

-- What the last sync refused to store (points for metrics the plugin declares it cannot report, or
-- values out of range), shown on the account; replaced by each sync.
ALTER TABLE sync_state ADD COLUMN warnings TEXT[] NOT NULL DEFAULT '{}';

-- For networks that report only today's follower count but daily gains, the first day of the follower
-- levels Goalpost rebuilt backwards from the first count (NULL when none), shown on the account.
ALTER TABLE sync_state ADD COLUMN followers_derived_from DATE;
